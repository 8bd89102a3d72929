package io.tributary.gaia.runtime;

import io.tributary.gaia.app.GaiaApp;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;

/**
 * The Spark resources a {@link DataCenterRun} holds per clock, and when each may go: the
 * parameters broadcast for a clock (and, for Gaia, the differing scored parameters) and the cached
 * worker states a clock produced. Worker states are needed until the next clock's job has read
 * them; broadcasts until the RDD lineage that refers to them is cut by a local checkpoint, every
 * {@value #CHECKPOINT_EVERY} clocks.
 *
 * @param <W> the application's worker state
 */
final class ClockResources<W> {
  /** Clocks between local checkpoints of the worker states (the lineage grows by one map a clock). */
  static final int CHECKPOINT_EVERY = 10;

  private final JavaRDD<W> initial;
  private final TreeMap<Long, Broadcast<float[]>> broadcasts = new TreeMap<>();
  private final TreeMap<Long, Broadcast<float[]>> scored = new TreeMap<>();
  private final TreeMap<Long, JavaRDD<GaiaApp.Step<W>>> steppedByClock = new TreeMap<>();

  /** @param initial the cached worker states clock 1 starts from */
  ClockResources(JavaRDD<W> initial) {
    this.initial = initial;
  }

  /** Whether clock {@code t}'s worker states are to be checkpointed locally. */
  static boolean checkpointAt(long t) {
    return t % CHECKPOINT_EVERY == 0;
  }

  /** Clock {@code t} broadcast {@code params}, scored with {@code scoredParams}, and cached {@code stepped}. */
  void started(long t, Broadcast<float[]> params, Broadcast<float[]> scoredParams, JavaRDD<GaiaApp.Step<W>> stepped) {
    broadcasts.put(t, params);
    if (scoredParams != params) {
      scored.put(t, scoredParams);
    }
    steppedByClock.put(t, stepped);
  }

  /** Clock {@code t}'s job is done: frees what no job still running or to come can need. */
  void completed(long t) {
    // The previous clock's worker states were read by this clock's job: no longer needed.
    JavaRDD<GaiaApp.Step<W>> older = steppedByClock.remove(t - 1);
    if (older != null) {
      older.unpersist(false);
    } else if (t == 1) {
      initial.unpersist(false);
    }
    if (checkpointAt(t)) {
      // Lineage now starts at a checkpoint no older than the previous one (with clocks in flight,
      // jobs submitted before this checkpoint may still serialise the older lineage): the
      // broadcasts before that are no longer needed.
      Map<Long, Broadcast<float[]>> old = broadcasts.headMap(t - CHECKPOINT_EVERY);
      old.values().forEach(x -> x.destroy());
      old.clear();
      Map<Long, Broadcast<float[]>> oldScored = scored.headMap(t - CHECKPOINT_EVERY);
      oldScored.values().forEach(x -> x.destroy());
      oldScored.clear();
    }
  }

  /** The run is over: frees everything still held. */
  void releaseAll() {
    steppedByClock.values().forEach(x -> x.unpersist(false));
    broadcasts.values().forEach(x -> x.destroy());
    scored.values().forEach(x -> x.destroy());
  }
}
