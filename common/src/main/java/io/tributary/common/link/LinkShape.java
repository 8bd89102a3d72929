package io.tributary.common.link;

import java.io.Serializable;

/**
 * Bandwidth and one-way latency to emulate on a link. {@link #UNSHAPED} sends as fast as the
 * transport allows. Shaping is applied by the sender: a frame of {@code n} bytes occupies the
 * link for {@code n * 8 / bitsPerSecond} seconds, and becomes visible to the receiver
 * {@code latencyMillis} after it has been fully transmitted.
 *
 * @param bitsPerSecond link bandwidth; {@code <= 0} means unlimited
 * @param latencyMillis one-way propagation delay in milliseconds, {@code >= 0}
 */
public record LinkShape(double bitsPerSecond, double latencyMillis) implements Serializable {

  /** No emulated limits. */
  public static final LinkShape UNSHAPED = new LinkShape(0, 0);

  public LinkShape {
    if (latencyMillis < 0 || Double.isNaN(latencyMillis)) {
      throw new IllegalArgumentException("latency must be >= 0 ms, got " + latencyMillis);
    }
    if (Double.isNaN(bitsPerSecond)) {
      throw new IllegalArgumentException("bandwidth is NaN");
    }
  }

  /** A shape from megabits per second and milliseconds. */
  public static LinkShape ofMbps(double megabitsPerSecond, double latencyMillis) {
    return new LinkShape(megabitsPerSecond * 1e6, latencyMillis);
  }

  /** Nanoseconds a frame of {@code bytes} occupies the link (0 when unlimited). */
  public long transmitNanos(long bytes) {
    if (bitsPerSecond <= 0) {
      return 0;
    }
    return (long) (bytes * 8.0 / bitsPerSecond * 1e9);
  }

  /** Whether this shape imposes any limit. */
  public boolean isShaped() {
    return bitsPerSecond > 0 || latencyMillis > 0;
  }
}
