package io.tributary.common.asp;

/**
 * The soft significance threshold of §5.3.4, kept as a ratio of the hard one: updates above the
 * soft threshold (but not the hard one) travel best-effort, when the WAN has room. In
 * {@link AspGoal#OPTIMISE_SPEED} the ratio halves after every clock in which the busiest link was
 * used below {@link #LOW_WATER} of its capacity, and doubles back (up to 1) after a clock in which
 * it was over-used; in {@link AspGoal#MINIMISE_COST} it stays at 1, i.e. off.
 */
public final class SoftThreshold {
  /** Utilisation below which bandwidth counts as under-used. */
  public static final double LOW_WATER = 0.5;
  /** Utilisation above which the link counts as over-used. */
  public static final double HIGH_WATER = 1.0;

  private final AspGoal goal;
  private final double minRatio;
  private double ratio = 1.0;

  /**
   * @param minRatio the smallest soft/hard ratio (e.g. 0.05), so best-effort traffic stays bounded
   */
  public SoftThreshold(AspGoal goal, double minRatio) {
    if (!(minRatio > 0 && minRatio <= 1)) {
      throw new IllegalArgumentException("minimum soft/hard ratio must be in (0, 1], got " + minRatio);
    }
    this.goal = goal;
    this.minRatio = minRatio;
  }

  public AspGoal goal() {
    return goal;
  }

  /** Current soft/hard ratio (1 means the soft threshold is not active). */
  public synchronized double ratio() {
    return ratio;
  }

  /** The soft threshold for a given hard threshold. */
  public synchronized double soft(double hard) {
    return hard * ratio;
  }

  /** Whether updates between the soft and the hard threshold may travel at all. */
  public synchronized boolean active() {
    return goal == AspGoal.OPTIMISE_SPEED && ratio < 1.0;
  }

  /**
   * Tunes after a clock. {@code utilisation} is the busiest link's offered bytes over what it
   * could carry in that clock (NaN or infinite when unknown: no change).
   */
  public synchronized void observe(double utilisation) {
    if (goal == AspGoal.MINIMISE_COST || Double.isNaN(utilisation) || Double.isInfinite(utilisation)) {
      return;
    }
    if (utilisation < LOW_WATER) {
      ratio = Math.max(minRatio, ratio * 0.5);
    } else if (utilisation > HIGH_WATER) {
      ratio = Math.min(1.0, ratio * 2);
    }
  }
}
