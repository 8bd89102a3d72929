package io.tributary.common.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Random;

/**
 * A replica's initial values, drawn in Java from a seed rather than by the engine's global
 * generator (shared by all threads), so that a seed alone decides an initial model: weights
 * ~ N(0, 2 / fan_in) (He) except the classifier's (the last weight) N(0, 1 / fan_in), biases 0,
 * norm gamma 1 and beta 0, running mean 0 and variance 1.
 */
final class SeededInitialisation {
  private SeededInitialisation() {}

  /**
   * Overwrites every tensor of {@code block}; {@code trainable} (in flat order) tells which weight
   * is the classifier's. Values are drawn in {@code Block.getParameters()} order.
   */
  static void apply(Block block, Parameter[] trainable, long seed) {
    Random random = new Random(seed);
    Parameter lastWeight = null;
    for (Parameter p : trainable) {
      if (p.getType() == Parameter.Type.WEIGHT) {
        lastWeight = p;
      }
    }
    for (Pair<String, Parameter> pair : block.getParameters()) {
      Parameter p = pair.getValue();
      NDArray array = p.getArray();
      int n = Math.toIntExact(array.size());
      float[] values = new float[n];
      switch (p.getType()) {
        case WEIGHT -> {
          long[] shape = array.getShape().getShape();
          long fanIn = n / shape[0];
          double std = Math.sqrt((p == lastWeight ? 1.0 : 2.0) / fanIn);
          for (int i = 0; i < n; i++) {
            values[i] = (float) (random.nextGaussian() * std);
          }
        }
        case GAMMA, RUNNING_VAR -> Arrays.fill(values, 1f);
        default -> { } // bias, beta, running mean: zero
      }
      array.set(FloatBuffer.wrap(values));
    }
  }
}
