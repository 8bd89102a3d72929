package io.tributary.gaia.ic;

import io.tributary.common.model.ModelSpec;
import io.tributary.common.model.Replica;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Replicas kept per JVM (driver or executor) and per network spec for reuse across clocks and
 * tasks: building one costs native allocations, and a borrower overwrites its parameters anyway.
 * A replica is used by one task at a time.
 */
final class ReplicaPool {
  private static final Map<String, ConcurrentLinkedQueue<Replica>> REPLICAS = new ConcurrentHashMap<>();

  private ReplicaPool() {}

  /** A replica of {@code spec} (parameters undefined), pooled or new; hand it back with {@link #release}. */
  static Replica borrow(ModelSpec spec) {
    ConcurrentLinkedQueue<Replica> q = REPLICAS.computeIfAbsent(key(spec), k -> new ConcurrentLinkedQueue<>());
    Replica r = q.poll();
    return r != null ? r : Replica.create(spec, 0);
  }

  /** Returns {@code r}, borrowed for {@code spec}, to the pool. */
  static void release(ModelSpec spec, Replica r) {
    REPLICAS.get(key(spec)).add(r);
  }

  private static String key(ModelSpec s) {
    return s.architecture().id() + Arrays.toString(s.inputShape()) + s.numClasses() + "/" + s.groupSize();
  }
}
