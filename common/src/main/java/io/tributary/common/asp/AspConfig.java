package io.tributary.common.asp;

import java.io.Serializable;

/**
 * Settings of Approximate Synchronous Parallel between data centres.
 *
 * @param initialThreshold {@code v}: the hard significance threshold at clock 1, decaying as
 *     {@code v / sqrt(t)} (e.g. 0.01: a 1% change is significant)
 * @param staleness DS, the mirror clock's largest lead in clocks over the slowest data centre;
 *     {@code <= 0} disables the mirror clock
 * @param selectiveBarrier whether ASP selective barriers are sent when significant updates arrive
 *     faster than a link can carry them
 * @param goal what the soft threshold serves (§5.3.4)
 * @param minSoftRatio the lowest soft/hard threshold ratio in {@link AspGoal#OPTIMISE_SPEED}
 * @param shardSize parameters per shard of the parameter store (a multiple of the significance
 *     function's group width)
 * @param maxFrameBytes the mirror client packs messages to one destination up to about this many
 *     bytes per frame, so control messages are never stuck behind a long data frame
 * @param barrierBudgetMillis a barrier precedes an update when the destination's queue would take
 *     longer than this to drain; {@code <= 0} means "one clock" (the measured clock duration)
 */
public record AspConfig(double initialThreshold, int staleness, boolean selectiveBarrier, AspGoal goal,
    double minSoftRatio, int shardSize, int maxFrameBytes, long barrierBudgetMillis) implements Serializable {

  public AspConfig {
    new ThresholdSchedule(initialThreshold);
    if (shardSize < 1) {
      throw new IllegalArgumentException("shard size must be >= 1, got " + shardSize);
    }
    if (maxFrameBytes < 1024) {
      throw new IllegalArgumentException("frame budget must be >= 1024 bytes, got " + maxFrameBytes);
    }
    if (!(minSoftRatio > 0 && minSoftRatio <= 1)) {
      throw new IllegalArgumentException("minimum soft/hard ratio must be in (0, 1], got " + minSoftRatio);
    }
    if (goal == null) {
      throw new IllegalArgumentException("goal is required");
    }
  }

  /** Gaia's defaults: 1% threshold, DS 4, barriers on, optimise speed, 4096-parameter shards. */
  public static AspConfig defaults() {
    return new AspConfig(0.01, 4, true, AspGoal.OPTIMISE_SPEED, 0.1, 4096, 64 << 10, 0);
  }

  /** Gaia_Async (§5.5.5): the significance filter only, no selective barrier, no mirror clock. */
  public AspConfig asyncOnly() {
    return new AspConfig(initialThreshold, 0, false, goal, minSoftRatio, shardSize, maxFrameBytes, barrierBudgetMillis);
  }

  public AspConfig withInitialThreshold(double v) {
    return new AspConfig(v, staleness, selectiveBarrier, goal, minSoftRatio, shardSize, maxFrameBytes, barrierBudgetMillis);
  }

  public AspConfig withStaleness(int ds) {
    return new AspConfig(initialThreshold, ds, selectiveBarrier, goal, minSoftRatio, shardSize, maxFrameBytes,
        barrierBudgetMillis);
  }

  public AspConfig withSelectiveBarrier(boolean on) {
    return new AspConfig(initialThreshold, staleness, on, goal, minSoftRatio, shardSize, maxFrameBytes, barrierBudgetMillis);
  }

  public AspConfig withGoal(AspGoal g) {
    return new AspConfig(initialThreshold, staleness, selectiveBarrier, g, minSoftRatio, shardSize, maxFrameBytes,
        barrierBudgetMillis);
  }

  public AspConfig withShardSize(int size) {
    return new AspConfig(initialThreshold, staleness, selectiveBarrier, goal, minSoftRatio, size, maxFrameBytes,
        barrierBudgetMillis);
  }

  public AspConfig withBarrierBudgetMillis(long ms) {
    return new AspConfig(initialThreshold, staleness, selectiveBarrier, goal, minSoftRatio, shardSize, maxFrameBytes, ms);
  }

  /** Whether the mirror clock bounds the drift between data centres. */
  public boolean mirrorClock() {
    return staleness > 0;
  }
}
