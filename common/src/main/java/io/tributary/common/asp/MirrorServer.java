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
 * advances the source's clock (and hands its progress figures to the listener), FINISHED tells
 * that the source has left after flushing everything.
 */
public final class MirrorServer implements AutoCloseable {
  private final ParameterStore store;
  private final MirrorClock clock;
  private final AspNode.Listener listener;
  private final AspNode.Counters counters;
  private final Consumer<Throwable> onFailure;
  private final List<Link> sources;
  private volatile boolean closed;

  MirrorServer(ParameterStore store, MirrorClock clock, AspNode.Listener listener, AspNode.Counters counters,
      List<Link> sources, Consumer<Throwable> onFailure) {
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

  void handle(String source, AspMessage m) {
    if (m instanceof AspMessage.Update u) {
      store.applyRemote(source, u.shard(), u.seq(), u.indices(), u.values());
      counters.updatesReceived.increment();
      counters.parametersReceived.add(u.indices().length);
    } else if (m instanceof AspMessage.Barrier b) {
      store.block(source, b.shard(), b.seq(), b.indices());
      counters.barriersReceived.increment();
    } else if (m instanceof AspMessage.Clock c) {
      clock.onRemoteClock(source, c.clock());
      listener.onClock(source, c.clock(), c.stats());
    } else if (m instanceof AspMessage.Finished f) {
      clock.onRemoteFinished(source);
      store.releaseAll(source);
      listener.onFinished(source, f.clock());
    }
  }

  @Override
  public void close() {
    closed = true;
  }
}
