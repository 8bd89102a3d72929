package io.tributary.common.link;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The compact binary encoding of a (possibly sparse) float vector that protocols put on links.
 * Two layouts, and {@link #encode} picks whichever is smaller for the given vector:
 * <ul>
 *   <li>dense: {@code 'D'}, varint length, then {@code length} little-endian floats;</li>
 *   <li>sparse: {@code 'S'}, varint length, varint count, then per entry the varint gap to the
 *       previous index and the little-endian float value.</li>
 * </ul>
 * Gaps rather than absolute indices keep clustered significant updates to one or two bytes an
 * index.
 */
public final class VectorCodec {
  private static final byte DENSE = 'D';
  private static final byte SPARSE = 'S';

  private VectorCodec() {}

  /** A decoded vector: a dense array of {@code length}, or its non-zero entries. */
  public record Decoded(int length, int[] indices, float[] values) {
    /** Whether the sender used the dense layout ({@code indices} is then null). */
    public boolean dense() {
      return indices == null;
    }

    /** The vector as a dense array. */
    public float[] toDense() {
      if (indices == null) {
        return values;
      }
      float[] out = new float[length];
      for (int i = 0; i < indices.length; i++) {
        out[indices[i]] = values[i];
      }
      return out;
    }
  }

  /** Encodes a dense vector, sending only its non-zero entries when that is smaller. */
  public static byte[] encode(float[] dense) {
    int nnz = 0;
    for (float v : dense) {
      if (v != 0f) {
        nnz++;
      }
    }
    int[] idx = new int[nnz];
    float[] val = new float[nnz];
    int k = 0;
    for (int i = 0; i < dense.length; i++) {
      if (dense[i] != 0f) {
        idx[k] = i;
        val[k++] = dense[i];
      }
    }
    return encode(dense.length, idx, val);
  }

  /**
   * Encodes the entries {@code indices[i] -> values[i]} of a vector of {@code length};
   * indices must be strictly increasing and inside {@code [0, length)}.
   */
  public static byte[] encode(int length, int[] indices, float[] values) {
    if (indices.length != values.length) {
      throw new IllegalArgumentException(indices.length + " indices but " + values.length + " values");
    }
    long sparseSize = 1 + varintSize(length) + varintSize(indices.length);
    int prev = -1;
    for (int i : indices) {
      if (i <= prev || i >= length) {
        throw new IllegalArgumentException("index " + i + " out of order or outside [0," + length + ")");
      }
      sparseSize += varintSize(i - prev - 1) + 4L;
      prev = i;
    }
    long denseSize = 1 + varintSize(length) + 4L * length;
    if (sparseSize < denseSize) {
      ByteBuffer b = ByteBuffer.allocate((int) sparseSize).order(ByteOrder.LITTLE_ENDIAN);
      b.put(SPARSE);
      putVarint(b, length);
      putVarint(b, indices.length);
      prev = -1;
      for (int i = 0; i < indices.length; i++) {
        putVarint(b, indices[i] - prev - 1);
        b.putFloat(values[i]);
        prev = indices[i];
      }
      return b.array();
    }
    ByteBuffer b = ByteBuffer.allocate((int) denseSize).order(ByteOrder.LITTLE_ENDIAN);
    b.put(DENSE);
    putVarint(b, length);
    int k = 0;
    for (int i = 0; i < length; i++) {
      if (k < indices.length && indices[k] == i) {
        b.putFloat(values[k++]);
      } else {
        b.putFloat(0f);
      }
    }
    return b.array();
  }

  /**
   * Longest vector {@link #decode} accepts unless told otherwise: 2^28 floats (1 GiB dense). A
   * sparse frame of a few bytes may claim any length, and {@link Decoded#toDense} allocates it.
   */
  public static final int MAX_LENGTH = 1 << 28;

  /**
   * Decodes bytes produced by {@link #encode}; a malformed frame gives an
   * {@link IllegalArgumentException} saying what is wrong.
   */
  public static Decoded decode(byte[] bytes) {
    return decode(ByteBuffer.wrap(bytes));
  }

  /** Decodes one vector of at most {@link #MAX_LENGTH} from the buffer's position, advancing it. */
  public static Decoded decode(ByteBuffer in) {
    return decode(in, MAX_LENGTH);
  }

  /**
   * Decodes one vector from the buffer's position, advancing it. Every length in the frame is
   * checked against the bytes remaining before anything is allocated, so a short frame cannot
   * demand a large array.
   *
   * @param maxLength the longest vector the caller accepts
   * @throws IllegalArgumentException when the frame is truncated, malformed or longer than {@code maxLength}
   */
  public static Decoded decode(ByteBuffer in, int maxLength) {
    ByteBuffer b = in.order(ByteOrder.LITTLE_ENDIAN);
    try {
      byte kind = b.get();
      int length = getVarint(b);
      if (length > maxLength) {
        throw new IllegalArgumentException("vector of length " + length + " exceeds the limit of " + maxLength);
      }
      if (kind == DENSE) {
        if (4L * length > b.remaining()) {
          throw new IllegalArgumentException("truncated vector frame: dense vector claims " + length + " floats in "
              + b.remaining() + " bytes");
        }
        float[] v = new float[length];
        for (int i = 0; i < length; i++) {
          v[i] = b.getFloat();
        }
        return new Decoded(length, null, v);
      }
      if (kind == SPARSE) {
        int n = getVarint(b);
        // Each entry takes at least one gap byte and four value bytes.
        if (n > length || 5L * n > b.remaining()) {
          throw new IllegalArgumentException("truncated vector frame: sparse vector claims " + n
              + " entries for length " + length + " in " + b.remaining() + " bytes");
        }
        int[] idx = new int[n];
        float[] val = new float[n];
        long prev = -1;
        for (int i = 0; i < n; i++) {
          prev = prev + 1 + getVarint(b);
          if (prev >= length) {
            throw new IllegalArgumentException("sparse index " + prev + " outside [0," + length + ")");
          }
          idx[i] = (int) prev;
          val[i] = b.getFloat();
        }
        return new Decoded(length, idx, val);
      }
      throw new IllegalArgumentException("unknown vector layout byte " + kind);
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("truncated vector frame", e);
    }
  }

  /** Bytes a varint of {@code v} takes. */
  public static int varintSize(long v) {
    int n = 1;
    while ((v & ~0x7FL) != 0) {
      v >>>= 7;
      n++;
    }
    return n;
  }

  /** Writes an unsigned varint. */
  public static void putVarint(ByteBuffer b, int v) {
    while ((v & ~0x7F) != 0) {
      b.put((byte) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    b.put((byte) v);
  }

  /**
   * Reads an unsigned varint of at most 31 bits (what {@link #putVarint} writes for a
   * non-negative int).
   *
   * @throws IllegalArgumentException when it is longer or larger than that
   * @throws java.nio.BufferUnderflowException when the buffer ends inside it
   */
  public static int getVarint(ByteBuffer b) {
    int result = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      byte x = b.get();
      // The fifth byte holds bits 28..34: only bits 28..30 fit a non-negative int.
      if (shift == 28 && (x & 0xF8) != 0) {
        throw new IllegalArgumentException("varint exceeds " + Integer.MAX_VALUE);
      }
      result |= (x & 0x7F) << shift;
      if ((x & 0x80) == 0) {
        return result;
      }
    }
    throw new IllegalArgumentException("malformed varint");
  }
}
