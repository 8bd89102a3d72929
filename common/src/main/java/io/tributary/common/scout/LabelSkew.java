package io.tributary.common.scout;

import java.util.Arrays;

/**
 * How skewed a set of partitions is, from their label histograms alone: the pairwise
 * Jensen-Shannon divergence and earth mover's distance between label distributions, each
 * partition's divergence from the pooled distribution, and quantity skew (how unequal the
 * partitions' sizes are). Engine-free; the skew profiler reports these.
 */
public final class LabelSkew {
  private LabelSkew() {}

  /** {@code histogram} normalised to sum 1 (all zeros stay zeros). */
  public static double[] distribution(long[] histogram) {
    double total = Arrays.stream(histogram).sum();
    double[] p = new double[histogram.length];
    for (int c = 0; c < p.length; c++) {
      if (histogram[c] < 0) {
        throw new IllegalArgumentException("negative count " + histogram[c] + " for class " + c);
      }
      p[c] = total == 0 ? 0 : histogram[c] / total;
    }
    return p;
  }

  /**
   * Jensen-Shannon divergence in bits, in [0, 1]: {@code (KL(p||m) + KL(q||m)) / 2} with
   * {@code m = (p + q) / 2}. 0 for equal distributions, 1 for disjoint supports.
   */
  public static double jensenShannon(double[] p, double[] q) {
    check(p, q);
    double js = 0;
    for (int c = 0; c < p.length; c++) {
      double m = (p[c] + q[c]) / 2;
      if (p[c] > 0) {
        js += 0.5 * p[c] * Math.log(p[c] / m);
      }
      if (q[c] > 0) {
        js += 0.5 * q[c] * Math.log(q[c] / m);
      }
    }
    return Math.max(0, Math.min(1, js / Math.log(2)));
  }

  /**
   * Earth mover's distance between label distributions as the non-IID literature uses it (Zhao
   * et al. 2018): {@code sum_c |p_c - q_c|}, in [0, 2]. For categorical labels (every two classes
   * equally far apart) this is the optimal-transport cost with ground distance 2 between distinct
   * classes, i.e. twice the total-variation distance.
   */
  public static double earthMovers(double[] p, double[] q) {
    check(p, q);
    double s = 0;
    for (int c = 0; c < p.length; c++) {
      s += Math.abs(p[c] - q[c]);
    }
    return s;
  }

  private static void check(double[] p, double[] q) {
    if (p.length != q.length) {
      throw new IllegalArgumentException("distributions over " + p.length + " and " + q.length + " classes");
    }
  }

  /** The pooled label distribution of all partitions. */
  public static double[] pooled(long[][] histograms) {
    long[] sum = new long[histograms.length == 0 ? 0 : histograms[0].length];
    for (long[] h : histograms) {
      for (int c = 0; c < sum.length; c++) {
        sum[c] += h[c];
      }
    }
    return distribution(sum);
  }

  /** The symmetric matrix of Jensen-Shannon divergences between partitions. */
  public static double[][] jensenShannonMatrix(long[][] histograms) {
    return matrix(histograms, true);
  }

  /** The symmetric matrix of earth mover's distances between partitions. */
  public static double[][] earthMoversMatrix(long[][] histograms) {
    return matrix(histograms, false);
  }

  private static double[][] matrix(long[][] histograms, boolean js) {
    int n = histograms.length;
    double[][] d = new double[n][n];
    double[][] p = new double[n][];
    for (int i = 0; i < n; i++) {
      p[i] = distribution(histograms[i]);
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        d[i][j] = d[j][i] = js ? jensenShannon(p[i], p[j]) : earthMovers(p[i], p[j]);
      }
    }
    return d;
  }

  /** The mean of the off-diagonal entries of a square matrix (NaN below 2x2). */
  public static double meanOffDiagonal(double[][] m) {
    double s = 0;
    long n = 0;
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < m.length; j++) {
        if (i != j && !Double.isNaN(m[i][j])) {
          s += m[i][j];
          n++;
        }
      }
    }
    return n == 0 ? Double.NaN : s / n;
  }

  /**
   * Quantity skew of partition sizes.
   *
   * @param sizes samples per partition
   * @param coefficientOfVariation standard deviation over mean of the sizes (0 when equal)
   * @param maxOverMin the largest size over the smallest (infinite when one is empty)
   * @param largestShare the largest partition's share of all samples
   */
  public record QuantitySkew(long[] sizes, double coefficientOfVariation, double maxOverMin, double largestShare) {}

  /** The quantity skew of {@code sizes}. */
  public static QuantitySkew quantitySkew(long[] sizes) {
    if (sizes.length == 0) {
      throw new IllegalArgumentException("no partitions");
    }
    double total = Arrays.stream(sizes).sum();
    double mean = total / sizes.length;
    double var = 0;
    for (long s : sizes) {
      var += (s - mean) * (s - mean);
    }
    long max = Arrays.stream(sizes).max().getAsLong();
    long min = Arrays.stream(sizes).min().getAsLong();
    return new QuantitySkew(sizes.clone(), mean == 0 ? 0 : Math.sqrt(var / sizes.length) / mean,
        min == 0 ? Double.POSITIVE_INFINITY : max / (double) min, total == 0 ? 0 : max / total);
  }
}
