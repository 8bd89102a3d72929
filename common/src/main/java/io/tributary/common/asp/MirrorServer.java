package io.tributary.common.asp;

import io.tributary.common.link.Link;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The mirror server of thesis §5.3.2: one receiver thread per source data centre, applying what
 * arrives to the local parameter store and mirror clock. MIRROR UPDATE changes parameter values
 * (and lifts the barriers it satisfies), ASP BARRIER blocks reads of its parameters, MIRROR CLOCK
 * advances the origin's clock (and hands its progress figures to the listener), FINISHED tells
 * that the origin has left after flushing everything. Under an overlay ({@link MirrorRouting})
 * what arrives may have to travel on: the {@link Forwarder} gets every update and clock after it
 * was applied here, and every FINISHED before its origin is marked finished (so a node that
 * waits for everyone's FINISHED never stops while it still owes them a relay).
 */
public final class MirrorServer implements AutoCloseable {

  /** Passes on what arrived, as the node's routing says. */
  interface Forwarder {
    /** {@code m}, originated at {@code origin}, arrived from {@code from}. */
    void forward(String from, String origin, AspMessage m);

    Forwarder NONE = (from, origin, m) -> { };
  }

  private final ParameterStore store;
  private final Forwarder forwarder;
  private final MirrorClock clock;
  private final AspNode.Listener listener;
  private final AspNode.Counters counters;
  private final Consumer<Throwable> onFailure;
  private final List<Link> sources;
  private volatile boolean closed;

  MirrorServer(ParameterStore store, MirrorClock clock, AspNode.Listener listener, AspNode.Counters counters,
      List<Link> sources, Consumer<Throwable> onFailure) {
    this(store, clock, listener, counters, sources, onFailure, Forwarder.NONE);
  }

  MirrorServer(ParameterStore store, MirrorClock clock, AspNode.Listener listener, AspNode.Counters counters,
      List<Link> sources, Consumer<Throwable> onFailure, Forwarder forwarder) {
    this.forwarder = forwarder;
    this.store = store;
    this.clock = clock;
    this.listener = listener;
    this.counters = counters;
    this.sources = List.copyOf(sources);
    this.onFailure = onFailure;
  }

  void start(String localId) {
    for (Link l : sources) {
      Thread t = new Thread(() -> receiveLoop(l), "mirror-server " + l.remoteId() + "->" + localId);
      t.setDaemon(true);
      t.start();
    }
  }

  private void receiveLoop(Link link) {
    String source = link.remoteId();
    try {
      while (!closed) {
        byte[] frame = link.receive(200, TimeUnit.MILLISECONDS);
        if (frame == null) {
          continue;
        }
        List<AspMessage> messages;
        try {
          messages = AspMessage.decodeFrame(frame);
        } catch (IllegalArgumentException e) {
          throw new IOException("malformed frame from " + source + ": " + e.getMessage(), e);
        }
        for (AspMessage m : messages) {
          handle(source, m);
        }
      }
    } catch (InterruptedException e) {
      // Closing.
    } catch (IOException | RuntimeException e) {
      if (!closed) {
        onFailure.accept(e);
      }
    }
  }

  /**
   * Applies {@code m} from the peer {@code source}. Barrier holds and update sequence numbers are
   * per link ({@code source}); clocks and FINISHED count for the message's origin.
   */
  void handle(String source, AspMessage m) {
    String origin = AspMessage.originOf(m, source);
    if (m instanceof AspMessage.Update u) {
      store.applyRemote(source, u.shard(), u.seq(), u.indices(), u.values());
      counters.updatesReceived.increment();
      counters.parametersReceived.add(u.indices().length);
      forwarder.forward(source, origin, m);
    } else if (m instanceof AspMessage.Barrier b) {
      store.block(source, b.shard(), b.seq(), b.indices());
      counters.barriersReceived.increment();
    } else if (m instanceof AspMessage.Clock c) {
      clock.onRemoteClock(origin, c.clock());
      forwarder.forward(source, origin, m);
      listener.onClock(origin, c.clock(), c.stats());
    } else if (m instanceof AspMessage.Finished f) {
      forwarder.forward(source, origin, m);
      clock.onRemoteFinished(origin);
      if (origin.equals(source)) {
        store.releaseAll(source);
      }
      listener.onFinished(origin, f.clock());
    }
  }

  @Override
  public void close() {
    closed = true;
  }
}
