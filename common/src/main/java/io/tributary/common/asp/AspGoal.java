package io.tributary.common.asp;

/** What the soft significance threshold is for (thesis §5.3.4). */
public enum AspGoal {
  /**
   * Converge faster: lower the soft threshold while WAN bandwidth is under-used, so more updates
   * travel best-effort on the otherwise idle link.
   */
  OPTIMISE_SPEED,
  /** Minimise WAN traffic: the soft threshold is off, only hard-significant updates travel. */
  MINIMISE_COST
}
