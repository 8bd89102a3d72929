package io.tributary.common.link;

/**
 * Sender-side emulation of a {@link LinkShape}: serialises frames onto a virtual wire of the
 * configured bandwidth and tells when each frame would arrive. Used by in-process and TCP links
 * alike, so emulated WAN timings do not depend on the transport.
 */
public final class Shaper {
  private final LinkShape shape;
  private long wireFreeAtNanos = System.nanoTime();

  public Shaper(LinkShape shape) {
    this.shape = shape;
  }

  public LinkShape shape() {
    return shape;
  }

  /**
   * Blocks the sender while the virtual wire is busy with this frame, and returns the
   * {@link System#nanoTime()} at which the receiver may deliver it.
   */
  public synchronized long admit(long bytes) throws InterruptedException {
    long now = System.nanoTime();
    long start = Math.max(now, wireFreeAtNanos);
    long done = start + shape.transmitNanos(bytes);
    wireFreeAtNanos = done;
    sleepUntil(done);
    return done + (long) (shape.latencyMillis() * 1e6);
  }

  /** Sleeps until {@code deadlineNanos} of {@link System#nanoTime()}. */
  public static void sleepUntil(long deadlineNanos) throws InterruptedException {
    long left;
    while ((left = deadlineNanos - System.nanoTime()) > 0) {
      long ms = left / 1_000_000;
      int ns = (int) (left % 1_000_000);
      Thread.sleep(ms, ns);
    }
  }
}
