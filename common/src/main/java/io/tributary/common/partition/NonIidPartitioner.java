package io.tributary.common.partition;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Label-based non-IID partitioning of the non-IID study (thesis §6.1.2): "x% non-IID indicates x%
 * of the dataset are partitioned by labels, while the remaining (100-x)% are partitioned randomly".
 *
 * <p>Partitioning by label sends a sample of class {@code c} to partition {@code c mod K}, so with
 * CIFAR-10's 10 classes and {@code K = 5} partition {@code k} holds exactly classes {@code k} and
 * {@code k + 5} ("each data partition has two object classes", §6.2.1), and with ImageNet and
 * {@code K = 2} each partition gets 500 classes. At 100% this is the study's strict setting where
 * each label lives in one partition exclusively ({@code label-skew}).
 *
 * <p>For {@code x < 100}: within each class (shuffled with the seed) the first
 * {@code round(x/100 * n_c)} samples are placed by label; all the others are pooled, shuffled and
 * dealt round-robin as in {@link IidPartitioner}. Taking x% of every class (rather than x% of the
 * whole set) keeps the by-label share exactly x% for each class; the fact {@code placed by label}
 * of the result reports the count. Spec: {@code noniid:<x>} ({@code 0 <= x <= 100}), and
 * {@code label-skew} for 100.
 */
public final class NonIidPartitioner extends AbstractPartitioner {
  private final double percent;

  /** @param percent the share of the data partitioned by label, 0 to 100 */
  public NonIidPartitioner(double percent) {
    if (!(percent >= 0 && percent <= 100)) {
      throw new IllegalArgumentException("non-IID percentage must be in [0, 100], got " + percent);
    }
    this.percent = percent;
  }

  /** The strict label skew of the study: every label in exactly one partition. */
  public static NonIidPartitioner labelSkew() {
    return new NonIidPartitioner(100);
  }

  /** The share of the data placed by label, in percent. */
  public double percent() {
    return percent;
  }

  @Override
  public String name() {
    return percent == 100 ? "label-skew" : "noniid";
  }

  @Override
  public String spec() {
    return percent == 100 ? "label-skew" : "noniid:" + num(percent);
  }

  @Override
  public Map<String, String> parameters() {
    return params("percent", num(percent), "rule", "label mod K");
  }

  @Override
  int[] assign(int[] labels, int numClasses, int k, long seed, Map<String, String> facts) {
    if (percent > 0 && numClasses < k) {
      throw new IllegalArgumentException("label-based partitioning into " + k + " partitions needs at least " + k
          + " classes, the data has " + numClasses + " (partitions without a class would be empty)");
    }
    Random rnd = Sampling.stream(seed, 1);
    int[][] byClass = positionsByClass(labels, numClasses);
    int[] a = new int[labels.length];
    int[] pool = new int[labels.length];
    int pooled = 0;
    long byLabel = 0;
    for (int c = 0; c < numClasses; c++) {
      int[] members = byClass[c];
      Sampling.shuffle(members, rnd);
      int take = (int) Math.round(percent / 100.0 * members.length);
      for (int i = 0; i < members.length; i++) {
        if (i < take) {
          a[members[i]] = c % k;
          byLabel++;
        } else {
          pool[pooled++] = members[i];
        }
      }
    }
    int[] poolOrder = Arrays.copyOf(pool, pooled);
    Arrays.sort(poolOrder); // independent of class iteration order before shuffling
    Sampling.shuffle(poolOrder, Sampling.stream(seed, 2));
    for (int i = 0; i < pooled; i++) {
      a[poolOrder[i]] = i % k;
    }
    facts.put("placed by label", byLabel + " of " + labels.length + String.format(Locale.ROOT, " (%.1f%%)",
        labels.length == 0 ? 0.0 : 100.0 * byLabel / labels.length));
    return a;
  }
}
