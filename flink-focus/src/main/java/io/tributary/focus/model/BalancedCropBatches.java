package io.tributary.focus.model;

import io.tributary.common.train.Minibatches;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Class-balanced, augmented training batches over labelled crops: each example's class is drawn
 * uniformly among the classes present, then an example of it, flipped horizontally half the time
 * and with brightness x0.85-1.15. Balancing matters because a stream's classes are heavily skewed
 * (cars outnumber buses by 10x and more) and the cheap CNN must still separate the rare ones.
 */
public final class BalancedCropBatches implements Minibatches {
  private final List<List<Integer>> byClass = new ArrayList<>();
  private final List<Integer> present = new ArrayList<>();
  private final float[][] tensors;
  private final int side;

  /**
   * Converts {@code data} to tensors with {@code spec} (square inputs).
   *
   * @throws IllegalArgumentException if {@code data} is empty, a label is outside the classes or
   *     the input is not square
   */
  public BalancedCropBatches(InputSpec spec, int classes, List<LabeledCrop> data) {
    if (spec.width() != spec.height()) {
      throw new IllegalArgumentException("training inputs must be square, got " + spec);
    }
    if (data.isEmpty()) {
      throw new IllegalArgumentException("no training crops");
    }
    for (int c = 0; c < classes; c++) {
      byClass.add(new ArrayList<>());
    }
    for (int i = 0; i < data.size(); i++) {
      int l = data.get(i).label();
      if (l < 0 || l >= classes) {
        throw new IllegalArgumentException("training label " + l + " outside 0.." + (classes - 1));
      }
      byClass.get(l).add(i);
    }
    for (int c = 0; c < classes; c++) {
      if (!byClass.get(c).isEmpty()) {
        present.add(c);
      }
    }
    this.side = spec.width();
    tensors = new float[data.size()][];
    for (int i = 0; i < data.size(); i++) {
      tensors[i] = spec.toTensor(List.of(data.get(i).crop()));
    }
  }

  @Override
  public long[] exampleShape() {
    return new long[] {3, side, side};
  }

  /** Values per example (3 x side x side). */
  public int exampleSize() {
    return 3 * side * side;
  }

  /** Fills the first {@code n} examples of {@code x} (NCHW) and labels of {@code y}. */
  @Override
  public void fill(float[] x, float[] y, int n, Random rnd) {
    int plane = exampleSize();
    for (int b = 0; b < n; b++) {
      int c = present.get(rnd.nextInt(present.size()));
      List<Integer> pool = byClass.get(c);
      augment(tensors[pool.get(rnd.nextInt(pool.size()))], x, b * plane, rnd);
      y[b] = c;
    }
  }

  private void augment(float[] src, float[] x, int off, Random rnd) {
    boolean flip = rnd.nextBoolean();
    // Builtin normalisation is (v/255 - 0.5) / 0.25: a brightness gain g maps z to g*z + 2(g - 1).
    float g = 0.85f + 0.3f * rnd.nextFloat();
    float shift = 2 * (g - 1);
    int plane = side * side;
    for (int c = 0; c < 3; c++) {
      for (int r = 0; r < side; r++) {
        int row = c * plane + r * side;
        for (int col = 0; col < side; col++) {
          x[off + row + col] = g * src[row + (flip ? side - 1 - col : col)] + shift;
        }
      }
    }
  }
}
