package io.tributary.common.asp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where one {@link AspNode}'s mirror traffic goes, as its {@link MirrorRouting} says: updates to
 * immediate hops at once, updates to aggregating hops summed per peer until the end of the clock
 * (a hub's sum of its group's updates, thesis §5.3.5), and what arrives from other data centres
 * passed on when the routing makes this node a relay. With a full mesh every hop is immediate
 * and nothing is relayed.
 *
 * <p>Relayed messages arrive on mirror-server threads while the owner sends its own updates;
 * sending goes through the node's {@link Outbox}, which orders sequence numbers.
 */
final class HubRelay {

  /** How the relay reaches the node's links. */
  interface Outbox {
    /** The link towards {@code peer}; fails when the node has none. */
    MirrorClient.Destination destination(String peer);

    /**
     * Sends one update of {@code shard} to {@code dests}, each behind a selective barrier where
     * needed; {@code origin} is empty for this node's own (or aggregated) updates.
     */
    void send(int shard, long clock, int[] indices, float[] values, int[] hardIndices, String origin,
        List<MirrorClient.Destination> dests);

    /** Queues an encoded message for {@code d} (on the control queue when {@code control}). */
    void enqueue(MirrorClient.Destination d, byte[] encoded, boolean control);
  }

  private final String id;
  private final MirrorRouting routing;
  private final ParameterStore store;
  private final AspNode.Counters counters;
  private final Outbox outbox;
  private final List<MirrorRouting.Hop> ownHops;
  private final Map<String, List<MirrorRouting.Hop>> relayHops = new ConcurrentHashMap<>();
  private final Map<String, Aggregator> aggregators = new ConcurrentHashMap<>();
  private volatile boolean finishing;
  private volatile long currentClock;

  HubRelay(String id, MirrorRouting routing, ParameterStore store, AspNode.Counters counters, Outbox outbox) {
    this.id = id;
    this.routing = routing;
    this.store = store;
    this.counters = counters;
    this.outbox = outbox;
    this.ownHops = routing.next(id, id, id);
  }

  /** Where this node's own updates and control messages go. */
  List<MirrorRouting.Hop> ownHops() {
    return ownHops;
  }

  /** The owner's current clock: relayed updates are sent as part of it. */
  void clock(long clock) {
    currentClock = clock;
  }

  /** From now on relayed updates are passed on at once: there are no more clock ends to wait for. */
  void finishing() {
    finishing = true;
  }

  /**
   * Sends an update of shard {@code shard} along {@code hops}: at once to immediate hops, into the
   * accumulator of aggregating ones (flushed at the end of the clock, or at once while finishing).
   */
  void route(int shard, long clock, int[] indices, float[] values, int[] hardIndices, String origin,
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
        now.add(outbox.destination(h.peer()));
      }
    }
    if (!now.isEmpty()) {
      outbox.send(shard, clock, indices, values, hardIndices, origin.equals(id) ? "" : origin, now);
    }
  }

  /** Passes on what arrived from {@code from} (mirror-server threads), as the routing says. */
  void forward(String from, String origin, AspMessage m) {
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
        outbox.enqueue(outbox.destination(h.peer()), msg, true);
      }
    } else if (m instanceof AspMessage.Finished f) {
      byte[] msg = AspMessage.encode(new AspMessage.Finished(f.clock(), origin));
      for (MirrorRouting.Hop h : next) {
        if (h.aggregate()) {
          aggregator(h.peer()).flush(currentClock); // the origin's last updates go before its FINISHED
        }
        outbox.enqueue(outbox.destination(h.peer()), msg, false);
      }
    }
  }

  /** Sends what has been summed for {@code peer} as part of {@code clock}. */
  void flush(String peer, long clock) {
    aggregator(peer).flush(clock);
  }

  /** Sends every aggregating hop's sum as part of {@code clock}. */
  void flushAll(long clock) {
    for (Aggregator a : aggregators.values()) {
      a.flush(clock);
    }
  }

  private Aggregator aggregator(String peer) {
    return aggregators.computeIfAbsent(peer, p -> new Aggregator(outbox.destination(p)));
  }

  private List<MirrorRouting.Hop> hops(String origin, String from) {
    if (origin.equals(id) && from.equals(id)) {
      return ownHops;
    }
    return relayHops.computeIfAbsent(origin + "\u0000" + from, k -> routing.next(id, origin, from));
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
        outbox.send(s, clock, idx, val, idx, "", List.of(dest));
        counters.aggregatesSent.increment();
      }
      any = false;
    }
  }
}
