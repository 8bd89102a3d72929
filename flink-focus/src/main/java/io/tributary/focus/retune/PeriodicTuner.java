package io.tributary.focus.retune;

import io.tributary.connectors.index.IndexLayout;
import io.tributary.connectors.index.IndexReader;
import io.tributary.connectors.index.ObjectRow;
import io.tributary.connectors.video.CameraStream;
import io.tributary.focus.baseline.FrameStore;
import io.tributary.focus.ingest.IngestConfig;
import io.tributary.focus.model.FocusModel;
import io.tributary.focus.model.GroundTruthModel;
import io.tributary.focus.tune.StreamTuner;
import io.tributary.focus.tune.TunedConfiguration;
import io.tributary.focus.tune.TunerSettings;
import io.tributary.focus.tune.TuningResult;
import io.tributary.focus.tune.TuningSample;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;

/**
 * Re-runs the stream tuner every {@code every} on the frames the ingest job has committed so far
 * ({@code focus ingest --retune-every}): "so far" is the newest object time in the index's committed
 * objects table, so the tuner sees exactly the history the index holds. Each round samples the
 * cameras' video up to then, labels it with the GT-CNN, trains and searches
 * ({@link StreamTuner#tune}), writes its outputs to {@code <out>/round-<n>/} and offers the policy's
 * choice. Rounds run on the driver's re-tuning thread, so a slow round delays the next, never the
 * ingest. Video files only: the history of a live stream is not kept for re-reading.
 */
public final class PeriodicTuner implements ConfigurationUpdates {
  private final List<CameraStream> cameras;
  private final double sampleFps;
  private final IngestConfig extraction;
  private final String indexRoot;
  private final FocusModel gtSpec;
  private final TunerSettings settings;
  private final long everyNs;
  private final int minObjects;
  private final Path out;
  private final PrintStream log;
  private long nextRunNs;
  private long lastHorizon = Long.MIN_VALUE;
  private int round;
  private FrameStore store;
  private GroundTruthModel gt;

  /**
   * The history a round re-reads: the ingest's cameras (video files), sampled as the ingest samples
   * them, up to what the index at {@code indexRoot} has committed.
   *
   * @param extraction the ingest's extraction settings (background, objects per frame, crop context)
   */
  public record History(List<CameraStream> cameras, double sampleFps, IngestConfig extraction, String indexRoot) {
    public History {
      cameras = List.copyOf(cameras);
    }
  }

  /**
   * @param minObjects fewest committed objects a round tunes on (fewer: the round waits)
   */
  public PeriodicTuner(History history, FocusModel gtSpec, TunerSettings settings, Duration every, int minObjects,
      Path out, PrintStream log) {
    List<CameraStream> cameras = history.cameras();
    for (CameraStream c : cameras) {
      if (c.isLive()) {
        throw new IllegalArgumentException("--retune-every needs video files; camera " + c.cameraId()
            + " is a live stream (use --tuned-dir with a tuner that records it)");
      }
    }
    if (every.isNegative() || every.isZero()) {
      throw new IllegalArgumentException("--retune-every must be positive: " + every);
    }
    this.cameras = cameras;
    this.sampleFps = history.sampleFps();
    this.extraction = history.extraction();
    this.indexRoot = history.indexRoot();
    this.gtSpec = gtSpec;
    this.settings = settings;
    this.everyNs = every.toNanos();
    this.minObjects = minObjects;
    this.out = out;
    this.log = log;
    this.nextRunNs = System.nanoTime() + everyNs;
  }

  @Override
  public Optional<Proposal> poll(IngestConfig current) throws IOException {
    if (System.nanoTime() < nextRunNs) {
      return Optional.empty();
    }
    long horizon = committedHorizon();
    if (horizon == Long.MIN_VALUE || horizon <= lastHorizon) {
      nextRunNs = System.nanoTime() + everyNs / 4; // nothing new committed yet: look again soon
      return Optional.empty();
    }
    if (store == null) {
      store = FrameStore.load(cameras, sampleFps, extraction.background(), extraction.maxObjectsPerFrame(),
          extraction.cropContext());
    }
    TuningSample history = TuningSample.fromFrameStore(store, t -> t <= horizon);
    if (history.size() < minObjects) {
      nextRunNs = System.nanoTime() + everyNs / 4;
      return Optional.empty();
    }
    lastHorizon = horizon;
    round++;
    log.printf(Locale.ROOT, "re-tuning round %d: %d objects in %d frames committed up to %s%n", round, history.size(),
        history.frames(), Instant.ofEpochMilli(horizon));
    try {
      if (gt == null) {
        gt = gtSpec.openGroundTruth();
      }
      TuningResult r = StreamTuner.tune(history, gt, settings, log);
      r.write(out.resolve("round-" + round));
      TunedConfiguration best = r.best();
      log.printf(Locale.ROOT, "re-tuning round %d chose %s%n", round, best.describe());
      return Optional.of(new Proposal(best.modelSpec(), best.ingestConfig(current),
          "re-tuning round " + round + " on frames up to " + Instant.ofEpochMilli(horizon)));
    } finally {
      nextRunNs = System.nanoTime() + everyNs;
    }
  }

  /**
   * The time every camera's committed objects reach: per camera the newest object time of its last
   * hour partition, the earliest of those over the cameras.
   */
  private long committedHorizon() throws IOException {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(indexRoot);
    if (!p.getFileSystem(new Configuration()).exists(p)) {
      return Long.MIN_VALUE;
    }
    try (IndexReader index = IndexReader.open(indexRoot)) {
      if (!index.hasTable(IndexLayout.OBJECTS)) {
        return Long.MIN_VALUE;
      }
      TreeMap<String, IndexReader.Partition> lastByCamera = new TreeMap<>();
      for (IndexReader.Partition part : index.partitions(IndexLayout.OBJECTS)) {
        lastByCamera.put(part.camera(), part); // partitions come by camera, then hour
      }
      if (lastByCamera.size() < cameras.size()) {
        return Long.MIN_VALUE;
      }
      long horizon = Long.MAX_VALUE;
      for (IndexReader.Partition part : lastByCamera.values()) {
        long max = Long.MIN_VALUE;
        for (ObjectRow o : index.read(part, null, ObjectRow::fromAvro)) {
          max = Math.max(max, o.ts);
        }
        horizon = Math.min(horizon, max);
      }
      return horizon;
    }
  }

  @Override
  public void close() {
    if (gt != null) {
      gt.close();
    }
  }
}
