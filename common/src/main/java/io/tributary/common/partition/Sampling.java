package io.tributary.common.partition;

import java.util.Random;

/** Seeded sampling helpers shared by the partitioners. */
final class Sampling {
  private Sampling() {}

  /** A random generator for one stage of a partitioner, derived from the user's seed. */
  static Random stream(long seed, long stage) {
    // Mix so that seeds 1, 2, 3... and the stages do not give correlated java.util.Random streams.
    long z = seed + 0x9E3779B97F4A7C15L * (stage + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return new Random(z ^ (z >>> 31));
  }

  /** Fisher-Yates shuffle in place. */
  static void shuffle(int[] a, Random rnd) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** {@code 0..n-1} shuffled. */
  static int[] permutation(int n, Random rnd) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    shuffle(a, rnd);
    return a;
  }

  /**
   * A draw from the symmetric Dirichlet(alpha) over {@code k} outcomes. Computed in log space so
   * very small alphas (where Gamma draws underflow to 0) still give a valid, very peaked vector.
   */
  static double[] dirichlet(double alpha, int k, Random rnd) {
    double[] logG = new double[k];
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < k; i++) {
      logG[i] = logGamma(alpha, rnd);
      max = Math.max(max, logG[i]);
    }
    double sum = 0;
    double[] p = new double[k];
    for (int i = 0; i < k; i++) {
      p[i] = Math.exp(logG[i] - max);
      sum += p[i];
    }
    for (int i = 0; i < k; i++) {
      p[i] /= sum;
    }
    return p;
  }

  /** log of a Gamma(shape, 1) draw (Marsaglia and Tsang; boosted for shape < 1). */
  static double logGamma(double shape, Random rnd) {
    if (shape < 1) {
      double u = rnd.nextDouble();
      while (u == 0) {
        u = rnd.nextDouble();
      }
      return logGamma(shape + 1, rnd) + Math.log(u) / shape;
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x = rnd.nextGaussian();
      double v = 1 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = rnd.nextDouble();
      if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
        return Math.log(d * v);
      }
    }
  }

  /**
   * Integer counts summing to {@code total} proportional to {@code weights} (largest remainder;
   * ties to the lower index), so rounding never loses or duplicates a sample.
   */
  static int[] apportion(double[] weights, int total) {
    double sum = 0;
    for (double w : weights) {
      sum += w;
    }
    int[] counts = new int[weights.length];
    double[] rem = new double[weights.length];
    int given = 0;
    for (int i = 0; i < weights.length; i++) {
      double exact = weights[i] / sum * total;
      counts[i] = (int) Math.floor(exact);
      rem[i] = exact - counts[i];
      given += counts[i];
    }
    while (given < total) {
      int best = 0;
      for (int i = 1; i < weights.length; i++) {
        if (rem[i] > rem[best]) {
          best = i;
        }
      }
      counts[best]++;
      rem[best] = -1;
      given++;
    }
    return counts;
  }
}
