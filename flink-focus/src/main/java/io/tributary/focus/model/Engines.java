package io.tributary.focus.model;

/**
 * Engine settings Focus relies on, applied before any DJL engine loads: offline (never download),
 * and one intra-op and one inter-op thread for PyTorch, so each Flink task thread runs its model
 * inline and the thread's CPU time is the model's cost (ingest cost is measured per thread).
 * Parallelism comes from Flink's task slots, not from the model's own thread pools.
 */
public final class Engines {
  private Engines() {}

  /** Sets the properties unless the user already did. Idempotent. */
  public static void configure() {
    setIfAbsent("ai.djl.offline", "true");
    setIfAbsent("ai.djl.pytorch.num_threads", "1");
    setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
    setIfAbsent("ai.djl.default_engine", "PyTorch");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
