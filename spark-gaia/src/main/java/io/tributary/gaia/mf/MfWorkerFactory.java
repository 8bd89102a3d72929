package io.tributary.gaia.mf;

import io.tributary.gaia.app.Placement;
import io.tributary.gaia.mf.MatrixFactorization.LowRankSpec;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds MF workers from their rating triples, as every data source does alike: the triples are
 * shuffled with a seed of the worker's place, and its users' initial factors are drawn from the
 * seed and each user's id (so a user starts alike wherever it is placed). Shipped to the executors
 * for generated data.
 */
final class MfWorkerFactory implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int rank;
  private final double initScale;
  private final long seed;

  MfWorkerFactory(int rank, double initScale, long seed) {
    this.rank = rank;
    this.initScale = initScale;
    this.seed = seed;
  }

  /**
   * Worker {@code p} of data centre {@code dc} holding the given triples (shuffled here, in place)
   * of the users {@code userIds} (local user {@code k} is {@code userIds[k]}).
   */
  MfWorker build(int dc, int p, long[] userIds, int[] user, int[] item, float[] rating, int numItems) {
    shuffle(user, item, rating, new SplittableRandom(seed ^ ((dc * 1000L + p) * 0x632BE59BD9B4E019L)));
    return new MfWorker(p, userIds, user, item, rating, initialUserFactors(userIds), numItems);
  }

  /** Builds worker {@code p} of data centre {@code dc} from the generated matrix {@code s} (on an executor). */
  MfWorker generated(LowRankSpec s, int dc, int dcCount, int workers, int p) {
    List<Long> ids = new ArrayList<>();
    for (long u = 0; u < s.users(); u++) {
      if (Placement.dataCentreOf(u, dcCount) == dc && Placement.workerOf(u, dcCount, workers) == p) {
        ids.add(u);
      }
    }
    GeneratedRatings.Triples t = GeneratedRatings.of(s, ids);
    long[] userIds = ids.stream().mapToLong(Long::longValue).toArray();
    return build(dc, p, userIds, t.user(), t.item(), t.rating(), s.items());
  }

  private float[] initialUserFactors(long[] userIds) {
    float[] l = new float[userIds.length * rank];
    for (int u = 0; u < userIds.length; u++) {
      SplittableRandom rnd = new SplittableRandom(seed * 0x2545F4914F6CDD1DL + userIds[u] * 0x9E3779B97F4A7C15L);
      for (int j = 0; j < rank; j++) {
        l[u * rank + j] = (float) (GeneratedRatings.gaussian(rnd) * initScale);
      }
    }
    return l;
  }

  private static void shuffle(int[] a, int[] b, float[] c, SplittableRandom rnd) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
      t = b[i];
      b[i] = b[j];
      b[j] = t;
      float f = c[i];
      c[i] = c[j];
      c[j] = f;
    }
  }
}
