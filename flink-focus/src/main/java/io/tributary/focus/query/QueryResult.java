package io.tributary.focus.query;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A query's answer and what it cost.
 *
 * @param work partitions read, candidates, GT-CNN calls, skipped and verified candidates
 * @param timing wall, CPU and GT-CNN CPU seconds
 */
public record QueryResult(String system, QueryRequest request, List<FrameHit> frames, Work work, Timing timing) {

  /**
   * What the query did.
   *
   * @param partitionsRead index partitions read
   * @param candidates clusters (Focus) or frames (NoScope) considered
   * @param gtCalls GT-CNN invocations
   * @param skipped candidates accepted on ingest confidence alone (Skip_th)
   * @param verified candidates the answer is built from
   */
  public record Work(int partitionsRead, int candidates, int gtCalls, int skipped, int verified) {}

  /**
   * What it took.
   *
   * @param cpuSeconds CPU time of the querying thread
   * @param gtCpuSeconds of which in the GT-CNN
   */
  public record Timing(double wallSeconds, double cpuSeconds, double gtCpuSeconds) {}

  public int partitionsRead() {
    return work.partitionsRead();
  }

  public int candidates() {
    return work.candidates();
  }

  public int gtCalls() {
    return work.gtCalls();
  }

  public int skipped() {
    return work.skipped();
  }

  public int verified() {
    return work.verified();
  }

  public double wallSeconds() {
    return timing.wallSeconds();
  }

  public double cpuSeconds() {
    return timing.cpuSeconds();
  }

  public double gtCpuSeconds() {
    return timing.gtCpuSeconds();
  }

  public String describe() {
    return String.format(Locale.ROOT, "%s '%s': %d frames; %d partitions, %d candidates(), %d skipped (Skip_th), %d GT calls,"
        + " %d verified(); %.3f s wall, %.3f s cpu (GT %.3f s)", system, request.className(), frames.size(), partitionsRead(),
        candidates(), skipped(), gtCalls(), verified(), wallSeconds(), cpuSeconds(), gtCpuSeconds());
  }

  /** The answer as a table: camera, frame, time, boxes. */
  public String table(int maxRows) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-16s %8s %-24s %s%n", "camera", "frame", "time", "boxes"));
    int n = 0;
    for (FrameHit f : frames) {
      if (n++ == maxRows) {
        sb.append(String.format(Locale.ROOT, "... %d more frames%n", frames.size() - maxRows));
        break;
      }
      sb.append(String.format(Locale.ROOT, "%-16s %8d %-24s %s%n", f.camera(), f.frameSeq(),
          Instant.ofEpochMilli(f.timestampMs()), f.boxes()));
    }
    return sb.toString();
  }
}
