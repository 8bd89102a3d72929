package io.tributary.common.protocol;

/**
 * How much of each partition's update reaches the shared model (see the package documentation).
 */
public enum UpdateWeighting {
  /** Each partition's update weighted 1/K: BSP is centralised SGD on the union minibatch. */
  MEAN,
  /** Each update added in full, the literal parameter-server form of Algorithms 1 and 3. */
  SUM;

  /** The weight of one of {@code partitions} partitions' contributions. */
  public double weight(int partitions) {
    return this == MEAN ? 1.0 / partitions : 1.0;
  }
}
