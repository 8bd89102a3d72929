package io.tributary.common.scout;

/**
 * The accuracy-loss matrix of model traveling between N partitions: entry {@code [i][j]} is the
 * accuracy of partition i's model on partition i's own data minus its accuracy on partition j's
 * data (the diagonal is 0). Large entries mean j's data looks unlike i's to i's model; the
 * matrix's mean is what SkewScout bounds.
 */
public final class AccuracyLossMatrix {
  private final double[][] accuracy;
  private final double[][] loss;

  private AccuracyLossMatrix(double[][] accuracy) {
    int n = accuracy.length;
    this.accuracy = new double[n][];
    this.loss = new double[n][n];
    for (int i = 0; i < n; i++) {
      if (accuracy[i].length != n) {
        throw new IllegalArgumentException("accuracy matrix must be square, row " + i + " has " + accuracy[i].length
            + " entries for " + n + " partitions");
      }
      this.accuracy[i] = accuracy[i].clone();
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        loss[i][j] = accuracy[i][i] - accuracy[i][j];
      }
    }
  }

  /**
   * From the cross-evaluation {@code accuracy[i][j]}: partition i's model's top-1 on a sample of
   * partition j's data.
   */
  public static AccuracyLossMatrix of(double[][] accuracy) {
    return new AccuracyLossMatrix(accuracy);
  }

  /** Partitions. */
  public int size() {
    return accuracy.length;
  }

  /** The cross-evaluation accuracies, {@code [model][data]}. */
  public double[][] accuracy() {
    double[][] out = new double[accuracy.length][];
    for (int i = 0; i < out.length; i++) {
      out[i] = accuracy[i].clone();
    }
    return out;
  }

  /** The accuracy losses, {@code [model][data]}. */
  public double[][] loss() {
    double[][] out = new double[loss.length][];
    for (int i = 0; i < out.length; i++) {
      out[i] = loss[i].clone();
    }
    return out;
  }

  /** The mean accuracy loss over all ordered pairs of distinct partitions (NaN for one partition). */
  public double meanLoss() {
    return LabelSkew.meanOffDiagonal(loss);
  }

  /** The largest accuracy loss of any pair. */
  public double maxLoss() {
    double m = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < loss.length; i++) {
      for (int j = 0; j < loss.length; j++) {
        if (i != j) {
          m = Math.max(m, loss[i][j]);
        }
      }
    }
    return m;
  }
}
