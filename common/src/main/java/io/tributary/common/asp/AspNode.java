package io.tributary.common.asp;

import io.tributary.common.link.Link;
import io.tributary.common.link.LinkShape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * One data centre's side of Approximate Synchronous Parallel (thesis §5.2.4, §5.3): its copy of
 * the global model ({@link ParameterStore}), the significance filter, the mirror client and
 * mirror server over one {@link Link} per neighbour, the mirror clock, and the selective barrier
 * with its budget ({@code SelectiveBarrier}). Where its traffic goes is a {@link MirrorRouting}: a
 * full mesh by default, or an overlay whose hubs relay and aggregate ({@link HubOverlay}, thesis
 * §5.3.5), carried out by its {@code HubRelay}. Engine-free:
 * Gaia's Spark runtime drives it from the driver, and studies drive it over in-process links.
 *
 * <p>Per clock {@code t}, the owner calls:
 * <ol>
 *   <li>{@link #awaitClock(long, BooleanSupplier, long, TimeUnit)} — the mirror clock may hold the
 *       data centre back when it is {@code DS} clocks ahead of the slowest one;</li>
 *   <li>{@link #read} / {@link #readAll} — parameter values, waiting only on parameters behind an
 *       ASP selective barrier;</li>
 *   <li>{@link #update} — the data centre's aggregated update for the clock (the local server's
 *       UPDATE): applied, accumulated, and the significant part queued as MIRROR UPDATEs;</li>
 *   <li>{@link #endClock} — tunes the soft threshold and sends MIRROR CLOCK.</li>
 * </ol>
 * and {@link #finish} at the end, which flushes everything still accumulated.
 */
public final class AspNode implements AutoCloseable {

  /** A link to another data centre and the bandwidth/latency it is known (or emulated) to have. */
  public record Peer(Link link, LinkShape shape) {}

  /** Receives other data centres' progress as it arrives (called on mirror-server threads). */
  public interface Listener {
    /** {@code dc} completed {@code clock}; {@code stats} are its application figures for it. */
    void onClock(String dc, long clock, double[] stats);

    /** {@code dc} finished after {@code clock} and flushed everything it had accumulated. */
    default void onFinished(String dc, long clock) {}
  }

  /** Running counters of one node. */
  public static final class Counters {
    final LongAdder parametersUpdated = new LongAdder();
    final LongAdder parametersSent = new LongAdder();
    final LongAdder hardSent = new LongAdder();
    final LongAdder updatesSent = new LongAdder();
    final LongAdder barriersSent = new LongAdder();
    final LongAdder updatesReceived = new LongAdder();
    final LongAdder parametersReceived = new LongAdder();
    final LongAdder barriersReceived = new LongAdder();
    final LongAdder updatesRelayed = new LongAdder();
    final LongAdder parametersRelayed = new LongAdder();
    final LongAdder aggregatesSent = new LongAdder();
    final LongAdder clockWaitNanos = new LongAdder();
    final LongAdder readWaitNanos = new LongAdder();
  }

  /**
   * A snapshot of a node's counters, in groups.
   *
   * @param sent this data centre's own updates and what of them crossed the WAN
   * @param received what arrived from other data centres
   * @param relayed what this node passed on for other data centres (hubs only)
   * @param waits time the owner spent held back
   * @param softRatio the soft threshold's current ratio to the hard one
   */
  public record Stats(Sent sent, Received received, Relayed relayed, Waits waits, double softRatio) {
    /** Share of local parameter updates that crossed the WAN (the paper's "updates sent"). */
    public double sentShare() {
      return sent.parametersUpdated() == 0 ? 0 : (double) sent.parametersSent() / sent.parametersUpdated();
    }

    /**
     * This data centre's own updates.
     *
     * @param parametersUpdated non-zero local parameter updates applied (per clock, per parameter)
     * @param parametersSent parameter updates sent to the other data centres (once per parameter,
     *     whatever the number of destinations)
     * @param hardSent of those, how many were above the hard threshold
     * @param updatesSent MIRROR UPDATE messages (per shard, not per destination)
     * @param barriersSent ASP BARRIER messages (per destination)
     */
    public record Sent(long parametersUpdated, long parametersSent, long hardSent, long updatesSent,
        long barriersSent) {}

    /**
     * What other data centres sent here.
     *
     * @param updatesReceived MIRROR UPDATE messages applied from other data centres
     * @param parametersReceived parameter updates applied from other data centres
     * @param barriersReceived ASP BARRIER messages received
     */
    public record Received(long updatesReceived, long parametersReceived, long barriersReceived) {}

    /**
     * What this node passed on for others ({@link HubOverlay} hubs).
     *
     * @param updatesRelayed MIRROR UPDATEs received here and passed on for another data centre
     * @param parametersRelayed parameter updates in them
     * @param aggregatesSent summed updates (per shard) sent over aggregating hops
     */
    public record Relayed(long updatesRelayed, long parametersRelayed, long aggregatesSent) {}

    /**
     * Time the owner spent held back.
     *
     * @param clockWaitSeconds time spent held back by the mirror clock
     * @param readWaitSeconds time reads spent waiting on barriers
     */
    public record Waits(double clockWaitSeconds, double readWaitSeconds) {}
  }

  private final String id;
  private final AspConfig config;
  private final SignificanceFunction significance;
  private final ParameterStore store;
  private final ThresholdSchedule schedule;
  private final SoftThreshold soft;
  private final MirrorClock clock;
  private final MirrorClient client;
  private final MirrorServer server;
  private final MirrorRouting routing;
  private final Map<String, MirrorClient.Destination> byPeer = new HashMap<>();
  private final HubRelay relay;
  private final SelectiveBarrier barrier;
  private final Object sendLock = new Object();
  private final Counters counters = new Counters();
  private final long[] shardSeq;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final Set<String> finishedPeers = new HashSet<>();
  private final Listener listener;
  private long lastClockEndNanos = System.nanoTime();

  /**
   * Creates and starts a node that broadcasts to every peer directly (no overlay).
   *
   * @param id this data centre's id
   * @param initial initial parameter values, identical in every data centre
   * @param significance the significance function; the shard size must be a multiple of its group width
   * @param peers one link per other data centre
   * @param listener receives other data centres' progress (may be null)
   */
  public AspNode(String id, float[] initial, AspConfig config, SignificanceFunction significance, List<Peer> peers,
      Listener listener) {
    this(id, initial, config, significance, MirrorRouting.fullMesh(fullMeshMembers(id, peers)), peers, listener);
  }

  private static List<String> fullMeshMembers(String id, List<Peer> peers) {
    List<String> m = new ArrayList<>();
    m.add(id);
    for (Peer p : peers) {
      m.add(p.link().remoteId());
    }
    return m;
  }

  /**
   * Creates and starts a node whose mirror traffic follows {@code routing} (e.g. a
   * {@link HubOverlay}): it holds one link per neighbour the routing names, relays what the
   * routing says it must, and sums what goes over aggregating hops until the end of each clock.
   * The mirror clock and {@link #finish} still count every member of the deployment.
   *
   * @param peers one link per neighbour of {@code id} in {@code routing}, no more, no fewer
   */
  public AspNode(String id, float[] initial, AspConfig config, SignificanceFunction significance,
      MirrorRouting routing, List<Peer> peers, Listener listener) {
    if (config.shardSize() % significance.groupWidth() != 0) {
      throw new IllegalArgumentException("shard size " + config.shardSize() + " is not a multiple of the significance"
          + " function's group width " + significance.groupWidth());
    }
    if (!routing.members().contains(id)) {
      throw new IllegalArgumentException(id + " is not a member of the routing's deployment " + routing.members());
    }
    this.id = id;
    this.config = config;
    this.significance = significance;
    this.routing = routing;
    this.store = new ParameterStore(initial, config.shardSize());
    this.schedule = new ThresholdSchedule(config.initialThreshold());
    this.soft = new SoftThreshold(config.goal(), config.minSoftRatio());
    this.barrier = new SelectiveBarrier(config);
    List<MirrorClient.Destination> dests = new ArrayList<>();
    List<Link> links = new ArrayList<>();
    Set<String> linked = new HashSet<>();
    for (Peer p : peers) {
      if (!p.link().localId().equals(id)) {
        throw new IllegalArgumentException("link " + p.link().channel() + " does not start at " + id);
      }
      MirrorClient.Destination d = new MirrorClient.Destination(p.link().remoteId(), p.link(), p.shape());
      dests.add(d);
      byPeer.put(d.id, d);
      links.add(p.link());
      linked.add(p.link().remoteId());
    }
    Set<String> needed = new HashSet<>(routing.neighbours(id));
    if (!needed.equals(linked)) {
      throw new IllegalArgumentException(id + " has links to " + new TreeSet<>(linked) + " but its routing (" + routing
          + ") needs exactly " + new TreeSet<>(needed));
    }
    this.relay = new HubRelay(id, routing, store, counters, new HubRelay.Outbox() {
      @Override
      public MirrorClient.Destination destination(String peer) {
        return AspNode.this.destination(peer);
      }

      @Override
      public void send(int shard, long clock, int[] indices, float[] values, int[] hardIndices, String origin,
          List<MirrorClient.Destination> dests) {
        AspNode.this.send(shard, clock, indices, values, hardIndices, origin, dests);
      }

      @Override
      public void enqueue(MirrorClient.Destination d, byte[] encoded, boolean control) {
        client.enqueue(d, encoded, control);
      }
    });
    List<String> others = new ArrayList<>(routing.members());
    others.remove(id);
    this.clock = new MirrorClock(others, config.staleness());
    Listener user = listener == null ? (dc, c, s) -> { } : listener;
    this.listener = new Listener() {
      @Override
      public void onClock(String dc, long c, double[] stats) {
        user.onClock(dc, c, stats);
      }

      @Override
      public void onFinished(String dc, long c) {
        synchronized (finishedPeers) {
          finishedPeers.add(dc);
          finishedPeers.notifyAll();
        }
        user.onFinished(dc, c);
      }
    };
    this.shardSeq = new long[store.shardCount()];
    this.client = new MirrorClient(dests, config.maxFrameBytes(), this::fail);
    this.server = new MirrorServer(store, clock, this.listener, counters, links, this::fail, relay::forward);
    client.start(id);
    server.start(id);
  }

  public String id() {
    return id;
  }

  public AspConfig config() {
    return config;
  }

  /** Where this node's mirror traffic goes. */
  public MirrorRouting routing() {
    return routing;
  }

  /** The local copy of the model (for inspection; the owner reads through {@link #read}). */
  public ParameterStore store() {
    return store;
  }

  public MirrorClock mirrorClock() {
    return clock;
  }

  /** The hard significance threshold at {@code clock}. */
  public double hardThreshold(long clock) {
    return schedule.at(clock);
  }

  /** The soft threshold tuner. */
  public SoftThreshold softThreshold() {
    return soft;
  }

  private void fail(Throwable t) {
    failure.compareAndSet(null, t);
  }

  /** Throws the first failure of a mirror thread (a lost link that gave up, a malformed frame). */
  public void checkHealthy() {
    Throwable t = failure.get();
    if (t != null) {
      throw new IllegalStateException("ASP node " + id + " failed: " + t.getMessage(), t);
    }
  }

  /**
   * Waits until the mirror clock lets clock {@code clock} start (it is held back while this data
   * centre is {@code DS} clocks ahead of the slowest other one).
   *
   * @return true when the clock may start; false when {@code stop} turned true or time ran out
   */
  public boolean awaitClock(long clock, BooleanSupplier stop, long timeout, TimeUnit unit) throws InterruptedException {
    checkHealthy();
    long t0 = System.nanoTime();
    try {
      if (!config.mirrorClock()) {
        return true;
      }
      return this.clock.awaitStart(clock, () -> stop.getAsBoolean() || failure.get() != null, timeout, unit);
    } finally {
      counters.clockWaitNanos.add(System.nanoTime() - t0);
      checkHealthy();
    }
  }

  /**
   * Reads parameters {@code [from, to)}, waiting while any of them is behind a barrier.
   *
   * @return false when the timeout passed first
   */
  public boolean read(int from, int to, float[] out, int offset, long timeout, TimeUnit unit)
      throws InterruptedException {
    long t0 = System.nanoTime();
    try {
      return store.read(from, to, out, offset, timeout, unit);
    } finally {
      counters.readWaitNanos.add(System.nanoTime() - t0);
    }
  }

  /** Reads every parameter, waiting on barriers (checking this node's health every second). */
  public void readAll(float[] out) throws InterruptedException {
    while (!read(0, store.size(), out, 0, 1, TimeUnit.SECONDS)) {
      checkHealthy();
    }
  }

  /**
   * The local server's UPDATE for {@code clock}: applies {@code delta} (dense, one entry per
   * parameter) to the store and queues the significant accumulated updates for every other data
   * centre, each preceded by a selective barrier where its link cannot carry it in time.
   */
  public void update(long clock, float[] delta) {
    checkHealthy();
    relay.clock(clock);
    int nonZero = 0;
    for (float d : delta) {
      if (d != 0f) {
        nonZero++;
      }
    }
    counters.parametersUpdated.add(nonZero);
    store.applyLocal(delta);
    filter(clock);
  }

  /** Sparse variant of {@link #update(long, float[])}; {@code indices} increasing. */
  public void update(long clock, int[] indices, float[] deltas) {
    checkHealthy();
    relay.clock(clock);
    counters.parametersUpdated.add(indices.length);
    store.applyLocal(indices, deltas);
    filter(clock);
  }

  private void filter(long clock) {
    double hard = schedule.at(clock);
    double threshold = hard;
    if (soft.active() && barrier.roomForBestEffort(client)) {
      threshold = soft.soft(hard);
    }
    for (int s = 0; s < store.shardCount(); s++) {
      ParameterStore.Selection sel = store.takeSignificant(s, significance, hard, threshold);
      if (!sel.isEmpty()) {
        relay.route(s, clock, sel.update().indices(), sel.update().values(), sel.hardIndices(), id,
            relay.ownHops());
        counters.updatesSent.increment();
        counters.parametersSent.add(sel.update().size());
        counters.hardSent.add(sel.hardIndices().length);
      }
    }
  }

  private MirrorClient.Destination destination(String peer) {
    MirrorClient.Destination d = byPeer.get(peer);
    if (d == null) {
      throw new IllegalStateException(id + " has no link to " + peer + ", which its routing sends to");
    }
    return d;
  }

  /**
   * Encodes one update (one sequence number for all its destinations: sequence numbers only need
   * to increase per link) and queues it, each destination behind a selective barrier when its link
   * cannot carry it within the barrier budget.
   */
  private void send(int shard, long clock, int[] indices, float[] values, int[] hardIndices, String origin,
      List<MirrorClient.Destination> dests) {
    synchronized (sendLock) { // sequence numbers must reach each link in increasing order
      long seq = ++shardSeq[shard];
      AspMessage.Update u = new AspMessage.Update(shard, seq, clock, store.shardFrom(shard),
          store.shardTo(shard) - store.shardFrom(shard), indices, values, origin);
      byte[] encoded = AspMessage.encode(u);
      byte[] barrierMessage = null;
      double budget = barrier.budgetSeconds();
      for (MirrorClient.Destination d : dests) {
        if (barrier.needed(client, d, encoded.length, hardIndices.length, budget)) {
          if (barrierMessage == null) {
            barrierMessage = SelectiveBarrier.message(shard, seq, store.shardFrom(shard), hardIndices);
          }
          client.enqueue(d, barrierMessage, true);
          counters.barriersSent.increment();
        }
        client.enqueue(d, encoded, false);
      }
    }
  }

  /**
   * Ends {@code clock}: records it on the mirror clock, tunes the soft threshold from how busy the
   * links were, sends what aggregating hops summed during the clock, and sends MIRROR CLOCK (with
   * the application's {@code stats}) towards every other data centre on the control queue.
   */
  public void endClock(long clock, double[] stats) {
    checkHealthy();
    long now = System.nanoTime();
    double seconds = (now - lastClockEndNanos) / 1e9;
    lastClockEndNanos = now;
    barrier.clockEnded(seconds);
    soft.observe(client.utilisationSinceMark(seconds));
    relay.clock(clock);
    relay.flushAll(clock);
    this.clock.completeLocal(clock);
    byte[] msg = AspMessage.encode(new AspMessage.Clock(clock, stats == null ? new double[0] : stats));
    for (MirrorRouting.Hop h : relay.ownHops()) {
      client.enqueue(destination(h.peer()), msg, true);
    }
  }

  /**
   * Leaves the deployment after {@code clock}: sends every accumulated update regardless of its
   * significance, then FINISHED, waits until the links delivered it all and until every other
   * data centre has finished too (so this store then holds every update of every data centre),
   * relaying for the others meanwhile when the routing makes this node a hub.
   *
   * @return whether everything was delivered and every peer finished within the timeout
   */
  public boolean finish(long clock, long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    relay.clock(clock);
    relay.finishing();
    for (int s = 0; s < store.shardCount(); s++) {
      ParameterStore.Sparse all = store.takeAll(s);
      if (all.size() > 0) {
        relay.route(s, clock, all.indices(), all.values(), new int[0], id, relay.ownHops());
        counters.updatesSent.increment();
        counters.parametersSent.add(all.size());
      }
    }
    byte[] fin = AspMessage.encode(new AspMessage.Finished(clock));
    for (MirrorRouting.Hop h : relay.ownHops()) {
      if (h.aggregate()) {
        relay.flush(h.peer(), clock);
      }
      client.enqueue(destination(h.peer()), fin, false);
    }
    if (!client.awaitDrained(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
      return false;
    }
    int others = routing.members().size() - 1;
    synchronized (finishedPeers) {
      while (finishedPeers.size() < others) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || failure.get() != null) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(finishedPeers, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
      }
    }
    // Everyone has finished; what this node relayed on their behalf must be delivered too.
    relay.flushAll(clock);
    return client.awaitDrained(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
  }

  /** The node's counters so far. */
  public Stats stats() {
    return new Stats(
        new Stats.Sent(counters.parametersUpdated.sum(), counters.parametersSent.sum(), counters.hardSent.sum(),
            counters.updatesSent.sum(), counters.barriersSent.sum()),
        new Stats.Received(counters.updatesReceived.sum(), counters.parametersReceived.sum(),
            counters.barriersReceived.sum()),
        new Stats.Relayed(counters.updatesRelayed.sum(), counters.parametersRelayed.sum(),
            counters.aggregatesSent.sum()),
        new Stats.Waits(counters.clockWaitNanos.sum() / 1e9, counters.readWaitNanos.sum() / 1e9), soft.ratio());
  }

  /** Stops the mirror threads (links are owned and closed by the caller). */
  @Override
  public void close() {
    client.close();
    server.close();
  }
}
