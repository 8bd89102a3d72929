package io.tributary.gaia.runtime;

import java.io.Serializable;

/**
 * When a run ends (thesis §5.4.3).
 *
 * @param target stop once the global objective reaches this value (NaN: no target)
 * @param convergence stop once the objective changes by less than {@code convergenceChange}
 *     (relative) over {@code convergenceWindow} clocks, the paper's convergence criterion (2% over
 *     10 iterations); the objective at that clock becomes the target other settings must reach
 * @param convergenceChange relative change, e.g. 0.02
 * @param convergenceWindow clocks, e.g. 10
 * @param maxClocks give up after this many clocks
 * @param maxSeconds give up after this much training time
 */
public record StopRule(double target, boolean convergence, double convergenceChange, int convergenceWindow,
    long maxClocks, double maxSeconds) implements Serializable {

  public StopRule {
    if (maxClocks < 1 || !(maxSeconds > 0)) {
      throw new IllegalArgumentException("max clocks and max seconds must be positive, got " + maxClocks + ", "
          + maxSeconds);
    }
    if (convergence && (!(convergenceChange > 0) || convergenceWindow < 1)) {
      throw new IllegalArgumentException("convergence needs a positive change and window");
    }
    if (!convergence && Double.isNaN(target) && maxClocks == Long.MAX_VALUE) {
      throw new IllegalArgumentException("a run needs a target, the convergence criterion or a clock limit");
    }
  }

  /** Run until the paper's criterion: less than 2% change over 10 clocks. */
  public static StopRule converge(long maxClocks, double maxSeconds) {
    return new StopRule(Double.NaN, true, 0.02, 10, maxClocks, maxSeconds);
  }

  /** Run until the objective reaches {@code target}. */
  public static StopRule reach(double target, long maxClocks, double maxSeconds) {
    return new StopRule(target, false, 0.02, 10, maxClocks, maxSeconds);
  }

  /** Run exactly {@code clocks} clocks (unless the time limit comes first). */
  public static StopRule clocks(long clocks, double maxSeconds) {
    return new StopRule(Double.NaN, false, 0.02, 10, clocks, maxSeconds);
  }

  public boolean hasTarget() {
    return !Double.isNaN(target);
  }
}
