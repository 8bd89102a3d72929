package io.tributary.focus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.connectors.index.IndexLayout;
import io.tributary.connectors.index.IndexReader;
import io.tributary.connectors.video.VideoFrame;
import io.tributary.connectors.video.VideoSource;
import io.tributary.connectors.video.synthetic.SceneConfig;
import io.tributary.connectors.video.synthetic.VideoGenerator;
import io.tributary.focus.baseline.IngestHeavyJob;
import io.tributary.focus.ingest.FocusIngestJob;
import io.tributary.focus.ingest.IngestConfig;
import io.tributary.focus.ingest.IngestMetrics;
import io.tributary.focus.ingest.IngestReport;
import io.tributary.focus.ingest.JobSettings;
import io.tributary.focus.model.BuiltinModels;
import io.tributary.focus.model.FocusModel;
import io.tributary.focus.model.GroundTruthModel;
import io.tributary.focus.model.InputSpec;
import io.tributary.focus.model.SyntheticModels;
import io.tributary.focus.query.FocusQueryProcessor;
import io.tributary.focus.query.QueryRequest;
import io.tributary.focus.query.QueryResult;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.functions.MapFunction;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets a clear error naming it, and loses nothing. */
class FocusBadInputTest {
  @TempDir static Path dir;
  static Path video;
  static BuiltinModels.Stored cheap;
  static BuiltinModels.Stored gt;
  static String index;

  @BeforeAll
  static void setUp() throws Exception {
    video = VideoGenerator.generate(SceneConfig.defaults().withDuration(40).withSeed(61), dir.resolve("v.avi")).video();
    cheap = SyntheticModels.cheap(System.out);
    gt = SyntheticModels.groundTruth(System.out);
    index = dir.resolve("index").toString();
    FocusIngestJob.builder().source(VideoSource.builder().addFile("cam", video).startTime(1_714_550_400_000L).build())
        .index(index).cheapModel(cheap.spec()).build().run();
  }

  static Path shared(String rel) {
    Path p = Path.of(System.getProperty("tributary.shared.data", "../shared/data")).resolve(rel);
    Assumptions.assumeTrue(Files.exists(p), "shared data absent: " + p);
    return p;
  }

  @Test
  void unknownClassIsNamed() throws Exception {
    try (IndexReader r = IndexReader.open(index); GroundTruthModel g = gt.spec().openGroundTruth()) {
      var e = assertThrows(IllegalArgumentException.class, () -> new FocusQueryProcessor(r, g).run(QueryRequest.of("giraffe")));
      assertTrue(e.getMessage().contains("'giraffe'") && e.getMessage().contains("car"), e.getMessage());
      var e2 = assertThrows(IllegalArgumentException.class, () -> new FocusQueryProcessor(r, g).run(QueryRequest.of("background")));
      assertTrue(e2.getMessage().contains("'background'"), e2.getMessage());
    }
  }

  @Test
  void missingPartitionOrCameraIsNamed() throws Exception {
    Path copy = dir.resolve("damaged-index");
    copyTree(Path.of(index), copy);
    try (Stream<Path> s = Files.walk(copy.resolve(IndexLayout.OBJECTS))) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
    Files.createDirectories(copy.resolve(IndexLayout.OBJECTS));
    try (IndexReader r = IndexReader.open(copy.toString()); GroundTruthModel g = gt.spec().openGroundTruth()) {
      FocusQueryProcessor q = new FocusQueryProcessor(r, g);
      var e = assertThrows(FileNotFoundException.class, () -> q.run(QueryRequest.of("person")));
      assertTrue(e.getMessage().contains("objects/camera=cam/hour=2024-05-01T08") && e.getMessage().contains("missing"),
          e.getMessage());
      var e2 = assertThrows(FileNotFoundException.class, () -> q.run(QueryRequest.of("person").withCameras(Set.of("lobby"))));
      assertTrue(e2.getMessage().contains("'lobby'") && e2.getMessage().contains("cam"), e2.getMessage());
    }
    var e3 = assertThrows(FileNotFoundException.class, () -> IndexReader.open(dir.resolve("nowhere").toString()));
    assertTrue(e3.getMessage().contains("nowhere"));
  }

  @Test
  void uncommittedPartFilesAreInvisible() throws Exception {
    try (IndexReader r = IndexReader.open(index); GroundTruthModel g = gt.spec().openGroundTruth()) {
      QueryResult before = new FocusQueryProcessor(r, g).run(QueryRequest.of("car"));
      // What a running FileSink leaves between checkpoints: hidden in-progress files.
      for (String table : List.of(IndexLayout.CLUSTERS, IndexLayout.OBJECTS, IndexLayout.CLASSES)) {
        Path part = Path.of(index, table, "camera=cam", "hour=2024-05-01T08", ".part-0-9.parquet.inprogress.1234");
        byte[] junk = new byte[4096];
        new Random(1).nextBytes(junk);
        Files.write(part, junk);
      }
      QueryResult after = new FocusQueryProcessor(r, g).run(QueryRequest.of("car"));
      assertEquals(before.frames(), after.frames());
    }
  }

  @Test
  void queryDuringIngestSeesOnlyCommittedData() throws Exception {
    String live = dir.resolve("live-index").toString();
    AtomicReference<Object> outcome = new AtomicReference<>();
    Thread job = new Thread(() -> {
      try {
        outcome.set(FocusIngestJob.builder().source(VideoSource.builder().addFile("cam", video).startTime(1_714_550_400_000L).build())
            .index(live).cheapModel(cheap.spec()).config(IngestConfig.defaults().withMaxActiveClusters(4))
            .settings(JobSettings.defaults().withCheckpointInterval(Duration.ofMillis(1000)))
            .frameTap(new SlowTap()).build().run());
      } catch (Exception e) {
        outcome.set(e);
      }
    });
    job.start();
    Path clusters = Path.of(live, IndexLayout.CLUSTERS);
    boolean sawUncommitted = false;
    int queried = 0;
    try (GroundTruthModel g = gt.spec().openGroundTruth()) {
      // Part files are in progress between checkpoints (1 s apart): polling every 150 ms catches
      // them while still seeing several commits during the run.
      while (job.isAlive()) {
        Thread.sleep(150);
        if (!Files.isDirectory(clusters)) {
          continue;
        }
        boolean inProgress;
        try (Stream<Path> s = Files.walk(Path.of(live))) {
          inProgress = s.anyMatch(p -> p.getFileName().toString().contains("inprogress"));
        }
        try (IndexReader r = IndexReader.open(live)) {
          if (r.partitions(IndexLayout.CLASSES).isEmpty() || r.partitions(IndexLayout.OBJECTS).isEmpty()) {
            continue;
          }
          new FocusQueryProcessor(r, g).run(QueryRequest.of("person")); // must not trip on uncommitted files
          queried++;
          sawUncommitted |= inProgress;
        } catch (FileNotFoundException e) {
          // A table's first partition may not be committed yet: that is a clear, expected answer.
          assertTrue(e.getMessage().contains("missing") || e.getMessage().contains("no '"), e.getMessage());
        }
      }
    }
    job.join();
    assertTrue(outcome.get() instanceof IngestReport, "ingest finished: " + outcome.get());
    assertTrue(queried > 0, "queried the index while it was being written");
    assertTrue(sawUncommitted, "in-progress part files existed while querying");
  }

  static final class SlowTap implements MapFunction<VideoFrame, VideoFrame> {
    @Override
    public VideoFrame map(VideoFrame f) throws Exception {
      Thread.sleep(150);
      return f;
    }
  }

  @Test
  void damagedVideoIsIngestedAndBadFramesAreCounted() throws Exception {
    byte[] bytes = Files.readAllBytes(video);
    Random rnd = new Random(5);
    for (int i = bytes.length / 3; i < bytes.length / 3 + 6000; i++) {
      bytes[i] = (byte) rnd.nextInt(256);
    }
    Path damaged = dir.resolve("damaged.avi");
    Files.write(damaged, bytes);
    IngestReport r = FocusIngestJob.builder().source(VideoSource.builder().addFile("cam", damaged).build())
        .index(dir.resolve("damaged-video-index").toString()).cheapModel(cheap.spec()).build().run();
    System.out.println(r.describe());
    assertTrue(r.counter(IngestMetrics.FRAMES) >= 30, "the job went on past the damage");

    Path truncated = dir.resolve("cut.mp4");
    Path mp4 = VideoGenerator.generate(SceneConfig.defaults().withDuration(10).withSeed(3), dir.resolve("ok.mp4")).video();
    byte[] m = Files.readAllBytes(mp4);
    Files.write(truncated, Arrays.copyOf(m, m.length / 2));
    var e = assertThrows(IllegalArgumentException.class, () -> VideoSource.builder().addFile("cam", truncated).build());
    assertTrue(e.getMessage().contains("cut.mp4"), e.getMessage());
  }

  @Test
  void sharedDataModelProblemsAreNamed() throws Exception {
    // A built-in model opened for the wrong classes.
    FocusModel wrong = FocusModel.builtin(cheap.arch(), cheap.dir(), cheap.name(), List.of("a", "b", "c"));
    var e = assertThrows(IOException.class, wrong::openCropModel);
    assertTrue(e.getMessage().contains(cheap.name()) && e.getMessage().contains("3 class names"), e.getMessage());
    // A labels file that does not exist.
    var e2 = assertThrows(IOException.class, () -> FocusModel.yolox(dir.resolve("y.onnx"), dir.resolve("labels.txt"), 0.3f));
    assertTrue(e2.getMessage().contains("y.onnx"), e2.getMessage());
    // A detector cannot be the ingest CNN.
    Path yolox = shared("models/yolox_nano.onnx");
    FocusModel y = FocusModel.yolox(yolox, shared("models/labels/object_detection_classes_coco.txt"), 0.3f);
    assertThrows(IllegalArgumentException.class, () -> FocusIngestJob.builder().cheapModel(y).build());
    // A model whose input shape does not fit: YOLOX (416x416) as a 224x224 crop classifier.
    FocusModel asClassifier = FocusModel.classifierFile(yolox, shared("models/labels/object_detection_classes_coco.txt"),
        InputSpec.imagenet(224), false);
    var e3 = assertThrows(IOException.class, asClassifier::openCropModel);
    assertTrue(e3.getMessage().contains("yolox_nano.onnx") && e3.getMessage().contains("416"), e3.getMessage());
    // A classifier whose labels do not match its outputs: MobileNetV2 (1000 classes) with COCO's names.
    FocusModel mismatch = FocusModel.classifierFile(shared("models/mobilenetv2-12-int8.onnx"),
        shared("models/labels/object_detection_classes_coco.txt"), InputSpec.imagenet(224), false);
    var e4 = assertThrows(IOException.class, mismatch::openCropModel);
    assertTrue(e4.getMessage().contains("mobilenetv2-12-int8.onnx") && e4.getMessage().contains("1000")
        && e4.getMessage().contains("class names"), e4.getMessage());
    // YOLOX with OpenCV's 90-name COCO list keeps the 80 names it outputs.
    assertEquals(80, y.classes().size());
    assertEquals("toothbrush", y.classes().get(79));
  }

  @Test
  void focusQueryRefusesAnotherKindOfIndex() throws Exception {
    String heavy = dir.resolve("heavy").toString();
    IngestHeavyJob.of(VideoSource.builder().addFile("cam", video).build(), heavy, gt.spec(), IngestConfig.defaults(),
        JobSettings.defaults()).run();
    try (IndexReader r = IndexReader.open(heavy); GroundTruthModel g = gt.spec().openGroundTruth()) {
      var e = assertThrows(IOException.class, () -> new FocusQueryProcessor(r, g));
      assertTrue(e.getMessage().contains("ingest-heavy"), e.getMessage());
    }
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.collect(Collectors.toList())) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }
}
