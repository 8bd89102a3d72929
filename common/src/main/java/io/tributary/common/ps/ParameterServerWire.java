package io.tributary.common.ps;

import io.tributary.common.link.VectorCodec;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The wire format of {@link WanParameterServer}: frames of {@code 'P'}, a message count and the
 * messages, each a type byte and big-endian fields; vectors in {@link VectorCodec}'s encoding.
 * Messages to one destination are packed into frames of about {@link #FRAME_BUDGET} bytes.
 */
final class ParameterServerWire {
  /** First byte of every frame. */
  static final byte FRAME = 'P';
  /** A worker's update of a shard, to its owner: clock, shard, worker, vector. */
  static final byte PUSH = 1;
  /** A shard's new values, from its owner: version, shard, vector. */
  static final byte VALUES = 2;
  /** A progress report: clock, count, doubles. */
  static final byte STATS = 3;
  /** The sender left: clock. */
  static final byte FINISHED = 4;
  /** Messages are packed into frames up to this size (one larger message goes alone). */
  static final int FRAME_BUDGET = 64 << 10;

  private ParameterServerWire() {}

  /** Reads a vector; VectorCodec switches the buffer to little-endian, the rest of a frame is big-endian. */
  static float[] decodeVector(ByteBuffer b) {
    float[] v = VectorCodec.decode(b).toDense();
    b.order(ByteOrder.BIG_ENDIAN);
    return v;
  }

  /** PUSH: one worker's update of shard {@code s} for {@code clock}. */
  static byte[] push(long clock, int s, int worker, float[] slice) {
    return new Writer().b(PUSH).l(clock).i(s).i(worker).raw(VectorCodec.encode(slice)).bytes();
  }

  /** VALUES: shard {@code s}'s values after {@code version} clocks. */
  static byte[] values(long version, int s, float[] values) {
    return new Writer().b(VALUES).l(version).i(s).raw(VectorCodec.encode(values)).bytes();
  }

  /** STATS: a data centre's progress report for {@code clock}. */
  static byte[] stats(long clock, double[] st) {
    Writer w = new Writer().b(STATS).l(clock).i(st.length);
    for (double d : st) {
      w.d(d);
    }
    return w.bytes();
  }

  /** FINISHED: the sender left after {@code clock}. */
  static byte[] finished(long clock) {
    return new Writer().b(FINISHED).l(clock).bytes();
  }

  /** One frame of messages for a destination: {@code 'P'}, their count, the messages. */
  static byte[] frame(List<byte[]> batch) {
    Writer w = new Writer().b(FRAME).i(batch.size());
    for (byte[] m : batch) {
      w.raw(m);
    }
    return w.bytes();
  }

  /** A small big-endian message writer. */
  private static final class Writer {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    private final DataOutputStream out = new DataOutputStream(bytes);

    Writer b(byte v) {
      try {
        out.writeByte(v);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    Writer i(int v) {
      try {
        out.writeInt(v);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    Writer l(long v) {
      try {
        out.writeLong(v);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    Writer d(double v) {
      try {
        out.writeDouble(v);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    Writer raw(byte[] v) {
      try {
        out.write(v);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    byte[] bytes() {
      return bytes.toByteArray();
    }
  }
}
