package io.tributary.common.asp;

import java.io.Serializable;

/**
 * The hard significance threshold over time: {@code v / sqrt(t)} at clock {@code t >= 1}
 * (thesis §5.2.4 and Theorem 1: the threshold decays like the SGD step size, which is what
 * guarantees convergence under ASP).
 *
 * @param initial the programmer's initial threshold {@code v}, e.g. 0.01 for 1%
 */
public record ThresholdSchedule(double initial) implements Serializable {
  public ThresholdSchedule {
    if (!(initial >= 0) || Double.isInfinite(initial)) {
      throw new IllegalArgumentException("initial significance threshold must be finite and >= 0, got " + initial);
    }
  }

  /** The hard threshold at clock {@code t} (clocks before 1 use the initial value). */
  public double at(long clock) {
    return initial / Math.sqrt(Math.max(1, clock));
  }
}
