package io.tributary.common.partition;

import java.util.Map;
import java.util.Random;

/**
 * IID partitioning: shuffle all samples with the seed, then deal them round-robin, so partition
 * sizes differ by at most one and every partition's label distribution matches the dataset's up to
 * sampling noise. Spec: {@code iid}.
 */
public final class IidPartitioner extends AbstractPartitioner {
  @Override
  public String name() {
    return "iid";
  }

  @Override
  public String spec() {
    return "iid";
  }

  @Override
  public Map<String, String> parameters() {
    return Map.of();
  }

  @Override
  int[] assign(int[] labels, int numClasses, int k, long seed, Map<String, String> facts) {
    Random rnd = Sampling.stream(seed, 0);
    int[] order = Sampling.permutation(labels.length, rnd);
    int[] a = new int[labels.length];
    for (int i = 0; i < order.length; i++) {
      a[order[i]] = i % k;
    }
    return a;
  }
}
