package io.tributary.common.link;

import io.tributary.common.metrics.TrafficMeter;
import java.io.IOException;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A link inside one JVM: two queues, optional shaping, every frame counted. Used for studies,
 * tests and emulated multi-data-centre runs in one process. Create both ends with
 * {@link #pair(String, String, LinkShape, TrafficMeter)}.
 */
public final class InProcessLink implements Link {
  private final String local;
  private final String remote;
  private final DelayQueue<Frame> inbox;
  private final DelayQueue<Frame> outbox;
  private final Shaper shaper;
  private final TrafficMeter meter;
  private final AtomicBoolean closed;
  private static final AtomicLong SEQ = new AtomicLong();

  private InProcessLink(String local, String remote, DelayQueue<Frame> inbox, DelayQueue<Frame> outbox,
      LinkShape shape, TrafficMeter meter, AtomicBoolean closed) {
    this.local = local;
    this.remote = remote;
    this.inbox = inbox;
    this.outbox = outbox;
    this.shaper = new Shaper(shape);
    this.meter = meter;
    this.closed = closed;
  }

  /**
   * Creates both ends of a link between {@code a} and {@code b}, each direction shaped
   * independently with {@code shape}, both counting into {@code meter}.
   *
   * @return {@code [a's end, b's end]}
   */
  public static InProcessLink[] pair(String a, String b, LinkShape shape, TrafficMeter meter) {
    DelayQueue<Frame> toA = new DelayQueue<>();
    DelayQueue<Frame> toB = new DelayQueue<>();
    AtomicBoolean closed = new AtomicBoolean();
    return new InProcessLink[] {
        new InProcessLink(a, b, toA, toB, shape, meter, closed),
        new InProcessLink(b, a, toB, toA, shape, meter, closed)};
  }

  @Override
  public String localId() {
    return local;
  }

  @Override
  public String remoteId() {
    return remote;
  }

  @Override
  public void send(byte[] frame) throws IOException {
    if (closed.get()) {
      throw new IOException("link " + channel() + " is closed");
    }
    long deliverAt;
    try {
      deliverAt = shaper.admit(frame.length);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while sending on " + channel(), e);
    }
    meter.record(channel(), frame.length);
    outbox.put(new Frame(frame.clone(), deliverAt, SEQ.incrementAndGet()));
  }

  @Override
  public byte[] receive(long timeout, TimeUnit unit) throws IOException, InterruptedException {
    Frame f = inbox.poll(timeout, unit);
    if (f == null && closed.get() && inbox.isEmpty()) {
      throw new IOException("link " + remote + "->" + local + " is closed");
    }
    return f == null ? null : f.payload;
  }

  @Override
  public TrafficMeter meter() {
    return meter;
  }

  @Override
  public void close() {
    closed.set(true);
  }

  private record Frame(byte[] payload, long deliverAtNanos, long seq) implements Delayed {
    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(deliverAtNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed o) {
      Frame f = (Frame) o;
      int c = Long.compare(deliverAtNanos, f.deliverAtNanos);
      return c != 0 ? c : Long.compare(seq, f.seq);
    }
  }
}
