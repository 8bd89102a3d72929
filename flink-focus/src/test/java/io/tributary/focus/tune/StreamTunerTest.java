package io.tributary.focus.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.model.Architecture;
import io.tributary.common.model.CropNets;
import io.tributary.connectors.video.VideoSource;
import io.tributary.connectors.video.synthetic.SceneConfig;
import io.tributary.connectors.video.synthetic.VideoGenerator;
import io.tributary.focus.baseline.FrameStore;
import io.tributary.focus.ingest.IngestConfig;
import io.tributary.focus.model.CropModel;
import io.tributary.focus.model.GroundTruthModel;
import io.tributary.focus.model.SyntheticModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance of the stream tuner on generated video with the built-in GT-CNN: the chosen
 * configuration, chosen to meet 99% on the selection half, keeps {@link #MIN_TEST_HALF} on the held-out
 * test half, its specialised CNN needs at least 10x fewer multiply-accumulates per object than the
 * GT-CNN and is measured cheaper, and the policies order as they should.
 */
class StreamTunerTest {
  /** Least test-half precision and recall of the chosen configuration (see the measurement below). */
  static final double MIN_TEST_HALF = 0.94;

  @TempDir Path dir;

  @Test
  void tunesGeneratedVideo() throws Exception {
    long t0 = System.nanoTime();
    var v = VideoGenerator.generate(SceneConfig.defaults().withDuration(480).withSeed(57), dir.resolve("street.mp4"));
    VideoSource source = VideoSource.builder().sampleFps(1.0).addFile("street", v.video())
        .startTime(1_714_550_400_000L).build();
    IngestConfig ingest = IngestConfig.defaults();
    FrameStore store = FrameStore.load(source.cameras(), 1.0, ingest.background(), ingest.maxObjectsPerFrame(),
        ingest.cropContext());
    TuningSample history = TuningSample.fromFrameStore(store, t -> true);
    TunerSettings settings = TunerSettings.defaults()
        .withFamily(CandidateArch.parseFamily("48:16-32:48;32:8-16:32;24:8:16"))
        .withTopKs(List.of(1, 2, 3, 4, 5))
        .withDistanceQuantiles(List.of(0.0, 0.05, 0.1, 0.2, 0.3, 0.5))
        .withSkipThresholds(List.of(2.0, 0.99, 0.95))
        .withSelectionFraction(0.4)
        .withTraining(new TunedModels.Training(6, 200, 32, 0.004f, 23));
    TuningResult r;
    try (GroundTruthModel gt = SyntheticModels.groundTruth(System.out).spec().openGroundTruth()) {
      r = StreamTuner.tune(history, gt, settings, System.out);
    }
    TunedConfiguration best = r.best();
    TuningResult.Validation val = r.validation().get(Policy.BALANCE);
    System.out.printf("balance: %s; test %s; %.1fx cheaper than the GT-CNN%n", best.describe(), val.describe(),
        r.cheapness(best));
    // The tuner meets 99% on the selection half; the test half is held out, so a class with a few dozen
    // frames there can lose one or two. Worst measured over the built-in GT-CNNs of seeds 7, 1, 2, 3
    // (seed 7 also with AVX2 kernels, the same): recall 0.963 (seed 2), precision 1.0.
    assertTrue(val.precisionMin() >= MIN_TEST_HALF, "test-half precision " + val.precisionMin());
    assertTrue(val.recallMin() >= MIN_TEST_HALF, "test-half recall " + val.recallMin());
    // Cheaper by construction (multiply-accumulates per object, which no timer moves) and in measured CPU
    // (which load and per-call overheads move: 8.4x on an idle machine, 12-38x under load, so only its
    // direction is asserted; the bench reports it).
    long gtMacs = CropNets.macs(Architecture.GT,
        SyntheticModels.CLASSES.size());
    long bestMacs = best.arch().macs(best.modelClasses().size());
    assertTrue(gtMacs >= 10 * bestMacs, "specialised CNN " + bestMacs + " MACs vs the GT-CNN's " + gtMacs);
    assertTrue(r.cheapness(best) > 1, "specialised CNN measured " + r.cheapness(best) + "x cheaper than the GT-CNN");
    assertTrue(r.queryClasses().size() >= 3, "query classes " + r.queryClasses());

    TunedConfiguration ing = r.chosen().get(Policy.OPT_INGEST);
    TunedConfiguration qry = r.chosen().get(Policy.OPT_QUERY);
    assertTrue(ing.ingestCpuPerObject() <= best.ingestCpuPerObject()
        && best.ingestCpuPerObject() <= qry.ingestCpuPerObject(), "ingest costs out of order");
    assertTrue(ing.queryCpu() >= best.queryCpu() && best.queryCpu() >= qry.queryCpu(), "query latencies out of order");
    for (TunedConfiguration c : r.pareto()) {
      assertTrue(c.meets(0.99, 0.99));
      assertTrue(r.viable().stream().noneMatch(o -> o.dominates(c)), "dominated configuration on the boundary: " + c);
    }
    assertTrue(r.viable().size() < r.configurations().size(), "the targets rule some configurations out");

    // What the ingest reads back, and the model it names, work.
    r.write(dir.resolve("tune"));
    r.write(Path.of("target", "stream-tuner-test")); // kept for inspection
    TunedConfiguration back = TunedConfiguration.read(dir.resolve("tune/tuned.properties"));
    assertEquals(best.modelDir(), back.modelDir());
    assertEquals(best.topK(), back.topK());
    assertEquals(best.distanceThreshold(), back.distanceThreshold());
    try (CropModel m = back.modelSpec().openCropModel()) {
      assertEquals(best.modelClasses(), m.classes());
      assertEquals(best.modelClasses().size(), m.predict(List.of(history.objects().get(0).crop())).get(0)
          .probabilities().length);
    }
    assertTrue(Files.size(dir.resolve("tune/tradeoff.png")) > 1000);
    assertEquals(r.configurations().size() + 1, Files.readAllLines(dir.resolve("tune/configurations.csv")).size());
    System.out.printf("test took %.1f s%n", (System.nanoTime() - t0) / 1e9);
  }
}
