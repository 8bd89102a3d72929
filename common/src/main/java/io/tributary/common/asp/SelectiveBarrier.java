package io.tributary.common.asp;

/**
 * ASP's selective barrier (thesis §5.2.4, Figure 5.5a) and its budget. When a significant update
 * would reach a data centre later than the budget allows, because its link's queue is too long to
 * drain in time, a small ASP BARRIER naming the update's significant parameters goes ahead of it on the
 * control queue, and the receiver holds reads of those parameters until the update itself
 * arrives. The same budget bounds the best-effort traffic the soft threshold lets through
 * (§5.3.4): it is sent only while every link can drain its queue in half the budget.
 *
 * <p>The budget is {@link AspConfig#barrierBudgetMillis()} when that is positive; otherwise one
 * clock, measured as a moving average of the owner's clock durations (1 s before the first clock
 * ends). One instance per {@link AspNode}; the owner reports clock ends and the sending paths
 * (owner and mirror-server threads) ask it.
 */
final class SelectiveBarrier {
  private final boolean enabled;
  private final long budgetMillis;
  // Written at clock ends by the owner, read by the sending threads.
  private volatile double clockSecondsEwma = Double.NaN;

  SelectiveBarrier(AspConfig config) {
    this.enabled = config.selectiveBarrier();
    this.budgetMillis = config.barrierBudgetMillis();
  }

  /** Records that a clock took {@code seconds} (the measured budget follows it). */
  void clockEnded(double seconds) {
    clockSecondsEwma = Double.isNaN(clockSecondsEwma) ? seconds : 0.7 * clockSecondsEwma + 0.3 * seconds;
  }

  /** How long an update may take to reach a data centre before a barrier must precede it, s. */
  double budgetSeconds() {
    if (budgetMillis > 0) {
      return budgetMillis / 1000.0;
    }
    double ewma = clockSecondsEwma;
    return Double.isNaN(ewma) ? 1.0 : Math.max(ewma, 1e-3);
  }

  /** Whether every link drains its queue within half the budget (so best-effort updates may go). */
  boolean roomForBestEffort(MirrorClient client) {
    double budget = budgetSeconds();
    for (MirrorClient.Destination d : client.destinations()) {
      if (client.drainSeconds(d, 0) > budget / 2) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether an update of {@code encodedBytes} with {@code hardCount} significant parameters needs
   * a barrier ahead of it towards {@code d}, given a budget of {@code budgetSeconds}.
   */
  boolean needed(MirrorClient client, MirrorClient.Destination d, int encodedBytes, int hardCount,
      double budgetSeconds) {
    return enabled && hardCount > 0 && client.drainSeconds(d, encodedBytes) > budgetSeconds;
  }

  /** The ASP BARRIER for an update of {@code shard} numbered {@code seq}, covering {@code hardIndices}. */
  static byte[] message(int shard, long seq, int shardFrom, int[] hardIndices) {
    return AspMessage.encode(new AspMessage.Barrier(shard, seq, shardFrom, hardIndices));
  }
}
