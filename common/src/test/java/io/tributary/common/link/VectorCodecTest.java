package io.tributary.common.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VectorCodecTest {

  @Test
  void sparseVectorRoundTripsAndUsesSparseLayout() {
    float[] v = new float[10_000];
    v[3] = 1.5f;
    v[4] = -2f;
    v[9_999] = 7f;
    byte[] enc = VectorCodec.encode(v);
    VectorCodec.Decoded d = VectorCodec.decode(enc);
    assertFalse(d.dense());
    assertArrayEquals(new int[] {3, 4, 9_999}, d.indices());
    assertArrayEquals(v, d.toDense());
    // 3 entries: far below the 40 KB a dense frame would take.
    assertTrue(enc.length < 30, "sparse frame is " + enc.length + " bytes");
  }

  @Test
  void denseVectorRoundTripsAndUsesDenseLayout() {
    Random r = new Random(1);
    float[] v = new float[257];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextFloat() - 0.5f;
    }
    byte[] enc = VectorCodec.encode(v);
    VectorCodec.Decoded d = VectorCodec.decode(enc);
    assertTrue(d.dense());
    assertArrayEquals(v, d.toDense());
    assertEquals(1 + VectorCodec.varintSize(257) + 4 * 257, enc.length);
  }

  @Test
  void layoutChoiceIsTheSmallerOne() {
    Random r = new Random(2);
    for (int nnz : new int[] {0, 1, 10, 100, 500, 900, 1000}) {
      float[] v = new float[1000];
      int[] idx = r.ints(0, 1000).distinct().limit(nnz).sorted().toArray();
      for (int i : idx) {
        v[i] = 1f + r.nextFloat();
      }
      byte[] enc = VectorCodec.encode(v);
      long dense = 1 + VectorCodec.varintSize(1000) + 4000;
      assertTrue(enc.length <= dense, nnz + " non-zeros: " + enc.length + " > dense " + dense);
      assertArrayEquals(v, VectorCodec.decode(enc).toDense(), "nnz=" + nnz);
    }
  }

  @Test
  void malformedFramesGiveClearErrors() {
    byte[] enc = VectorCodec.encode(new float[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 2});
    byte[] truncated = Arrays.copyOf(enc, enc.length - 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VectorCodec.decode(truncated));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> VectorCodec.decode(new byte[] {'X', 1}));
    assertThrows(IllegalArgumentException.class, () -> VectorCodec.encode(5, new int[] {3, 2}, new float[] {1, 1}));
    assertThrows(IllegalArgumentException.class, () -> VectorCodec.encode(5, new int[] {5}, new float[] {1}));
  }
}
