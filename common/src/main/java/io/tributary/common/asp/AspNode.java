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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * One data centre's side of Approximate Synchronous Parallel (thesis §5.2.4, §5.3): its copy of
 * the global model ({@link ParameterStore}), the significance filter, the mirror client and
 * mirror server over one {@link Link} per neighbour, and the mirror clock. Where its traffic goes
 * is a {@link MirrorRouting}: a full mesh by default, or an overlay whose hubs relay and aggregate
 * ({@link HubOverlay}, thesis §5.3.5). Engine-free:
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
   * A snapshot of a node's counters.
   *
   * @param parametersUpdated non-zero local parameter updates applied (per clock, per parameter)
   * @param parametersSent parameter updates sent to the other data centres (once per parameter,
   *     whatever the number of destinations)
   * @param hardSent of those, how many were above the hard threshold
   * @param updatesSent MIRROR UPDATE messages (per shard, not per destination)
   * @param barriersSent ASP BARRIER messages (per destination)
   * @param updatesReceived MIRROR UPDATE messages applied from other data centres
   * @param parametersReceived parameter updates applied from other data centres
   * @param barriersReceived ASP BARRIER messages received
   * @param clockWaitSeconds time spent held back by the mirror clock
   * @param readWaitSeconds time reads spent waiting on barriers
   * @param softRatio the soft threshold's current ratio to the hard one
   * @param updatesRelayed MIRROR UPDATEs received here and passed on for another data centre
   * @param parametersRelayed parameter updates in them
   * @param aggregatesSent summed updates (per shard) sent over aggregating hops
   */
  public record Stats(long parametersUpdated, long parametersSent, long hardSent, long updatesSent, long barriersSent,
      long updatesReceived, long parametersReceived, long barriersReceived, double clockWaitSeconds,
      double readWaitSeconds, double softRatio, long updatesRelayed, long parametersRelayed, long aggregatesSent) {
    /** Share of local parameter updates that crossed the WAN (the paper's "updates sent"). */
    public double sentShare() {
      return parametersUpdated == 0 ? 0 : (double) parametersSent / parametersUpdated;
    }
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
  private final List<MirrorRouting.Hop> ownHops;
  private final Map<String, List<MirrorRouting.Hop>> relayHops = new ConcurrentHashMap<>();
  private final Map<String, Aggregator> aggregators = new ConcurrentHashMap<>();
  private final Object sendLock = new Object();
  private final Counters counters = new Counters();
  private final long[] shardSeq;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final Set<String> finishedPeers = new HashSet<>();
  private final Listener listener;
  private volatile boolean finishing;
  private volatile long currentClock;
  private long lastClockEndNanos = System.nanoTime();
  private double clockSecondsEwma = Double.NaN;

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
    this.ownHops = routing.next(id, id, id);
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
    this.server = new MirrorServer(store, clock, this.listener, counters, links, this::fail, this::forward);
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
    currentClock = clock;
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
    currentClock = clock;
    counters.parametersUpdated.add(indices.length);
    store.applyLocal(indices, deltas);
    filter(clock);
  }

  private void filter(long clock) {
    double hard = schedule.at(clock);
    double threshold = hard;
    if (soft.active() && roomForBestEffort()) {
      threshold = soft.soft(hard);
    }
    for (int s = 0; s < store.shardCount(); s++) {
      ParameterStore.Selection sel = store.takeSignificant(s, significance, hard, threshold);
      if (!sel.isEmpty()) {
        route(s, clock, sel.update().indices(), sel.update().values(), sel.hardIndices(), id, ownHops);
        counters.updatesSent.increment();
        counters.parametersSent.add(sel.update().size());
        counters.hardSent.add(sel.hardIndices().length);
      }
    }
  }

  /**
   * Sends an update of shard {@code shard} along {@code hops}: at once to immediate hops, into the
   * accumulator of aggregating ones (flushed at the end of the clock, or at once while finishing).
   */
  private void route(int shard, long clock, int[] indices, float[] values, int[] hardIndices, String origin,
      List<MirrorRouting.Hop> hops) {
    List<MirrorClient.Destination> now = new ArrayList<>(hops.size());
    for (MirrorRouting.Hop h : hops) {
      if (h.aggregate()) {
        Aggregator a = aggregator(h.peer());
        a.add(indices, values);
        if (finishing) {
          a.flush(clock);
        }
      } else {
        now.add(destination(h.peer()));
      }
    }
    if (!now.isEmpty()) {
      send(shard, clock, indices, values, hardIndices, origin.equals(id) ? "" : origin, now);
    }
  }

  private MirrorClient.Destination destination(String peer) {
    MirrorClient.Destination d = byPeer.get(peer);
    if (d == null) {
      throw new IllegalStateException(id + " has no link to " + peer + ", which its routing sends to");
    }
    return d;
  }

  private Aggregator aggregator(String peer) {
    return aggregators.computeIfAbsent(peer, p -> new Aggregator(destination(p)));
  }

  private List<MirrorRouting.Hop> hops(String origin, String from) {
    if (origin.equals(id) && from.equals(id)) {
      return ownHops;
    }
    return relayHops.computeIfAbsent(origin + "\u0000" + from, k -> routing.next(id, origin, from));
  }

  /** Passes on what arrived from {@code from} (mirror-server threads), as the routing says. */
  private void forward(String from, String origin, AspMessage m) {
    List<MirrorRouting.Hop> next = hops(origin, from);
    if (next.isEmpty()) {
      return;
    }
    if (m instanceof AspMessage.Update u) {
      // A relayed update's parameters were all significant where it was taken; a barrier covers them all.
      route(u.shard(), currentClock, u.indices(), u.values(), u.indices(), origin, next);
      counters.updatesRelayed.increment();
      counters.parametersRelayed.add(u.indices().length);
    } else if (m instanceof AspMessage.Clock c) {
      byte[] msg = AspMessage.encode(new AspMessage.Clock(c.clock(), c.stats(), origin));
      for (MirrorRouting.Hop h : next) {
        client.enqueue(destination(h.peer()), msg, true);
      }
    } else if (m instanceof AspMessage.Finished f) {
      byte[] msg = AspMessage.encode(new AspMessage.Finished(f.clock(), origin));
      for (MirrorRouting.Hop h : next) {
        if (h.aggregate()) {
          aggregator(h.peer()).flush(currentClock); // the origin's last updates go before its FINISHED
        }
        client.enqueue(destination(h.peer()), msg, false);
      }
    }
  }

  /** A hub's sum of its group's updates for one peer, sent once per clock. */
  private final class Aggregator {
    private final MirrorClient.Destination dest;
    private final float[] sum;
    private final boolean[] dirty;
    private boolean any;

    Aggregator(MirrorClient.Destination dest) {
      this.dest = dest;
      this.sum = new float[store.size()];
      this.dirty = new boolean[store.shardCount()];
    }

    synchronized void add(int[] indices, float[] values) {
      for (int k = 0; k < indices.length; k++) {
        sum[indices[k]] += values[k];
        dirty[store.shardOf(indices[k])] = true;
      }
      any = indices.length > 0 || any;
    }

    synchronized void flush(long clock) {
      if (!any) {
        return;
      }
      for (int s = 0; s < dirty.length; s++) {
        if (!dirty[s]) {
          continue;
        }
        dirty[s] = false;
        int from = store.shardFrom(s);
        int to = store.shardTo(s);
        int n = 0;
        for (int i = from; i < to; i++) {
          if (sum[i] != 0f) {
            n++;
          }
        }
        if (n == 0) {
          continue;
        }
        int[] idx = new int[n];
        float[] val = new float[n];
        int k = 0;
        for (int i = from; i < to; i++) {
          if (sum[i] != 0f) {
            idx[k] = i;
            val[k++] = sum[i];
            sum[i] = 0f;
          }
        }
        send(s, clock, idx, val, idx, "", List.of(dest));
        counters.aggregatesSent.increment();
      }
      any = false;
    }
  }

  private void flushAggregates(long clock) {
    for (Aggregator a : aggregators.values()) {
      a.flush(clock);
    }
  }

  private boolean roomForBestEffort() {
    double budget = barrierBudgetSeconds();
    for (MirrorClient.Destination d : client.destinations()) {
      if (client.drainSeconds(d, 0) > budget / 2) {
        return false;
      }
    }
    return true;
  }

  private double barrierBudgetSeconds() {
    if (config.barrierBudgetMillis() > 0) {
      return config.barrierBudgetMillis() / 1000.0;
    }
    return Double.isNaN(clockSecondsEwma) ? 1.0 : Math.max(clockSecondsEwma, 1e-3);
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
      byte[] barrier = null;
      double budget = barrierBudgetSeconds();
      for (MirrorClient.Destination d : dests) {
        if (config.selectiveBarrier() && hardIndices.length > 0 && client.drainSeconds(d, encoded.length) > budget) {
          if (barrier == null) {
            barrier = AspMessage.encode(new AspMessage.Barrier(shard, seq, store.shardFrom(shard), hardIndices));
          }
          client.enqueue(d, barrier, true);
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
    clockSecondsEwma = Double.isNaN(clockSecondsEwma) ? seconds : 0.7 * clockSecondsEwma + 0.3 * seconds;
    soft.observe(client.utilisationSinceMark(seconds));
    currentClock = clock;
    flushAggregates(clock);
    this.clock.completeLocal(clock);
    byte[] msg = AspMessage.encode(new AspMessage.Clock(clock, stats == null ? new double[0] : stats));
    for (MirrorRouting.Hop h : ownHops) {
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
    currentClock = clock;
    // From now on relayed updates are passed on at once: there are no more clock ends to wait for.
    finishing = true;
    for (int s = 0; s < store.shardCount(); s++) {
      ParameterStore.Sparse all = store.takeAll(s);
      if (all.size() > 0) {
        route(s, clock, all.indices(), all.values(), new int[0], id, ownHops);
        counters.updatesSent.increment();
        counters.parametersSent.add(all.size());
      }
    }
    byte[] fin = AspMessage.encode(new AspMessage.Finished(clock));
    for (MirrorRouting.Hop h : ownHops) {
      if (h.aggregate()) {
        aggregator(h.peer()).flush(clock);
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
    flushAggregates(clock);
    return client.awaitDrained(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
  }

  /** The node's counters so far. */
  public Stats stats() {
    return new Stats(counters.parametersUpdated.sum(), counters.parametersSent.sum(), counters.hardSent.sum(),
        counters.updatesSent.sum(), counters.barriersSent.sum(), counters.updatesReceived.sum(),
        counters.parametersReceived.sum(), counters.barriersReceived.sum(), counters.clockWaitNanos.sum() / 1e9,
        counters.readWaitNanos.sum() / 1e9, soft.ratio(), counters.updatesRelayed.sum(),
        counters.parametersRelayed.sum(), counters.aggregatesSent.sum());
  }

  /** Stops the mirror threads (links are owned and closed by the caller). */
  @Override
  public void close() {
    client.close();
    server.close();
  }
}
