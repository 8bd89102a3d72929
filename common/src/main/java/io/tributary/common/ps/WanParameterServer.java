package io.tributary.common.ps;

import io.tributary.common.link.Link;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * BASELINE of the Gaia evaluation (thesis §5.5): one ordinary parameter server whose shards are
 * spread evenly over the data centres (shard {@code s} lives in data centre {@code s mod D}), and
 * every worker synchronises with every shard over the WAN, BSP (or SSP with a staleness bound).
 *
 * <p>Each clock, every worker pushes its update of each shard to the shard's owner (one message
 * per worker and shard; shards in the worker's own data centre are reached over the LAN, free);
 * when an owner has every worker's update of a clock it applies their sum and sends the new
 * values to every worker (one copy per worker of each other data centre, as each worker keeps
 * its own cache). A clock starts once every shard has applied the previous one (BSP), or the one
 * {@code staleness} clocks before it (SSP). Messages to a data centre are packed per destination;
 * vectors use {@code VectorCodec} ({@link ParameterServerWire}).
 *
 * <p>Engine-free, like {@code io.tributary.common.asp.AspNode}: an engine's driver owns one per
 * data centre and calls, per clock, {@link #beginClock}, {@link #read} and {@link #complete}
 * (Gaia's Spark runtime wraps it as its BASELINE sync layer), then {@link #finish} and
 * {@link #close}. Other data centres' progress reports reach the {@link Progress} listener.
 *
 * <p>This class is one data centre's node: its copy of the parameters (what its workers read),
 * the clock gate, and the dispatch of incoming messages. The summing and release of the shards it
 * owns is {@code OwnedShard}; the queue and sender thread per other data centre is
 * {@code PeerOutbox}.
 */
public final class WanParameterServer implements AutoCloseable {

  /** Receives every data centre's progress reports (its own included), as they arrive. */
  @FunctionalInterface
  public interface Progress {
    /** {@code dc} completed {@code clock}; {@code stats} are its application figures for it. */
    void report(String dc, long clock, double[] stats);
  }

  /**
   * How the deployment is laid out.
   *
   * @param dataCentres every data centre's id, in deployment order (shard owners are assigned in
   *     this order)
   * @param workersPerDc number of workers of each data centre, same order
   * @param shardSize parameters per shard
   * @param staleness 0 for BSP; {@code s > 0} lets a clock start with values up to {@code s}
   *     clocks old (SSP)
   */
  public record Setup(List<String> dataCentres, int[] workersPerDc, int shardSize, int staleness) {
    /** Copies the lists so that later changes by the caller do not reach the server. */
    public Setup {
      dataCentres = List.copyOf(dataCentres);
      workersPerDc = workersPerDc.clone();
    }
  }


  private final String id;
  private final int me;
  private final List<String> dcs;
  private final int[] workers;
  private final int totalWorkers;
  private final int shardSize;
  private final int shardCount;
  private final int staleness;
  private final float[] view;
  private final long[] shardVersion;
  private final Map<Integer, OwnedShard> owned = new HashMap<>();
  private final Map<String, PeerOutbox> outboxes = new HashMap<>();
  private final List<Link> links;
  private final Progress progress;
  private final Set<String> finished = new HashSet<>();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final LongAdder parametersUpdated = new LongAdder();
  private final LongAdder parametersSent = new LongAdder();
  private volatile boolean closed;

  /**
   * Creates the server of data centre {@code id} and starts its sender and receiver threads.
   *
   * @param setup the deployment: data centres, workers, shard size, staleness
   * @param initial initial parameter values, identical in every data centre
   * @param links one link per other data centre (closed by {@link #close})
   * @param progress receives every data centre's progress reports
   */
  public WanParameterServer(String id, Setup setup, float[] initial, List<Link> links, Progress progress) {
    List<String> dcs = setup.dataCentres();
    int[] workersPerDc = setup.workersPerDc();
    int shardSize = setup.shardSize();
    int staleness = setup.staleness();
    if (dcs.size() != workersPerDc.length) {
      throw new IllegalArgumentException(dcs.size() + " data centres but " + workersPerDc.length + " worker counts");
    }
    this.id = id;
    this.me = dcs.indexOf(id);
    if (me < 0) {
      throw new IllegalArgumentException(id + " is not one of the data centres " + dcs);
    }
    this.dcs = List.copyOf(dcs);
    this.workers = workersPerDc.clone();
    int tw = 0;
    for (int w : workersPerDc) {
      tw += w;
    }
    this.totalWorkers = tw;
    this.shardSize = shardSize;
    this.shardCount = (initial.length + shardSize - 1) / shardSize;
    if (shardCount < dcs.size()) {
      throw new IllegalArgumentException(shardCount + " shards cannot be spread over " + dcs.size()
          + " data centres; use smaller shards");
    }
    this.staleness = staleness;
    this.view = initial.clone();
    this.shardVersion = new long[shardCount];
    for (int s = me; s < shardCount; s += dcs.size()) {
      owned.put(s, new OwnedShard(s * shardSize, Math.min(initial.length, (s + 1) * shardSize), tw));
    }
    this.links = List.copyOf(links);
    this.progress = progress;
    for (Link l : links) {
      PeerOutbox o = new PeerOutbox(l);
      outboxes.put(l.remoteId(), o);
      o.start("ps-send " + id + "->" + l.remoteId(), () -> closed, e -> failure.compareAndSet(null, e));
      Thread r = new Thread(() -> receiveLoop(l), "ps-receive " + l.remoteId() + "->" + id);
      r.setDaemon(true);
      r.start();
    }
    if (outboxes.size() != dcs.size() - 1) {
      throw new IllegalArgumentException(id + " needs a link to each of the other " + (dcs.size() - 1)
          + " data centres, got " + outboxes.keySet());
    }
  }

  /** Announces this data centre's ready time (epoch ms) to the others (clock-0 report). */
  public void announceReady(long epochMillis) {
    progress.report(id, 0, new double[] {epochMillis});
    byte[] m = ParameterServerWire.stats(0, new double[] {epochMillis});
    for (PeerOutbox o : outboxes.values()) {
      o.enqueue(m);
    }
  }

  /**
   * Waits until clock {@code clock} may start: every shard has applied clock
   * {@code clock - 1 - staleness}.
   *
   * @return false when {@code stop} turned true meanwhile
   */
  public boolean beginClock(long clock, BooleanSupplier stop) throws InterruptedException {
    long need = clock - 1 - staleness;
    synchronized (this) {
      while (minVersion() < need) {
        check();
        if (stop.getAsBoolean()) {
          return false;
        }
        wait(50);
      }
    }
    return !stop.getAsBoolean();
  }

  private long minVersion() {
    long min = Long.MAX_VALUE;
    for (long v : shardVersion) {
      min = Math.min(min, v);
    }
    return min;
  }

  private void check() {
    Throwable t = failure.get();
    if (t != null) {
      throw new IllegalStateException("parameter server " + id + " failed: " + t.getMessage(), t);
    }
  }

  /** The parameters workers compute clock {@code clock} with (a copy). */
  public synchronized float[] read(long clock) {
    return view.clone();
  }

  /**
   * Ends clock {@code clock}: pushes each worker's update (one per worker of this data centre) to
   * every shard's owner, and sends this data centre's progress {@code report} to the others.
   */
  public void complete(long clock, List<float[]> updates, double[] report) {
    check();
    if (updates.size() != workers[me]) {
      throw new IllegalArgumentException(id + " has " + workers[me] + " workers but " + updates.size() + " updates");
    }
    // Progress first: it must reach the others before the values this clock releases.
    byte[] st = ParameterServerWire.stats(clock, report);
    for (PeerOutbox o : outboxes.values()) {
      o.enqueue(st);
    }
    for (float[] u : updates) {
      for (float v : u) {
        if (v != 0f) {
          parametersUpdated.increment();
        }
      }
    }
    for (int s = 0; s < shardCount; s++) {
      int owner = s % dcs.size();
      int from = s * shardSize;
      int to = Math.min(view.length, from + shardSize);
      for (int w = 0; w < updates.size(); w++) {
        float[] slice = Arrays.copyOfRange(updates.get(w), from, to);
        if (owner == me) {
          push(clock, s, slice);
        } else {
          byte[] m = ParameterServerWire.push(clock, s, w, slice);
          for (float v : slice) {
            if (v != 0f) {
              parametersSent.increment();
            }
          }
          outboxes.get(dcs.get(owner)).enqueue(m);
        }
      }
    }
  }

  /** An owner receives one worker's update of shard {@code s} for {@code clock}. */
  private void push(long clock, int s, float[] slice) {
    OwnedShard o = owned.get(s);
    if (o == null) {
      throw new IllegalStateException(id + " received an update for shard " + s + " it does not own");
    }
    List<OwnedShard.Release> released = o.add(clock, slice, (v, total) -> {
      synchronized (this) {
        for (int i = 0; i < total.length; i++) {
          view[o.from() + i] += total[i];
        }
        float[] values = Arrays.copyOfRange(view, o.from(), o.to());
        shardVersion[s] = v;
        notifyAll();
        return values;
      }
    });
    for (OwnedShard.Release r : released) {
      byte[] m = ParameterServerWire.values(r.version(), s, r.values());
      for (int d = 0; d < dcs.size(); d++) {
        if (d != me) {
          PeerOutbox out = outboxes.get(dcs.get(d));
          for (int w = 0; w < workers[d]; w++) {
            out.enqueue(m); // one copy per worker: each keeps its own cache
          }
        }
      }
    }
  }

  private void values(long version, int s, float[] values) {
    synchronized (this) {
      if (version > shardVersion[s]) {
        System.arraycopy(values, 0, view, s * shardSize, values.length);
        shardVersion[s] = version;
        notifyAll();
      }
    }
  }

  /**
   * Leaves after {@code clock}: sends FINISHED, waits until every queued message was sent (and,
   * over TCP, acknowledged) and every other data centre has finished too.
   *
   * @return whether all that happened within the timeout
   */
  public boolean finish(long clock, long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    byte[] fin = ParameterServerWire.finished(clock);
    for (PeerOutbox o : outboxes.values()) {
      o.enqueue(fin);
    }
    for (PeerOutbox o : outboxes.values()) {
      if (!o.awaitDelivered(deadline)) {
        return false;
      }
    }
    synchronized (finished) {
      while (finished.size() < outboxes.size()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(finished, Math.min(left, 50_000_000L));
      }
    }
    return true;
  }

  /** Non-zero local parameter updates so far (per worker, per parameter). */
  public long parametersUpdated() {
    return parametersUpdated.sum();
  }

  /** Parameter updates pushed over the WAN so far (non-zero entries sent to other owners). */
  public long parametersSent() {
    return parametersSent.sum();
  }

  /** This data centre's current copy of the parameters. */
  public synchronized float[] parameters() {
    return view.clone();
  }

  private void receiveLoop(Link link) {
    String source = link.remoteId();
    try {
      while (!closed) {
        byte[] frame = link.receive(200, TimeUnit.MILLISECONDS);
        if (frame == null) {
          continue;
        }
        ByteBuffer b = ByteBuffer.wrap(frame);
        if (b.get() != ParameterServerWire.FRAME) {
          throw new IOException("malformed parameter-server frame from " + source);
        }
        int n = b.getInt();
        for (int k = 0; k < n; k++) {
          byte type = b.get();
          switch (type) {
            case ParameterServerWire.PUSH -> {
              long clock = b.getLong();
              int s = b.getInt();
              b.getInt(); // worker: one message per worker is the point; the sum does not need it
              push(clock, s, ParameterServerWire.decodeVector(b));
            }
            case ParameterServerWire.VALUES -> {
              long version = b.getLong();
              int s = b.getInt();
              values(version, s, ParameterServerWire.decodeVector(b));
            }
            case ParameterServerWire.STATS -> {
              long clock = b.getLong();
              double[] st = new double[b.getInt()];
              for (int i = 0; i < st.length; i++) {
                st[i] = b.getDouble();
              }
              progress.report(source, clock, st);
            }
            case ParameterServerWire.FINISHED -> {
              b.getLong();
              synchronized (finished) {
                finished.add(source);
                finished.notifyAll();
              }
            }
            default -> throw new IOException("unknown parameter-server message " + type + " from " + source);
          }
        }
      }
    } catch (InterruptedException e) {
      // Closing.
    } catch (IOException | RuntimeException e) {
      if (!closed) {
        failure.compareAndSet(null, e);
        synchronized (this) {
          notifyAll();
        }
      }
    }
  }

  /** Stops the sender threads and closes the links. */
  @Override
  public void close() {
    closed = true;
    for (PeerOutbox o : outboxes.values()) {
      o.interrupt();
    }
    for (Link l : links) {
      try {
        l.close();
      } catch (IOException e) {
        // Closing at the end of a run.
      }
    }
  }
}
