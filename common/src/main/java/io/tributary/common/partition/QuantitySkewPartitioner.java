package io.tributary.common.partition;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;

/**
 * Quantity skew: partitions get very different numbers of samples, while labels stay IID (every
 * partition samples the same label distribution). Sizes come from one of two laws:
 * <ul>
 *   <li>{@link #powerLaw(double)} (spec {@code quantity:<a>}): partition of rank {@code r}
 *       (1..K) gets a share proportional to {@code r^-a}; the ranks are dealt to partitions in a
 *       seeded random order. {@code a = 0} is equal sizes; {@code a = 1.5} with {@code K = 5}
 *       gives shares of about 55/20/11/7/5%.</li>
 *   <li>{@link #dirichlet(double)} (spec {@code quantity-dirichlet:<beta>}): shares drawn from a
 *       symmetric Dirichlet(beta), as in NIID-Bench.</li>
 * </ul>
 * Every partition gets at least one sample. Samples are shuffled with the seed, then cut into
 * consecutive runs of those sizes.
 */
public final class QuantitySkewPartitioner extends AbstractPartitioner {
  private final boolean dirichlet;
  private final double parameter;

  private QuantitySkewPartitioner(boolean dirichlet, double parameter) {
    this.dirichlet = dirichlet;
    this.parameter = parameter;
  }

  /** Power-law sizes with exponent {@code a >= 0}. */
  public static QuantitySkewPartitioner powerLaw(double a) {
    if (!(a >= 0) || Double.isInfinite(a)) {
      throw new IllegalArgumentException("quantity-skew exponent must be >= 0, got " + a);
    }
    return new QuantitySkewPartitioner(false, a);
  }

  /** Dirichlet(beta) sizes, {@code beta > 0}. */
  public static QuantitySkewPartitioner dirichlet(double beta) {
    if (!(beta > 0) || Double.isInfinite(beta)) {
      throw new IllegalArgumentException("quantity-skew Dirichlet beta must be a positive number, got " + beta);
    }
    return new QuantitySkewPartitioner(true, beta);
  }

  @Override
  public String name() {
    return dirichlet ? "quantity-dirichlet" : "quantity";
  }

  @Override
  public String spec() {
    return name() + ":" + num(parameter);
  }

  @Override
  public Map<String, String> parameters() {
    return dirichlet ? params("beta", num(parameter)) : params("exponent", num(parameter));
  }

  @Override
  int[] assign(int[] labels, int numClasses, int k, long seed, Map<String, String> facts) {
    int n = labels.length;
    if (n < k) {
      throw new IllegalArgumentException("cannot give each of " + k + " partitions a sample: only " + n + " samples");
    }
    Random rnd = Sampling.stream(seed, 4);
    double[] weights;
    if (dirichlet) {
      weights = Sampling.dirichlet(parameter, k, rnd);
    } else {
      int[] rankOf = Sampling.permutation(k, rnd);
      weights = new double[k];
      for (int p = 0; p < k; p++) {
        weights[p] = Math.pow(rankOf[p] + 1, -parameter);
      }
    }
    // One sample to each partition first, the rest in proportion, so none is empty.
    int[] sizes = Sampling.apportion(weights, n - k);
    for (int p = 0; p < k; p++) {
      sizes[p]++;
    }
    int[] order = Sampling.permutation(n, Sampling.stream(seed, 5));
    int[] a = new int[n];
    int o = 0;
    for (int p = 0; p < k; p++) {
      for (int i = 0; i < sizes[p]; i++) {
        a[order[o++]] = p;
      }
    }
    facts.put("sizes", Arrays.toString(sizes));
    return a;
  }
}
