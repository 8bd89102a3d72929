package io.tributary.focus.ingest;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * What an ingest run measured: wall time, the JVM's process CPU over the run, and the job's
 * accumulators ({@link IngestMetrics}): per-stage thread CPU and counts.
 */
public record IngestReport(String system, double wallSeconds, double processCpuSeconds,
    Map<String, Object> accumulators) {
  public IngestReport {
    accumulators = Map.copyOf(new TreeMap<>(accumulators));
  }

  /** Executes {@code env}'s job, measuring wall time and process CPU; the same for every system. */
  public static IngestReport measure(StreamExecutionEnvironment env,
      String system, String jobName) throws Exception {
    OperatingSystemMXBean os = (OperatingSystemMXBean)
        ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    JobExecutionResult result = env.execute(jobName);
    return new IngestReport(system, (System.nanoTime() - t0) / 1e9, (os.getProcessCpuTime() - cpu0) / 1e9,
        result.getAllAccumulatorResults());
  }

  public long counter(String name) {
    return IngestMetrics.get(accumulators, name);
  }

  public double seconds(String nsCounter) {
    return counter(nsCounter) / 1e9;
  }

  /**
   * Ingest CPU seconds as the paper counts them: every processing stage (object extraction,
   * CNNs, clustering, index rows), video decoding excluded.
   */
  public double ingestCpuSeconds() {
    return seconds(IngestMetrics.EXTRACT_NS) + seconds(IngestMetrics.CNN_NS) + seconds(IngestMetrics.GT_NS)
        + seconds(IngestMetrics.CLUSTER_NS);
  }

  public String describe() {
    return String.format(Locale.ROOT,
        "%s: %d frames (%d with objects), %d objects, %d clusters, %d GT calls; cpu s: extract %.3f cnn %.3f gt %.3f"
            + " cluster %.3f = %.3f (decode %.3f excluded); wall %.1f s, process cpu %.1f s; skipped frames %d",
        system, counter(IngestMetrics.FRAMES), counter(IngestMetrics.FRAMES_WITH_OBJECTS), counter(IngestMetrics.OBJECTS),
        counter(IngestMetrics.CLUSTERS), counter(IngestMetrics.GT_CALLS), seconds(IngestMetrics.EXTRACT_NS),
        seconds(IngestMetrics.CNN_NS), seconds(IngestMetrics.GT_NS), seconds(IngestMetrics.CLUSTER_NS),
        ingestCpuSeconds(), seconds(IngestMetrics.DECODE_NS), wallSeconds, processCpuSeconds,
        counter(IngestMetrics.SKIPPED_FRAMES) + counter(IngestMetrics.REJECTED_FRAMES));
  }
}
