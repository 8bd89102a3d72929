package io.tributary.common.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GroupNormTest {

  /** Direct GroupNorm on an [n, c, s] array (s = flattened spatial size) with plain loops, in double. */
  static float[] reference(float[] x, int n, int c, int s, int groupSize, float[] gamma, float[] beta, double eps) {
    float[] y = new float[x.length];
    int groups = c / groupSize;
    for (int i = 0; i < n; i++) {
      for (int g = 0; g < groups; g++) {
        double sum = 0;
        int count = groupSize * s;
        for (int ch = g * groupSize; ch < (g + 1) * groupSize; ch++) {
          for (int k = 0; k < s; k++) {
            sum += x[(i * c + ch) * s + k];
          }
        }
        double mean = sum / count;
        double var = 0;
        for (int ch = g * groupSize; ch < (g + 1) * groupSize; ch++) {
          for (int k = 0; k < s; k++) {
            double d = x[(i * c + ch) * s + k] - mean;
            var += d * d;
          }
        }
        var /= count;
        for (int ch = g * groupSize; ch < (g + 1) * groupSize; ch++) {
          for (int k = 0; k < s; k++) {
            int idx = (i * c + ch) * s + k;
            y[idx] = (float) ((x[idx] - mean) / Math.sqrt(var + eps) * gamma[ch] + beta[ch]);
          }
        }
      }
    }
    return y;
  }

  private static float[] random(Random r, int n, double scale, double shift) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (r.nextGaussian() * scale + shift);
    }
    return v;
  }

  @Test
  void blockMatchesDirectComputationWithAffineAndEps() {
    int n = 3;
    int c = 6;
    int h = 4;
    int w = 5;
    int groupSize = 2;
    // A large eps (relative to the small variance of one group) so that a wrong eps placement shows.
    float eps = 0.05f;
    Random r = new Random(7);
    float[] x = random(r, n * c * h * w, 1.0, 0.5);
    for (int k = 0; k < h * w; k++) {
      x[(1 * c + 2) * h * w + k] *= 0.1f; // sample 1, group 1 has a small variance
      x[(1 * c + 3) * h * w + k] *= 0.1f;
    }
    float[] gamma = random(r, c, 0.5, 1.0);
    float[] beta = random(r, c, 0.5, 0.0);
    float[] expected = reference(x, n, c, h * w, groupSize, gamma, beta, eps);

    try (NDManager m = Engine.getEngine("PyTorch").newBaseManager(Device.cpu())) {
      GroupNorm gn = GroupNorm.withGroupSize(groupSize, eps);
      gn.initialize(m, DataType.FLOAT32, new Shape(n, c, h, w));
      assertEquals(3, gn.numGroups());
      for (Pair<String, Parameter> p : gn.getParameters()) {
        float[] v = p.getKey().equals("gamma") ? gamma : beta;
        p.getValue().getArray().set(FloatBuffer.wrap(v));
      }
      NDArray in = m.create(x, new Shape(n, c, h, w));
      float[] got = gn.forward(new ParameterStore(m, false), new NDList(in), false).singletonOrThrow().toFloatArray();
      assertArrayEquals(expected, got, 2e-5f);

      // The static function with a fixed number of groups (here one group of all 6 channels = LayerNorm-like).
      float[] oneGroup = reference(x, n, c, h * w, c, gamma, beta, eps);
      float[] got2 = GroupNorm.groupNorm(in, 1, m.create(gamma), m.create(beta), eps).toFloatArray();
      assertArrayEquals(oneGroup, got2, 2e-5f);
    }
  }

  @Test
  void normalisesEachSampleIndependentlyOfTheBatch() {
    try (NDManager m = Engine.getEngine("PyTorch").newBaseManager(Device.cpu())) {
      Random r = new Random(3);
      float[] x = random(r, 2 * 4 * 9, 2.0, 1.0);
      float[] ones = {1, 1, 1, 1};
      float[] zeros = {0, 0, 0, 0};
      NDArray both = m.create(x, new Shape(2, 4, 3, 3));
      float[] yBoth = GroupNorm.groupNorm(both, 2, m.create(ones), m.create(zeros), 1e-5f).toFloatArray();
      float[] first = Arrays.copyOf(x, 4 * 9);
      float[] yFirst = GroupNorm.groupNorm(m.create(first, new Shape(1, 4, 3, 3)), 2, m.create(ones), m.create(zeros),
          1e-5f).toFloatArray();
      assertArrayEquals(yFirst, Arrays.copyOf(yBoth, 4 * 9), 1e-6f);
      // two-dimensional input [N, C] works as well (groups of channels only)
      float[] flat = random(r, 3 * 4, 1.0, 0.0);
      float[] expect = reference(flat, 3, 4, 1, 2, ones, zeros, 1e-5);
      float[] got = GroupNorm.groupNorm(m.create(flat, new Shape(3, 4)), 2, m.create(ones), m.create(zeros), 1e-5f)
          .toFloatArray();
      assertArrayEquals(expect, got, 1e-4f);
    }
  }

  @Test
  void rejectsWidthsNotDivisibleByTheGroupSize() {
    try (NDManager m = Engine.getEngine("PyTorch").newBaseManager(Device.cpu())) {
      GroupNorm gn = GroupNorm.withGroupSize(4);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> gn.initialize(m, DataType.FLOAT32, new Shape(2, 6, 3, 3)));
      assertTrue(e.getMessage().contains("6 channels"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> GroupNorm.withGroupSize(0));
    assertThrows(IllegalArgumentException.class, () -> GroupNorm.withGroups(-1));
  }
}
