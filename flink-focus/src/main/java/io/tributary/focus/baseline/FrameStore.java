package io.tributary.focus.baseline;

import io.tributary.connectors.video.CameraStream;
import io.tributary.connectors.video.VideoFrame;
import io.tributary.connectors.video.VideoFrameReader;
import io.tributary.focus.extract.BackgroundSubtractor;
import io.tributary.focus.extract.ObjectExtractor;
import io.tributary.focus.ingest.IngestMetrics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recorded video a query-time system scans: every sampled frame of every camera, decoded once,
 * with the moving objects background subtraction finds in it (computed from each camera's start,
 * exactly as at ingest) and what that extraction cost. Decoding is measured separately: like the
 * paper, query latency excludes it.
 */
public final class FrameStore {
  /** A sampled frame, its moving objects, and the CPU its extraction took. */
  public record StoredFrame(VideoFrame frame, List<ObjectExtractor.Extracted> objects, long extractNanos) {
    public String key() {
      return frame.cameraId + "#" + frame.seq;
    }
  }

  private final Map<String, List<StoredFrame>> byCamera;
  private final double decodeSeconds;

  private FrameStore(Map<String, List<StoredFrame>> byCamera, double decodeSeconds) {
    this.byCamera = byCamera;
    this.decodeSeconds = decodeSeconds;
  }

  /** Decodes and extracts every camera of {@code cameras} at {@code sampleFps}. */
  public static FrameStore load(List<CameraStream> cameras, double sampleFps, BackgroundSubtractor.Config background,
      int maxObjects, double cropContext) throws IOException {
    Map<String, List<StoredFrame>> out = new LinkedHashMap<>();
    long decodeNs = 0;
    for (CameraStream c : cameras) {
      List<StoredFrame> frames = new ArrayList<>();
      ObjectExtractor ex = new ObjectExtractor(new BackgroundSubtractor(background), maxObjects, cropContext);
      try (VideoFrameReader r = new VideoFrameReader(c, sampleFps, VideoFrameReader.Position.START)) {
        for (VideoFrame f; (f = r.next()) != null; ) {
          long t0 = IngestMetrics.threadCpu();
          List<ObjectExtractor.Extracted> objs = ex.extract(f.image(), f.timestampMs);
          frames.add(new StoredFrame(f, objs, IngestMetrics.threadCpu() - t0));
        }
        decodeNs += r.decodeCpuNanos();
      }
      out.put(c.cameraId(), frames);
    }
    return new FrameStore(out, decodeNs / 1e9);
  }

  public Map<String, List<StoredFrame>> cameras() {
    return byCamera;
  }

  /** CPU seconds spent decoding (excluded from query latency). */
  public double decodeSeconds() {
    return decodeSeconds;
  }

  public int frameCount() {
    return byCamera.values().stream().mapToInt(List::size).sum();
  }
}
