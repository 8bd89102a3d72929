package io.tributary.focus.query;

import io.tributary.connectors.index.IndexLayout;
import java.util.Set;

/**
 * "Frames with objects of class X" (thesis §4.2), optionally restricted to cameras and a time range.
 *
 * @param cameras cameras to search; empty for all
 * @param fromMs inclusive start of the time range (epoch ms), {@link Long#MIN_VALUE} for none
 * @param toMs exclusive end of the time range, {@link Long#MAX_VALUE} for none
 * @param skipThreshold Skip_th: clusters whose ingest confidence for the class is at least this are
 *     accepted without the GT-CNN (above 1 disables skipping)
 */
public record QueryRequest(String className, Set<String> cameras, long fromMs, long toMs, double skipThreshold) {
  public QueryRequest {
    if (className == null || className.isBlank()) {
      throw new IllegalArgumentException("query needs a class name");
    }
    cameras = Set.copyOf(cameras);
    if (fromMs >= toMs) {
      throw new IllegalArgumentException("query time range is empty: from " + fromMs + " to " + toMs);
    }
    if (!(skipThreshold > 0)) {
      // Confidences are probabilities: at 0 or below every cluster would skip the GT-CNN unverified.
      throw new IllegalArgumentException("Skip_th " + skipThreshold + " is out of range: it must be above 0"
          + " (0-1: skip the GT-CNN for clusters at least that confident; above 1: never skip)");
    }
  }

  /** Every camera, all time, no skipping. */
  public static QueryRequest of(String className) {
    return new QueryRequest(className, Set.of(), Long.MIN_VALUE, Long.MAX_VALUE, 2.0);
  }

  public QueryRequest withRange(long from, long to) {
    return new QueryRequest(className, cameras, from, to, skipThreshold);
  }

  public QueryRequest withCameras(Set<String> cams) {
    return new QueryRequest(className, cams, fromMs, toMs, skipThreshold);
  }

  public QueryRequest withSkipThreshold(double t) {
    return new QueryRequest(className, cameras, fromMs, toMs, t);
  }

  public boolean inRange(long ts) {
    return ts >= fromMs && ts < toMs;
  }

  /** Whether an hour partition starting at {@code hourStartMs} can hold times in the range. */
  public boolean overlapsHour(long hourStartMs) {
    return hourStartMs < toMs && hourStartMs + IndexLayout.HOUR_MS > fromMs;
  }

  public boolean wantsCamera(String camera) {
    return cameras.isEmpty() || cameras.contains(camera);
  }
}
