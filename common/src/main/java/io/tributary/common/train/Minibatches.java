package io.tributary.common.train;

import java.util.Random;

/** Where {@link DjlTraining} draws its minibatches from: examples as flat float tensors with class labels. */
public interface Minibatches {
  /** One example's shape, e.g. {@code [3, H, W]}. */
  long[] exampleShape();

  /**
   * Fills the first {@code n} examples of {@code x} (flat, example after example) and their class
   * indices in {@code y}, drawing with {@code random}.
   */
  void fill(float[] x, float[] y, int n, Random random);
}
