package io.tributary.focus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.connectors.index.ClassRow;
import io.tributary.connectors.index.ClusterRow;
import io.tributary.connectors.index.IndexLayout;
import io.tributary.connectors.index.IndexReader;
import io.tributary.connectors.index.ObjectRow;
import io.tributary.connectors.video.VideoFrame;
import io.tributary.connectors.video.VideoSource;
import io.tributary.connectors.video.synthetic.SceneConfig;
import io.tributary.connectors.video.synthetic.VideoGenerator;
import io.tributary.focus.ingest.FocusIngestJob;
import io.tributary.focus.ingest.IngestConfig;
import io.tributary.focus.ingest.IngestReport;
import io.tributary.focus.ingest.JobSettings;
import io.tributary.focus.model.BuiltinModels;
import io.tributary.focus.model.SyntheticModels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: the ingest job fails mid-stream (a task failure after checkpoints have completed),
 * restarts from its last checkpoint, and the index it leaves equals an uninterrupted run's: the
 * same clusters, objects and class entries, none lost, none duplicated. With the heap and the
 * RocksDB state backends.
 */
class FocusRecoveryTest {
  @TempDir static Path dir;
  static VideoSource source;
  static BuiltinModels.Stored cheap;
  static List<String> reference;

  /** Fails once, on the first frame at or after {@code failAtSeq} once a checkpoint has completed; slows frames down. */
  static final class FailOnce implements MapFunction<VideoFrame, VideoFrame>, CheckpointListener {
    static final ConcurrentHashMap<String, Boolean> FAILED = new ConcurrentHashMap<>();
    static final ConcurrentHashMap<String, AtomicInteger> CHECKPOINTS = new ConcurrentHashMap<>();
    final String run;
    final long failAtSeq;

    FailOnce(String run, long failAtSeq) {
      this.run = run;
      this.failAtSeq = failAtSeq;
    }

    @Override
    public VideoFrame map(VideoFrame f) throws Exception {
      Thread.sleep(8); // let checkpoints happen while frames flow
      if (!f.endOfStream && f.seq >= failAtSeq && CHECKPOINTS.computeIfAbsent(run, k -> new AtomicInteger()).get() > 0
          && FAILED.putIfAbsent(run, true) == null) {
        throw new RuntimeException("injected task failure at frame " + f.seq + " of " + f.cameraId);
      }
      return f;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      CHECKPOINTS.computeIfAbsent(run, k -> new AtomicInteger()).incrementAndGet();
    }
  }

  @BeforeAll
  static void setUp() throws Exception {
    var a = VideoGenerator.generate(SceneConfig.defaults().withDuration(90).withSeed(41), dir.resolve("a.mp4"));
    var b = VideoGenerator.generate(SceneConfig.defaults().withDuration(60).withSeed(42), dir.resolve("b.mp4"));
    source = VideoSource.builder().addFile("a", a.video()).addFile("b", b.video()).startTime(1_714_550_400_000L).build();
    cheap = SyntheticModels.cheap(System.out);
    reference = ingest("reference", JobSettings.defaults().withParallelism(2), null);
  }

  static List<String> ingest(String name, JobSettings settings, MapFunction<VideoFrame, VideoFrame> tap) throws Exception {
    String index = dir.resolve(name).toString();
    // A small C makes clusters seal mid-stream too, not only at the end.
    IngestConfig cfg = IngestConfig.defaults().withMaxActiveClusters(12);
    IngestReport r = FocusIngestJob.builder().source(source).index(index).cheapModel(cheap.spec()).config(cfg)
        .settings(settings).frameTap(tap).build().run();
    System.out.println(name + ": " + r.describe());
    List<String> rows = new ArrayList<>();
    try (IndexReader ir = IndexReader.open(index)) {
      for (ClusterRow c : ir.read(IndexLayout.CLUSTERS, p -> true, null, ClusterRow::fromAvro)) {
        // Centroids to 1e-3: the CNN's float results may differ in the last bits between runs
        // (vectorised kernels); the clusters themselves (ids, members, crops, classes) must not.
        StringBuilder cen = new StringBuilder();
        for (float f : c.centroid) {
          cen.append(String.format(Locale.ROOT, "%.3f,", f));
        }
        rows.add("C " + c.key() + " crop=" + Arrays.hashCode(c.centroidCrop) + " centroid=" + cen);
      }
      for (ObjectRow o : ir.read(IndexLayout.OBJECTS, p -> true, null, ObjectRow::fromAvro)) {
        rows.add("O " + o.key());
      }
      for (ClassRow k : ir.read(IndexLayout.CLASSES, p -> true, null, ClassRow::fromAvro)) {
        rows.add(String.format(Locale.ROOT, "K %s %s/%d c=%.4g v=%d", k.className, k.camera, k.clusterId,
            k.confidence, k.votes));
      }
    }
    rows.sort(null);
    return rows;
  }

  static void assertSameIndex(List<String> got) {
    assertEquals(reference.size(), got.size(), "row count (duplicates or losses)");
    assertEquals(reference.size(), new HashSet<>(got).size(), "no duplicate rows");
    for (int i = 0; i < got.size(); i++) {
      assertEquals(reference.get(i), got.get(i), "row " + i);
    }
  }

  @Test
  void heapBackendRecoversToTheSameIndex() throws Exception {
    JobSettings s = JobSettings.defaults().withParallelism(2).withStateBackend("hashmap")
        .withCheckpointInterval(Duration.ofMillis(150));
    List<String> got = ingest("heap-failure", s, new FailOnce("heap", 40));
    assertTrue(FailOnce.FAILED.containsKey("heap"), "the failure was injected");
    assertTrue(reference.stream().anyMatch(r -> r.startsWith("C ")) && reference.size() > 200);
    assertSameIndex(got);
  }

  @Test
  void rocksDbBackendRecoversToTheSameIndex() throws Exception {
    JobSettings s = JobSettings.defaults().withParallelism(2).withStateBackend("rocksdb")
        .withCheckpointInterval(Duration.ofMillis(150));
    List<String> got = ingest("rocksdb-failure", s, new FailOnce("rocksdb", 55));
    assertTrue(FailOnce.FAILED.containsKey("rocksdb"), "the failure was injected");
    assertSameIndex(got);
  }
}
