package io.tributary.common.model;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The DJL engine replicas train on, configured once per JVM: PyTorch with its intra-op thread
 * count set to {@value #THREADS_PROPERTY} if given, else 1 unless DJL's
 * {@code ai.djl.pytorch.num_threads} or {@code OMP_NUM_THREADS} already decide it ({@link Replica}
 * explains why one thread per op).
 */
final class TorchEngine {
  /** The DJL engine used for training. */
  static final String NAME = "PyTorch";

  /** System property: PyTorch intra-op threads (default 1). */
  static final String THREADS_PROPERTY = "tributary.torch.threads";

  private static volatile boolean configured;

  private TorchEngine() {}

  /** The PyTorch engine, its thread count set on the first call (the setting is JVM-wide). */
  static Engine get() {
    Engine engine = Engine.getEngine(NAME);
    if (!configured) {
      synchronized (TorchEngine.class) {
        if (!configured) {
          String threads = System.getProperty(THREADS_PROPERTY);
          if (threads != null || (System.getProperty("ai.djl.pytorch.num_threads") == null
              && System.getenv("OMP_NUM_THREADS") == null)) {
            int n;
            try {
              n = threads == null ? 1 : Integer.parseInt(threads.trim());
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException(
                  THREADS_PROPERTY + " must be a positive integer, got '" + threads + "'");
            }
            if (n < 1) {
              throw new IllegalArgumentException(THREADS_PROPERTY + " must be a positive integer, got " + n);
            }
            JniUtils.setNumThreads(n);
          }
          configured = true;
        }
      }
    }
    return engine;
  }
}
