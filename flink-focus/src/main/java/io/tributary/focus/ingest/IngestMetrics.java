package io.tributary.focus.ingest;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;

/**
 * Names of the Flink accumulators ingest jobs report, and the thread-CPU clock they use. Costs are
 * the CPU time of the thread doing the work (models run single-threaded, see
 * {@link io.tributary.focus.model.Engines}), summed over parallel instances.
 */
public final class IngestMetrics {
  private IngestMetrics() {}

  public static final String DECODE_NS = "decode_cpu_ns";
  public static final String EXTRACT_NS = "extract_cpu_ns";
  public static final String CNN_NS = "cnn_cpu_ns";
  public static final String GT_NS = "gt_cpu_ns";
  public static final String CLUSTER_NS = "cluster_cpu_ns";
  public static final String FRAMES = "frames";
  public static final String FRAMES_WITH_OBJECTS = "frames_with_objects";
  public static final String OBJECTS = "objects";
  public static final String CLUSTERS = "clusters";
  public static final String GT_CALLS = "gt_calls";
  public static final String SKIPPED_FRAMES = "skipped_frames";
  public static final String REJECTED_FRAMES = "rejected_frames";

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** CPU time of the calling thread, ns. */
  public static long threadCpu() {
    return THREADS.getCurrentThreadCpuTime();
  }

  /** A counter from a job's accumulator map, 0 when absent. */
  public static long get(Map<String, Object> acc, String name) {
    Object v = acc.get(name);
    return v instanceof Number n ? n.longValue() : 0;
  }
}
