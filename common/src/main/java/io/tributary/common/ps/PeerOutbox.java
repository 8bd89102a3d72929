package io.tributary.common.ps;

import io.tributary.common.link.Link;
import io.tributary.common.link.TcpLink;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The messages a {@link WanParameterServer} owes one other data centre, and the thread that sends
 * them: queued messages are packed into frames of up to {@link ParameterServerWire#FRAME_BUDGET}
 * bytes (a message larger than that goes alone), one frame at a time, in queue order.
 */
final class PeerOutbox {
  private final Link link;
  private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
  private boolean sending;
  private Thread thread;

  PeerOutbox(Link link) {
    this.link = link;
  }

  /** The link to the destination. */
  Link link() {
    return link;
  }

  /**
   * Starts the sender thread (a daemon named {@code name}). It runs until {@code closed} turns
   * true or it is interrupted; a send that fails while not closed goes to {@code onFailure}.
   */
  void start(String name, BooleanSupplier closed, Consumer<Throwable> onFailure) {
    thread = new Thread(() -> sendLoop(closed, onFailure), name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues {@code message} for sending. */
  void enqueue(byte[] message) {
    synchronized (this) {
      queue.add(message);
      notifyAll();
    }
  }

  /**
   * Waits until every queued message was sent and, over TCP, acknowledged.
   *
   * @param deadline a {@link System#nanoTime()} instant
   * @return false if the deadline passed first
   */
  boolean awaitDelivered(long deadline) throws InterruptedException {
    synchronized (this) {
      while (!queue.isEmpty() || sending) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, 50_000_000L));
      }
    }
    return !(link instanceof TcpLink t && !t.awaitAcknowledged(Math.max(0, deadline - System.nanoTime()),
        TimeUnit.NANOSECONDS));
  }

  /** Stops the sender thread (after the owner marked itself closed). */
  void interrupt() {
    thread.interrupt();
  }

  private void sendLoop(BooleanSupplier closed, Consumer<Throwable> onFailure) {
    try {
      while (!closed.getAsBoolean()) {
        List<byte[]> batch = new ArrayList<>();
        synchronized (this) {
          while (queue.isEmpty() && !closed.getAsBoolean()) {
            wait(200);
          }
          if (closed.getAsBoolean()) {
            return;
          }
          int size = 0;
          while (!queue.isEmpty()
              && (batch.isEmpty() || size + queue.peek().length <= ParameterServerWire.FRAME_BUDGET)) {
            byte[] m = queue.poll();
            batch.add(m);
            size += m.length;
          }
          sending = true;
        }
        link.send(ParameterServerWire.frame(batch));
        synchronized (this) {
          sending = false;
          notifyAll();
        }
      }
    } catch (InterruptedException e) {
      // Closing.
    } catch (IOException | RuntimeException e) {
      if (!closed.getAsBoolean()) {
        onFailure.accept(e);
      }
    }
  }
}
