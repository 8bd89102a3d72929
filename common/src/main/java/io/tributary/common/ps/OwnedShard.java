package io.tributary.common.ps;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The server side of one shard, in the data centre that owns it: the workers' updates summed per
 * clock, and each clock's sum released, in clock order, once every worker of the deployment has
 * sent its update of that clock.
 */
final class OwnedShard {
  /** Applies a released clock's summed update to the owner's copy and returns the shard's new values. */
  @FunctionalInterface
  interface Apply {
    float[] apply(long version, float[] total);
  }

  /** A clock's new values of the shard, to be sent to the workers of the other data centres. */
  record Release(long version, float[] values) {}

  private final int from;
  private final int to;
  private final int totalWorkers;
  private long version;
  private final TreeMap<Long, float[]> sums = new TreeMap<>();
  private final Map<Long, Integer> counts = new HashMap<>();

  /** The shard holding parameters {@code [from, to)}, updated by {@code totalWorkers} workers a clock. */
  OwnedShard(int from, int to, int totalWorkers) {
    this.from = from;
    this.to = to;
    this.totalWorkers = totalWorkers;
  }

  /** First parameter of the shard. */
  int from() {
    return from;
  }

  /** One past its last parameter. */
  int to() {
    return to;
  }

  /**
   * Adds one worker's update of {@code clock}; every clock that thereby has all its updates (in
   * order, starting after the last released one) goes through {@code apply} while this shard is
   * locked, so releases of one shard never interleave.
   *
   * @return the clocks released, in order (often none)
   */
  synchronized List<Release> add(long clock, float[] slice, Apply apply) {
    List<Release> released = new ArrayList<>();
    float[] sum = sums.computeIfAbsent(clock, c -> new float[to - from]);
    for (int i = 0; i < slice.length; i++) {
      sum[i] += slice[i];
    }
    counts.merge(clock, 1, Integer::sum);
    while (counts.getOrDefault(version + 1, 0) == totalWorkers) {
      long v = version + 1;
      float[] total = sums.remove(v);
      counts.remove(v);
      float[] values = apply.apply(v, total);
      version = v;
      released.add(new Release(v, values));
    }
    return released;
  }
}
