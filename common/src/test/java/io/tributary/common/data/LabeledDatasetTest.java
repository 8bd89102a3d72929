package io.tributary.common.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabeledDatasetTest {
  @Test
  void firstPerClassKeepsTheFirstSamplesOfEachClassInOrder() {
    int[] labels = {0, 1, 0, 2, 1, 0, 2, 2, 1, 0};
    float[] values = new float[labels.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = i; // each sample's value is its position, so the kept positions can be read back
    }
    LabeledDataset ds = LabeledDataset.ofFloats("t", new int[] {1}, List.of("a", "b", "c"), values, labels);
    LabeledDataset two = ds.firstPerClass(2);
    assertEquals(6, two.size());
    int[] positions = new int[two.size()];
    float[] one = new float[1];
    for (int i = 0; i < two.size(); i++) {
      two.features(i, one, 0);
      positions[i] = Math.round(one[0]);
    }
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 6}, positions);
    assertArrayEquals(new long[] {2, 2, 2}, two.classHistogram());
    assertSame(ds, ds.firstPerClass(0), "no limit keeps everything");
    assertEquals(10, ds.firstPerClass(100).size());
  }
}
