package io.tributary.common.asp;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The ASP mirror clock (thesis §5.2.4, Figure 5.5b): each data centre reports the clocks it has
 * completed, and one that is {@code DS} (data-centre staleness) clocks ahead of the slowest of
 * its peers may not start another clock until that peer catches up. Hence the completed clocks of
 * any two data centres never differ by more than {@code DS}.
 *
 * <p>Clocks count completed iterations; clock {@code t} is started after {@code t - 1} completed.
 * A peer that has finished for good no longer holds anyone back. With {@code DS <= 0} the clock
 * is disabled (Gaia_Async: no bound).
 */
public final class MirrorClock {
  private final int staleness;
  private final Map<String, Long> remote = new HashMap<>();
  private final Set<String> finished = new HashSet<>();
  private long local;

  /**
   * @param peers the other data centres sharing the parameters
   * @param staleness DS, the largest allowed lead in completed clocks; {@code <= 0} disables the bound
   */
  public MirrorClock(Collection<String> peers, int staleness) {
    this.staleness = staleness;
    for (String p : peers) {
      remote.put(p, 0L);
    }
  }

  /** DS ({@code <= 0} when disabled). */
  public int staleness() {
    return staleness;
  }

  public boolean enabled() {
    return staleness > 0;
  }

  /** Records that this data centre completed {@code clock}. */
  public synchronized void completeLocal(long clock) {
    local = Math.max(local, clock);
    notifyAll();
  }

  /** Records a MIRROR CLOCK from {@code peer}: it completed {@code clock}. */
  public synchronized void onRemoteClock(String peer, long clock) {
    if (!remote.containsKey(peer)) {
      throw new IllegalArgumentException("mirror clock from unknown data centre " + peer + " " + remote.keySet());
    }
    remote.merge(peer, clock, Math::max);
    notifyAll();
  }

  /** Records that {@code peer} finished training: it no longer holds anyone back. */
  public synchronized void onRemoteFinished(String peer) {
    finished.add(peer);
    notifyAll();
  }

  /** Completed clocks of this data centre. */
  public synchronized long local() {
    return local;
  }

  /** Completed clocks of {@code peer} as last reported. */
  public synchronized long remote(String peer) {
    return remote.getOrDefault(peer, 0L);
  }

  /** The slowest unfinished peer's completed clock ({@link Long#MAX_VALUE} when none is left). */
  public synchronized long slowest() {
    long min = Long.MAX_VALUE;
    for (Map.Entry<String, Long> e : remote.entrySet()) {
      if (!finished.contains(e.getKey())) {
        min = Math.min(min, e.getValue());
      }
    }
    return min;
  }

  /** Whether clock {@code clock} (so {@code clock - 1} completed) may start now. */
  public synchronized boolean mayStart(long clock) {
    if (staleness <= 0) {
      return true;
    }
    long slowest = slowest();
    return slowest == Long.MAX_VALUE || (clock - 1) - slowest < staleness;
  }

  /**
   * Waits until clock {@code clock} may start, {@code stop} turns true, or the timeout passes.
   *
   * @return whether the clock may start
   */
  public synchronized boolean awaitStart(long clock, BooleanSupplier stop, long timeout, TimeUnit unit)
      throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    while (!mayStart(clock)) {
      if (stop.getAsBoolean()) {
        return false;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      // Bounded waits so a stop condition set elsewhere is noticed.
      TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
    }
    return true;
  }
}
