package io.tributary.common.asp;

import io.tributary.common.link.VectorCodec;
import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages one data centre's mirror client sends to another's mirror server (thesis §5.3.2),
 * and their compact binary encoding. Several messages to the same destination travel packed in
 * one frame: {@code 'A'}, varint count, then each message (type byte and body). Parameter
 * indices are shard-relative varints, update values use {@link VectorCodec} (sparse or dense,
 * whichever is smaller).
 *
 * <p>Updates, clocks and FINISHED carry their <em>origin</em>, the data centre whose message it is
 * when a hub relays it ({@link MirrorRouting}); the empty string (one byte on the wire) means the
 * sender itself. A hub's aggregate of its group's updates is the hub's own message.
 */
public sealed interface AspMessage {
  byte FRAME_MAGIC = 'A';

  /** Whether the mirror client sends this on the control queue (ahead of data). */
  boolean control();

  /**
   * MIRROR UPDATE: significant accumulated updates of one shard.
   *
   * @param shard shard number (same layout in every data centre)
   * @param seq this sender's update number for the shard, increasing
   * @param clock the sender's clock when the update was taken
   * @param shardFrom first global index of the shard
   * @param shardLength number of parameters of the shard
   * @param indices global indices, increasing, inside the shard
   * @param values update per index
   * @param origin the data centre it comes from when relayed ("" = the sender)
   */
  record Update(int shard, long seq, long clock, int shardFrom, int shardLength, int[] indices, float[] values,
      String origin) implements AspMessage {
    public Update {
      origin = origin == null ? "" : origin;
    }

    /** The sender's own update. */
    public Update(int shard, long seq, long clock, int shardFrom, int shardLength, int[] indices, float[] values) {
      this(shard, seq, clock, shardFrom, shardLength, indices, values, "");
    }

    @Override
    public boolean control() {
      return false;
    }
  }

  /**
   * ASP BARRIER: reads of {@code indices} (global) must wait for update {@code seq} of the shard.
   */
  record Barrier(int shard, long seq, int shardFrom, int[] indices) implements AspMessage {
    @Override
    public boolean control() {
      return true;
    }
  }

  /**
   * MIRROR CLOCK: the sender completed {@code clock}; {@code stats} are the application's
   * per-clock figures (e.g. its share of the objective) for global progress tracking.
   */
  record Clock(long clock, double[] stats, String origin) implements AspMessage {
    public Clock {
      origin = origin == null ? "" : origin;
    }

    /** The sender's own clock. */
    public Clock(long clock, double[] stats) {
      this(clock, stats, "");
    }

    @Override
    public boolean control() {
      return true;
    }
  }

  /**
   * The sender has finished after {@code clock} and flushed everything it accumulated. Travels
   * on the data queue, so it arrives after the flushed updates.
   */
  record Finished(long clock, String origin) implements AspMessage {
    public Finished {
      origin = origin == null ? "" : origin;
    }

    /** The sender has finished. */
    public Finished(long clock) {
      this(clock, "");
    }

    @Override
    public boolean control() {
      return false;
    }
  }

  byte UPDATE = 1;
  byte BARRIER = 2;
  byte CLOCK = 3;
  byte FINISHED = 4;

  /** The origin of a message that arrived from {@code sender}: its own unless it names another. */
  static String originOf(AspMessage m, String sender) {
    String o = m instanceof Update u ? u.origin() : m instanceof Clock c ? c.origin()
        : m instanceof Finished f ? f.origin() : "";
    return o.isEmpty() ? sender : o;
  }

  /** Encodes one message (without frame header). */
  static byte[] encode(AspMessage m) {
    Sink out = new Sink();
    if (m instanceof Update u) {
      out.write(UPDATE);
      out.string(u.origin);
      out.varint(u.shard);
      out.varint(u.seq);
      out.varint(u.clock);
      out.varint(u.shardFrom);
      int[] local = new int[u.indices.length];
      for (int i = 0; i < local.length; i++) {
        local[i] = u.indices[i] - u.shardFrom;
      }
      out.write(VectorCodec.encode(u.shardLength, local, u.values));
    } else if (m instanceof Barrier b) {
      out.write(BARRIER);
      out.varint(b.shard);
      out.varint(b.seq);
      out.varint(b.shardFrom);
      out.varint(b.indices.length);
      int prev = b.shardFrom - 1;
      for (int i : b.indices) {
        out.varint(i - prev - 1);
        prev = i;
      }
    } else if (m instanceof Clock c) {
      out.write(CLOCK);
      out.string(c.origin);
      out.varint(c.clock);
      out.varint(c.stats.length);
      ByteBuffer bb = ByteBuffer.allocate(8 * c.stats.length).order(ByteOrder.LITTLE_ENDIAN);
      for (double d : c.stats) {
        bb.putDouble(d);
      }
      out.write(bb.array());
    } else if (m instanceof Finished f) {
      out.write(FINISHED);
      out.string(f.origin);
      out.varint(f.clock);
    }
    return out.toByteArray();
  }

  /** Packs already encoded messages into one frame. */
  static byte[] frame(List<byte[]> encoded) {
    Sink out = new Sink();
    out.write(FRAME_MAGIC);
    out.varint(encoded.size());
    for (byte[] e : encoded) {
      out.write(e);
    }
    return out.toByteArray();
  }

  /** Decodes a frame; a malformed one gives an {@link IllegalArgumentException} saying what is wrong. */
  static List<AspMessage> decodeFrame(byte[] frame) {
    ByteBuffer b = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
    try {
      if (b.get() != FRAME_MAGIC) {
        throw new IllegalArgumentException("not an ASP frame (first byte " + frame[0] + ")");
      }
      long n = getVarlong(b);
      // Every message takes at least its type byte.
      if (n > b.remaining()) {
        throw new IllegalArgumentException("truncated ASP frame: it claims " + n + " messages in " + b.remaining()
            + " bytes");
      }
      List<AspMessage> out = new ArrayList<>((int) Math.min(n, 1024));
      for (long k = 0; k < n; k++) {
        out.add(decodeOne(b));
      }
      if (b.hasRemaining()) {
        throw new IllegalArgumentException(b.remaining() + " trailing bytes after " + n + " messages");
      }
      return out;
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("truncated ASP frame of " + frame.length + " bytes", e);
    }
  }

  private static AspMessage decodeOne(ByteBuffer b) {
    byte type = b.get();
    switch (type) {
      case UPDATE -> {
        String origin = getString(b);
        int shard = getInt(b, "shard");
        long seq = getVarlong(b);
        long clock = getVarlong(b);
        int from = getInt(b, "shard start");
        // Global indices are ints: the shard must end inside int range.
        VectorCodec.Decoded d = VectorCodec.decode(b, Math.min(VectorCodec.MAX_LENGTH, Integer.MAX_VALUE - from));
        int[] idx;
        float[] val;
        if (d.dense()) {
          float[] dense = d.values();
          int nnz = 0;
          for (float v : dense) {
            if (v != 0f) {
              nnz++;
            }
          }
          idx = new int[nnz];
          val = new float[nnz];
          int k = 0;
          for (int i = 0; i < dense.length; i++) {
            if (dense[i] != 0f) {
              idx[k] = from + i;
              val[k++] = dense[i];
            }
          }
        } else {
          idx = d.indices().clone();
          for (int i = 0; i < idx.length; i++) {
            idx[i] += from;
          }
          val = d.values();
        }
        return new Update(shard, seq, clock, from, d.length(), idx, val, origin);
      }
      case BARRIER -> {
        int shard = getInt(b, "shard");
        long seq = getVarlong(b);
        int from = getInt(b, "shard start");
        int n = getInt(b, "barrier index count");
        if (n > b.remaining()) {
          throw new IllegalArgumentException("barrier claims " + n + " indices in " + b.remaining() + " bytes");
        }
        int[] idx = new int[n];
        long prev = from - 1L;
        for (int i = 0; i < n; i++) {
          prev = prev + 1 + getInt(b, "barrier index gap");
          if (prev > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("barrier index " + prev + " exceeds " + Integer.MAX_VALUE);
          }
          idx[i] = (int) prev;
        }
        return new Barrier(shard, seq, from, idx);
      }
      case CLOCK -> {
        String origin = getString(b);
        long clock = getVarlong(b);
        int n = getInt(b, "clock stats count");
        if (n * 8L > b.remaining()) {
          throw new IllegalArgumentException("clock message claims " + n + " stats in " + b.remaining() + " bytes");
        }
        double[] stats = new double[n];
        for (int i = 0; i < n; i++) {
          stats[i] = b.getDouble();
        }
        return new Clock(clock, stats, origin);
      }
      case FINISHED -> {
        String origin = getString(b);
        return new Finished(getVarlong(b), origin);
      }
      default -> throw new IllegalArgumentException("unknown ASP message type " + type);
    }
  }

  /** Reads a varint-length-prefixed UTF-8 string (a data centre id). */
  static String getString(ByteBuffer b) {
    long n = getVarlong(b);
    if (n < 0 || n > 1024 || n > b.remaining()) {
      throw new IllegalArgumentException("string of " + n + " bytes in " + b.remaining() + " remaining");
    }
    byte[] s = new byte[(int) n];
    b.get(s);
    return new String(s, StandardCharsets.UTF_8);
  }

  /** Reads a varint that must fit a non-negative int; {@code what} names the field in the error. */
  static int getInt(ByteBuffer b, String what) {
    long v = getVarlong(b);
    if (v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(what + " " + v + " exceeds " + Integer.MAX_VALUE);
    }
    return (int) v;
  }

  /** Reads an unsigned varint of up to 63 bits (the encoder writes only non-negative longs). */
  static long getVarlong(ByteBuffer b) {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      byte x = b.get();
      // The tenth byte holds bit 63 and beyond: any of them set is not a non-negative long.
      if (shift == 63 && x != 0) {
        throw new IllegalArgumentException("varint exceeds " + Long.MAX_VALUE);
      }
      result |= (long) (x & 0x7F) << shift;
      if ((x & 0x80) == 0) {
        return result;
      }
    }
    throw new IllegalArgumentException("malformed varint");
  }

  /** A growable byte sink with unsigned varints. */
  final class Sink extends ByteArrayOutputStream {
    Sink() {
      super(64);
    }

    void varint(long v) {
      if (v < 0) {
        throw new IllegalArgumentException("negative varint " + v);
      }
      while ((v & ~0x7FL) != 0) {
        write((int) ((v & 0x7F) | 0x80));
        v >>>= 7;
      }
      write((int) v);
    }

    void string(String s) {
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      varint(bytes.length);
      write(bytes);
    }

    @Override
    public void write(byte[] b) {
      write(b, 0, b.length);
    }
  }
}
