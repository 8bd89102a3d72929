package io.tributary.gaia.mf;

import io.tributary.gaia.mf.MatrixFactorization.LowRankSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The ratings of a generated low-rank matrix ({@link LowRankSpec}): every user's ratings follow
 * from the spec's seed and the user's id alone, so a worker generates exactly its users' ratings on
 * its executor, and any split of the users gives the same matrix.
 */
final class GeneratedRatings {
  private GeneratedRatings() {}

  /**
   * Ratings of some users, in generation order.
   *
   * @param user each rating's user, as an index into the users asked for
   * @param item each rating's item
   * @param rating each rating's value
   */
  record Triples(int[] user, int[] item, float[] rating) {}

  /** The ratings of users {@code ids}: {@code ratingsPerUser} distinct items each. */
  static Triples of(LowRankSpec s, List<Long> ids) {
    float[] trueItems = trueItemFactors(s);
    int n = ids.size() * s.ratingsPerUser();
    int[] user = new int[n];
    int[] item = new int[n];
    float[] rating = new float[n];
    float[] lu = new float[s.trueRank()];
    double scale = 1.0 / Math.sqrt(Math.sqrt(s.trueRank()));
    int k = 0;
    for (int local = 0; local < ids.size(); local++) {
      long u = ids.get(local);
      SplittableRandom rnd = new SplittableRandom(s.seed() * 0x9E3779B97F4A7C15L + u * 0xD1B54A32D192ED03L + 1);
      for (int j = 0; j < lu.length; j++) {
        lu[j] = (float) (gaussian(rnd) * scale);
      }
      Set<Integer> seen = new HashSet<>();
      while (seen.size() < s.ratingsPerUser()) {
        int i = (int) Math.min(s.items() - 1, (long) (s.items() * Math.pow(rnd.nextDouble(), s.itemSkew())));
        if (seen.add(i)) {
          double dot = 0;
          for (int j = 0; j < lu.length; j++) {
            dot += lu[j] * trueItems[i * lu.length + j];
          }
          user[k] = local;
          item[k] = i;
          rating[k] = (float) (dot + gaussian(rnd) * s.noise());
          k++;
        }
      }
    }
    return new Triples(user, item, rating);
  }

  /** The true item factors (items x true rank), scaled so that products have unit variance. */
  static float[] trueItemFactors(LowRankSpec s) {
    float[] r = new float[s.items() * s.trueRank()];
    SplittableRandom rnd = new SplittableRandom(s.seed() * 0x9E3779B97F4A7C15L - 5);
    double scale = 1.0 / Math.sqrt(Math.sqrt(s.trueRank()));
    for (int i = 0; i < r.length; i++) {
      r[i] = (float) (gaussian(rnd) * scale);
    }
    return r;
  }

  /** A standard normal draw. */
  static double gaussian(SplittableRandom rnd) {
    // Box-Muller; SplittableRandom has no nextGaussian on Java 17.
    double u1 = 1.0 - rnd.nextDouble();
    double u2 = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
