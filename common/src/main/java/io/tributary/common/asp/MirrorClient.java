package io.tributary.common.asp;

import io.tributary.common.link.Link;
import io.tributary.common.link.LinkShape;
import io.tributary.common.link.TcpLink;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The mirror client of thesis §5.3.2: one sender thread per destination data centre, each with a
 * control queue (barriers, clocks) that always goes first and a data queue (updates). When it
 * wakes up it packs what is queued for its destination into frames: all pending control messages
 * in one frame, then data messages in frames of at most about {@code maxFrameBytes}, checking the
 * control queue again between data frames.
 *
 * <p>It also knows how long each destination's queue takes to drain at the link's bandwidth,
 * which is how the significance filter detects that significant updates arrive faster than the
 * WAN can carry them (and sends a selective barrier first).
 */
public final class MirrorClient implements AutoCloseable {

  /** One destination: its link, its emulated or known bandwidth, and its two queues. */
  static final class Destination {
    final String id;
    final Link link;
    final double bitsPerSecond;
    final ArrayDeque<byte[]> control = new ArrayDeque<>();
    final ArrayDeque<byte[]> data = new ArrayDeque<>();
    long queuedDataBytes;
    long inFlightBytes;
    long offeredBytesSinceMark;
    long sentFrames;
    long sentBytes;
    Thread thread;

    Destination(String id, Link link, LinkShape shape) {
      this.id = id;
      this.link = link;
      this.bitsPerSecond = shape == null ? 0 : shape.bitsPerSecond();
    }
  }

  private final List<Destination> destinations;
  private final int maxFrameBytes;
  private final Consumer<Throwable> onFailure;
  private volatile boolean closed;

  MirrorClient(List<Destination> destinations, int maxFrameBytes, Consumer<Throwable> onFailure) {
    this.destinations = List.copyOf(destinations);
    this.maxFrameBytes = maxFrameBytes;
    this.onFailure = onFailure;
  }

  void start(String localId) {
    for (Destination d : destinations) {
      d.thread = new Thread(() -> sendLoop(d), "mirror-client " + localId + "->" + d.id);
      d.thread.setDaemon(true);
      d.thread.start();
    }
  }

  List<Destination> destinations() {
    return destinations;
  }

  /** Queues an encoded message for one destination on the queue its kind calls for. */
  void enqueue(Destination d, byte[] encoded, boolean control) {
    synchronized (d) {
      if (control) {
        d.control.add(encoded);
      } else {
        d.data.add(encoded);
        d.queuedDataBytes += encoded.length;
      }
      d.offeredBytesSinceMark += encoded.length;
      d.notifyAll();
    }
  }

  /**
   * Seconds the destination needs to send what is queued for it plus {@code extraBytes}, at its
   * bandwidth (0 when the bandwidth is unlimited or unknown).
   */
  double drainSeconds(Destination d, long extraBytes) {
    if (d.bitsPerSecond <= 0) {
      return 0;
    }
    synchronized (d) {
      return (d.queuedDataBytes + d.inFlightBytes + extraBytes) * 8.0 / d.bitsPerSecond;
    }
  }

  /**
   * The busiest destination's utilisation since the last call: bytes offered over bytes its link
   * could carry in {@code seconds}; NaN when no destination has a known bandwidth. Resets the
   * counters.
   */
  double utilisationSinceMark(double seconds) {
    double max = Double.NaN;
    for (Destination d : destinations) {
      long offered;
      synchronized (d) {
        offered = d.offeredBytesSinceMark;
        d.offeredBytesSinceMark = 0;
      }
      if (d.bitsPerSecond > 0 && seconds > 0) {
        double u = offered * 8.0 / (d.bitsPerSecond * seconds);
        max = Double.isNaN(max) ? u : Math.max(max, u);
      }
    }
    return max;
  }

  /** Waits until every queue is empty and the links have delivered everything; false on timeout. */
  boolean awaitDrained(long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    for (Destination d : destinations) {
      synchronized (d) {
        while (!d.control.isEmpty() || !d.data.isEmpty() || d.inFlightBytes > 0) {
          long left = deadline - System.nanoTime();
          if (left <= 0 || closed) {
            return false;
          }
          TimeUnit.NANOSECONDS.timedWait(d, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
        }
      }
      if (d.link instanceof TcpLink t) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !t.awaitAcknowledged(left, TimeUnit.NANOSECONDS)) {
          return false;
        }
      }
    }
    return true;
  }

  /** Frames and bytes handed to each destination's link so far. */
  List<long[]> sentCounts() {
    List<long[]> out = new ArrayList<>();
    for (Destination d : destinations) {
      synchronized (d) {
        out.add(new long[] {d.sentFrames, d.sentBytes});
      }
    }
    return Collections.unmodifiableList(out);
  }

  private void sendLoop(Destination d) {
    try {
      while (!closed) {
        List<byte[]> batch = new ArrayList<>();
        long dataBytes = 0;
        synchronized (d) {
          while (d.control.isEmpty() && d.data.isEmpty() && !closed) {
            d.wait(200);
          }
          if (closed) {
            return;
          }
          // Control messages travel in a frame of their own, ahead of any data, so a barrier
          // is not held up by the (possibly long) transmission of the update it announces.
          int size = 0;
          if (!d.control.isEmpty()) {
            while (!d.control.isEmpty()) {
              batch.add(d.control.poll());
            }
          } else {
            while (!d.data.isEmpty() && (size < maxFrameBytes || batch.isEmpty())) {
              byte[] m = d.data.peek();
              if (!batch.isEmpty() && size + m.length > maxFrameBytes) {
                break;
              }
              d.data.poll();
              batch.add(m);
              size += m.length;
              dataBytes += m.length;
            }
          }
          d.queuedDataBytes -= dataBytes;
          d.inFlightBytes = dataBytes;
        }
        byte[] frame = AspMessage.frame(batch);
        d.link.send(frame);
        synchronized (d) {
          d.inFlightBytes = 0;
          d.sentFrames++;
          d.sentBytes += frame.length;
          d.notifyAll();
        }
      }
    } catch (InterruptedException e) {
      // Closing.
    } catch (IOException | RuntimeException e) {
      if (!closed) {
        onFailure.accept(new IOException("mirror client lost its link to " + d.id + ": " + e.getMessage(), e));
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    for (Destination d : destinations) {
      synchronized (d) {
        d.notifyAll();
      }
      if (d.thread != null) {
        d.thread.interrupt();
      }
    }
  }
}
