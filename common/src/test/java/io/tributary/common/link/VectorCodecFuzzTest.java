package io.tributary.common.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.tributary.common.io.FrameDamage;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded fuzzing of {@link VectorCodec#decode}: random bytes, truncated and bit-flipped valid
 * frames either decode to a well-formed vector no larger than the input could hold, or fail
 * with an {@link IllegalArgumentException}; nothing else escapes (no OutOfMemoryError,
 * NegativeArraySizeException or index errors).
 */
class VectorCodecFuzzTest {

  @Test
  // A hang guard only: the cases take about a second.
  @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void randomAndDamagedFramesDecodeOrFailCleanly() {
    Random r = new Random(20240612L);
    int rejected = 0;
    int cases = 0;
    for (int i = 0; i < 3000; i++) {
      byte[] junk = new byte[r.nextInt(48)];
      r.nextBytes(junk);
      if (junk.length > 0 && r.nextBoolean()) {
        junk[0] = r.nextBoolean() ? (byte) 'D' : (byte) 'S'; // reach past the layout byte
      }
      rejected += check(junk);
      cases++;
    }
    for (int i = 0; i < 600; i++) {
      byte[] valid = VectorCodec.encode(randomVector(r));
      for (byte[] frame : FrameDamage.damaged(valid, r, 4)) {
        rejected += check(frame);
        cases++;
      }
    }
    assertTrue(cases > 10_000, cases + " cases");
    assertTrue(rejected > cases / 4, "most damaged frames are rejected, only " + rejected + " of " + cases);
  }

  @Test
  void shortFramesCannotDemandLargeArrays() {
    // 'D' and a varint of 2^28 - 1: a gigabyte of floats claimed by six bytes.
    IllegalArgumentException dense = assertThrows(IllegalArgumentException.class,
        () -> VectorCodec.decode(new byte[] {'D', (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F, 0}));
    assertTrue(dense.getMessage().contains("claims"), dense.getMessage());
    // A varint above Integer.MAX_VALUE used to come back negative.
    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
        () -> VectorCodec.decode(new byte[] {'D', (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F}));
    assertTrue(negative.getMessage().contains("exceeds"), negative.getMessage());
    // Sparse: a count of entries the remaining bytes cannot hold.
    IllegalArgumentException sparse = assertThrows(IllegalArgumentException.class,
        () -> VectorCodec.decode(new byte[] {'S', (byte) 0xFF, (byte) 0xFF, 0x7F, (byte) 0xFF, (byte) 0xFF, 0x7F}));
    assertTrue(sparse.getMessage().contains("entries"), sparse.getMessage());
    // A length above the caller's limit, even when the bytes are there.
    byte[] ten = VectorCodec.encode(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
    IllegalArgumentException limit = assertThrows(IllegalArgumentException.class,
        () -> VectorCodec.decode(ByteBuffer.wrap(ten), 9));
    assertTrue(limit.getMessage().contains("limit of 9"), limit.getMessage());
  }

  /** Decodes {@code bytes}; returns 1 when rejected, 0 when decoded (after checking the result). */
  private static int check(byte[] bytes) {
    VectorCodec.Decoded d;
    try {
      d = VectorCodec.decode(bytes);
    } catch (IllegalArgumentException e) {
      assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "the error says what is wrong");
      return 1;
    } catch (RuntimeException | Error e) {
      fail("decoding " + Arrays.toString(bytes) + " threw " + e, e);
      return 0;
    }
    assertTrue(d.length() >= 0 && d.length() <= VectorCodec.MAX_LENGTH, "length " + d.length());
    // What was allocated is bounded by what arrived.
    assertTrue(4L * d.values().length <= bytes.length, d.values().length + " values from " + bytes.length + " bytes");
    if (d.dense()) {
      assertEquals(d.length(), d.values().length);
    } else {
      assertEquals(d.indices().length, d.values().length);
      int prev = -1;
      for (int i : d.indices()) {
        assertTrue(i > prev && i < d.length(), "index " + i + " after " + prev + " in length " + d.length());
        prev = i;
      }
    }
    return 0;
  }

  private static float[] randomVector(Random r) {
    float[] v = new float[r.nextInt(300)];
    double density = r.nextDouble();
    for (int i = 0; i < v.length; i++) {
      if (r.nextDouble() < density) {
        v[i] = (float) r.nextGaussian();
      }
    }
    return v;
  }
}
