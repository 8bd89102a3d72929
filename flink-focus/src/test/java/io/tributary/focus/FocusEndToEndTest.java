package io.tributary.focus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.connectors.index.ClusterRow;
import io.tributary.connectors.index.IndexLayout;
import io.tributary.connectors.index.IndexReader;
import io.tributary.connectors.index.ObjectRow;
import io.tributary.connectors.video.VideoSource;
import io.tributary.connectors.video.synthetic.SceneConfig;
import io.tributary.connectors.video.synthetic.VideoGenerator;
import io.tributary.focus.baseline.ExactIndexQuery;
import io.tributary.focus.baseline.IngestHeavyJob;
import io.tributary.focus.ingest.FocusIngestJob;
import io.tributary.focus.ingest.IngestConfig;
import io.tributary.focus.ingest.IngestMetrics;
import io.tributary.focus.ingest.IngestReport;
import io.tributary.focus.ingest.JobSettings;
import io.tributary.focus.model.BuiltinModels;
import io.tributary.focus.model.GroundTruthModel;
import io.tributary.focus.model.SyntheticModels;
import io.tributary.focus.query.Accuracy;
import io.tributary.focus.query.ContactSheet;
import io.tributary.focus.query.FocusQueryProcessor;
import io.tributary.focus.query.QueryRequest;
import io.tributary.focus.query.QueryResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: generated video -> Focus index and INGEST-HEAVY index, both ingested on a Flink
 * MiniCluster -> queries for every class -> Focus's frames against INGEST-HEAVY's, at the precision
 * and recall bars below.
 *
 * <p>The bars do not rest on one set of trained weights. Training is bit-reproducible (see
 * {@code CropTrainerDeterminismTest}), but another training seed moves the few objects near a
 * decision boundary, and on a 3-minute video one missed frame of a class costs 1-5 points. Measured
 * with the built-in models trained with seeds 7, 1, 2 and 3 ({@code -Dtributary.builtin.seed}), each
 * also with AVX2 kernels forced ({@code ATEN_CPU_CAPABILITY=avx2}, which gave the same figures as
 * AVX-512 here): see the constants.
 */
class FocusEndToEndTest {
  /**
   * Least per-class frame precision. Worst measured 0.873: seed 1's dog, whose clusters took in
   * persons at the default absolute distance threshold T = 5.0 (that model's features lie closer).
   */
  static final double MIN_PRECISION = 0.85;
  /** Least per-class frame recall. Worst measured 0.948 (seed 1, person); the default seed 7: 0.986 (bus). */
  static final double MIN_RECALL = 0.93;
  /** Least mean over classes of precision and of recall. Worst measured 0.979 (seed 1, precision). */
  static final double MIN_MEAN = 0.97;

  @TempDir Path dir;

  @Test
  void focusMatchesIngestHeavyOnGeneratedVideo() throws Exception {
    var v = VideoGenerator.generate(SceneConfig.defaults().withDuration(120).withSeed(31), dir.resolve("street.mp4"));
    var v2 = VideoGenerator.generate(SceneConfig.defaults().withDuration(60).withSeed(33), dir.resolve("plaza.mp4"));
    BuiltinModels.Stored cheap = SyntheticModels.cheap(System.out);
    BuiltinModels.Stored gtModel = SyntheticModels.groundTruth(System.out);
    // The hour boundary falls inside the video, right after 4 full batches of 8 sampled frames (the
    // case where no partly filled batch is pending when the new hour starts).
    long start = 1_714_550_400_000L - 32_000;
    VideoSource source = VideoSource.builder().addFile("street", v.video()).addFile("plaza", v2.video())
        .startTime(start).build();
    String focusIndex = dir.resolve("focus").toString();
    String heavyIndex = dir.resolve("heavy").toString();
    IngestConfig cfg = IngestConfig.defaults();
    JobSettings two = JobSettings.defaults().withParallelism(2);
    IngestReport focus = FocusIngestJob.builder().source(source).index(focusIndex).cheapModel(cheap.spec()).config(cfg)
        .settings(two).build().run();
    IngestReport heavy = IngestHeavyJob.of(source, heavyIndex, gtModel.spec(), cfg, two).run();
    System.out.println(focus.describe());
    System.out.println(heavy.describe());
    assertEquals(180, focus.counter(IngestMetrics.FRAMES));
    assertEquals(focus.counter(IngestMetrics.OBJECTS), heavy.counter(IngestMetrics.OBJECTS), "same objects extracted");
    assertTrue(focus.counter(IngestMetrics.CLUSTERS) < focus.counter(IngestMetrics.OBJECTS), "clustering merges objects");

    try (IndexReader fi = IndexReader.open(focusIndex); IndexReader hi = IndexReader.open(heavyIndex);
         GroundTruthModel gt = gtModel.spec().openGroundTruth()) {
      // Two cameras, two hours each: partitioned by camera and hour.
      assertEquals(4, fi.partitions(IndexLayout.CLUSTERS).size(), fi.partitions(IndexLayout.CLUSTERS).toString());
      // Every object lies in the hour partition of its cluster (a cluster never grows across hours).
      Map<String, String> clusterHour = new HashMap<>();
      for (var c : fi.read(IndexLayout.CLUSTERS, p -> true, null, ClusterRow::fromAvro)) {
        clusterHour.put(c.camera + "/" + c.clusterId, c.hour);
      }
      for (var o : fi.read(IndexLayout.OBJECTS, p -> true, null, ObjectRow::fromAvro)) {
        assertEquals(clusterHour.get(o.camera + "/" + o.clusterId), o.hour,
            "object at " + o.ts + " of cluster " + o.camera + "/" + o.clusterId);
      }
      ExactIndexQuery exact = new ExactIndexQuery(hi);
      FocusQueryProcessor fq = new FocusQueryProcessor(fi, gt);
      Map<String, Long> counts = exact.classCounts(QueryRequest.of("car"));
      System.out.println("reference detections per class: " + counts);
      assertTrue(counts.size() >= 4, "several classes in the reference: " + counts);
      int gtCalls = 0;
      List<String> below = new ArrayList<>();
      List<Accuracy> accuracies = new ArrayList<>();
      for (String cls : counts.keySet()) {
        QueryResult ref = exact.run(QueryRequest.of(cls));
        QueryResult got = fq.run(QueryRequest.of(cls));
        gtCalls = Math.max(gtCalls, got.gtCalls());
        Accuracy acc = Accuracy.of(got.frames(), ref.frames());
        System.out.println(got.describe());
        System.out.printf("  %s: frame P %.4f R %.4f, object P %.4f R %.4f (%d vs %d frames)%n", cls, acc.framePrecision(),
            acc.frameRecall(), acc.objectPrecision(), acc.objectRecall(), acc.returnedFrames(), acc.referenceFrames());
        accuracies.add(acc);
        if (acc.framePrecision() < MIN_PRECISION || acc.frameRecall() < MIN_RECALL) {
          below.add(String.format("%s P %.4f R %.4f", cls, acc.framePrecision(), acc.frameRecall()));
        }
      }
      // Every class is measured and printed before the verdict, so a failure shows all of them.
      assertTrue(below.isEmpty(), "classes below P " + MIN_PRECISION + " / R " + MIN_RECALL + ": " + below);
      double meanP = accuracies.stream().mapToDouble(Accuracy::framePrecision).average().orElseThrow();
      double meanR = accuracies.stream().mapToDouble(Accuracy::frameRecall).average().orElseThrow();
      System.out.printf("mean over classes: frame P %.4f R %.4f%n", meanP, meanR);
      assertTrue(meanP >= MIN_MEAN && meanR >= MIN_MEAN, "mean P " + meanP + " R " + meanR + " below " + MIN_MEAN);
      assertTrue(gtCalls < focus.counter(IngestMetrics.OBJECTS) / 2, "a query verifies centroids, not every object: " + gtCalls);

      // Restricting to a camera and a time range returns exactly the unrestricted answer's frames there.
      long from = start + 40_000;
      long to = start + 80_000;
      QueryRequest narrow = QueryRequest.of("person").withCameras(Set.of("street")).withRange(from, to);
      QueryResult ref = exact.run(narrow);
      QueryResult got = fq.run(narrow);
      assertTrue(!ref.frames().isEmpty());
      assertTrue(got.frames().stream().allMatch(f -> f.camera().equals("street") && f.timestampMs() >= from
          && f.timestampMs() < to));
      Set<String> expected = new TreeSet<>();
      fq.run(QueryRequest.of("person")).frames().stream()
          .filter(f -> f.camera().equals("street") && f.timestampMs() >= from && f.timestampMs() < to)
          .forEach(f -> expected.add(f.key()));
      Set<String> narrowed = new TreeSet<>();
      got.frames().forEach(f -> narrowed.add(f.key()));
      assertEquals(expected, narrowed, "the narrowed query is the full query restricted");

      Path sheet = dir.resolve("person.png");
      ContactSheet.write(fq.lastVerifiedClusters(), sheet, 6);
      assertTrue(Files.size(sheet) > 1000);
    }
  }
}
