package io.tributary.focus.tune;

import io.tributary.connectors.video.VideoProbe;
import io.tributary.connectors.video.VideoSource;
import io.tributary.connectors.video.synthetic.SceneConfig;
import io.tributary.connectors.video.synthetic.VideoGenerator;
import io.tributary.focus.baseline.FrameStore;
import io.tributary.focus.cli.FocusCli;
import io.tributary.focus.ingest.IngestConfig;
import io.tributary.focus.model.GroundTruthModel;
import io.tributary.focus.model.FocusModel;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What {@code tributary focus tune} runs: the stream tuner on video files (or a generated video). */
public final class TuneCli {
  private TuneCli() {}

  /**
   * Samples the videos (each a camera, sampled at {@code sampleFps}), runs {@link StreamTuner} with
   * the GT-CNN and writes the result to {@code out} ({@link TuningResult#write}).
   *
   * @param videos video files; empty to generate one of {@code generatedSeconds} with {@code seed}
   * @param gtModel "builtin" (generated video only) or a YOLOX ONNX file (with {@code gtLabels})
   * @param family candidate architectures ({@link CandidateArch#parseFamily})
   */
  public static TuningResult tune(List<Path> videos, double generatedSeconds, long seed, String gtModel, Path gtLabels,
      double sampleFps, double precision, double recall, String policy, double ingestWeight, double queryWeight,
      String family, int maxClasses, Path out, PrintStream log) throws Exception {
    TunerSettings s = TunerSettings.defaults().withTargets(precision, recall).withPolicy(Policy.parse(policy))
        .withWeights(ingestWeight, queryWeight).withFamily(CandidateArch.parseFamily(family));
    if (maxClasses < 1) {
      throw new IllegalArgumentException("--max-classes must be >= 1, got " + maxClasses);
    }
    s = new TunerSettings(s.precisionTarget(), s.recallTarget(), s.policy(), s.ingestWeight(), s.queryWeight(),
        s.family(), s.specialisedClasses(), maxClasses, s.topKs(), s.distanceQuantiles(), s.skipThresholds(),
        s.maxActiveClusters(), s.classCoverage(), s.selectionFraction(), s.training());
    Files.createDirectories(out);
    VideoSource.Builder b = VideoSource.builder().sampleFps(sampleFps).startTime(0);
    if (videos.isEmpty()) {
      if (!gtModel.equals("builtin")) {
        throw new IllegalArgumentException("without --video the tuner generates a video, which only the built-in GT-CNN knows");
      }
      var g = VideoGenerator.generate(SceneConfig.defaults().withDuration(generatedSeconds).withSeed(seed),
          out.resolve("generated.mp4"));
      log.println("generated " + g.describe());
      b.addFile("street", g.video());
    } else {
      for (Path v : videos) {
        if (!Files.isRegularFile(v)) {
          throw new IllegalArgumentException("--video " + v + " is not a file");
        }
        String name = v.getFileName().toString();
        VideoProbe p = VideoProbe.of(v.toString());
        log.printf(Locale.ROOT, "video %s: %dx%d, %.1f fps, %.1f s%n", v, p.width(), p.height(), p.frameRate(),
            p.durationSeconds());
        b.addFile(VideoSource.Builder.cameraIdOf(name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name), v);
      }
    }
    FocusModel gtSpec = FocusCli.model(gtModel, gtLabels, 224, true, log);
    // A detector GT-CNN verifies objects in a window around them, as the bench and ingest do.
    IngestConfig ingest = IngestConfig.defaults().withCropContext(gtSpec.kind() == FocusModel.Kind.YOLOX ? 2.5 : 1.0);
    FrameStore store = FrameStore.load(b.build().cameras(), sampleFps, ingest.background(), ingest.maxObjectsPerFrame(),
        ingest.cropContext());
    log.printf(Locale.ROOT, "sampled %d frames (decoding %.1f cpu s)%n", store.frameCount(), store.decodeSeconds());
    TuningResult r;
    try (GroundTruthModel gt = gtSpec.openGroundTruth()) {
      r = StreamTuner.tune(TuningSample.fromFrameStore(store, t -> true), gt, s, log);
    }
    r.write(out);
    TunedConfiguration c = r.best();
    TuningResult.Validation v = r.validation().get(s.policy());
    log.printf(Locale.ROOT, "chosen (%s): %s%n  %.1fx cheaper per object than the GT-CNN; test half %s%n",
        s.policy().cliName(), c.describe(), r.cheapness(c), v.describe());
    log.println("wrote " + out.resolve("tuned.properties") + " (ingest with --cheap-model tuned:"
        + out.resolve("tuned.properties") + "), " + out.resolve("configurations.csv") + ", " + out.resolve("tradeoff.png")
        + ", " + out.resolve("tuning.json"));
    return r;
  }
}
