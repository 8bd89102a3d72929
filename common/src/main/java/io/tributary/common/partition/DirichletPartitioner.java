package io.tributary.common.partition;

import java.util.Map;
import java.util.Random;

/**
 * Dirichlet label skew (Hsu et al. 2019, the usual federated-learning benchmark): for each class,
 * draw the shares of the {@code K} partitions from a symmetric Dirichlet(alpha) and split the
 * class's (shuffled) samples in those proportions. Small alpha (0.1) gives each partition a few
 * dominant classes; large alpha (100) approaches IID.
 *
 * <p>The whole draw is repeated (from the same seeded stream, so still deterministic) until every
 * partition has at least one sample, up to 1000 times. Spec: {@code dirichlet:<alpha>}.
 */
public final class DirichletPartitioner extends AbstractPartitioner {
  private static final int MAX_DRAWS = 1000;
  private final double alpha;

  /** @param alpha concentration, {@code > 0} */
  public DirichletPartitioner(double alpha) {
    if (!(alpha > 0) || Double.isInfinite(alpha)) {
      throw new IllegalArgumentException("Dirichlet alpha must be a positive number, got " + alpha);
    }
    this.alpha = alpha;
  }

  /** The Dirichlet concentration. */
  public double alpha() {
    return alpha;
  }

  @Override
  public String name() {
    return "dirichlet";
  }

  @Override
  public String spec() {
    return "dirichlet:" + num(alpha);
  }

  @Override
  public Map<String, String> parameters() {
    return params("alpha", num(alpha));
  }

  @Override
  int[] assign(int[] labels, int numClasses, int k, long seed, Map<String, String> facts) {
    if (labels.length < k) {
      throw new IllegalArgumentException("cannot give each of " + k + " partitions a sample: only " + labels.length
          + " samples");
    }
    Random rnd = Sampling.stream(seed, 3);
    int[][] byClass = positionsByClass(labels, numClasses);
    int[] a = new int[labels.length];
    for (int draw = 1; draw <= MAX_DRAWS; draw++) {
      int[] sizes = new int[k];
      for (int c = 0; c < numClasses; c++) {
        int[] members = byClass[c].clone();
        Sampling.shuffle(members, rnd);
        int[] counts = Sampling.apportion(Sampling.dirichlet(alpha, k, rnd), members.length);
        int o = 0;
        for (int p = 0; p < k; p++) {
          for (int i = 0; i < counts[p]; i++) {
            a[members[o++]] = p;
          }
          sizes[p] += counts[p];
        }
      }
      boolean allNonEmpty = true;
      for (int s : sizes) {
        allNonEmpty &= s > 0;
      }
      if (allNonEmpty) {
        facts.put("draws", Integer.toString(draw));
        return a;
      }
    }
    throw new IllegalArgumentException("Dirichlet(" + alpha + ") left a partition empty in " + MAX_DRAWS
        + " draws; use fewer partitions or a larger alpha");
  }
}
