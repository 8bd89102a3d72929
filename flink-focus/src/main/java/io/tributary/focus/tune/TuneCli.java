package io.tributary.focus.tune;

import io.tributary.common.config.Settings;
import io.tributary.common.io.AtomicFiles;
import io.tributary.connectors.video.VideoProbe;
import io.tributary.connectors.video.VideoSource;
import io.tributary.connectors.video.synthetic.SceneConfig;
import io.tributary.connectors.video.synthetic.VideoGenerator;
import io.tributary.focus.FocusOptions;
import io.tributary.focus.baseline.FrameStore;
import io.tributary.focus.cli.FocusCli;
import io.tributary.focus.cli.FocusTuneOptions;
import io.tributary.focus.ingest.IngestConfig;
import io.tributary.focus.model.FocusModel;
import io.tributary.focus.model.GroundTruthModel;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What {@code tributary focus tune} runs: the stream tuner on video files (or a generated video). */
public final class TuneCli {
  private TuneCli() {}

  /**
   * Samples the videos (each a camera, sampled at {@link FocusOptions#SAMPLE_FPS}), runs {@link
   * StreamTuner} with the GT-CNN and writes the result to {@code out} ({@link TuningResult#write}),
   * with the options of the run in {@code tune-config.txt}.
   *
   * @param videos video files; empty to generate one of {@link FocusOptions#SECONDS} with {@link
   *     FocusOptions#SEED} (only the built-in GT-CNN knows a generated video)
   * @param settings values of {@link FocusTuneOptions#ALL}
   */
  public static TuningResult tune(List<Path> videos, Settings settings, Path out, PrintStream log) throws Exception {
    TunerSettings s = TunerOptions.apply(TunerSettings.defaults(), settings);
    double sampleFps = settings.get(FocusOptions.SAMPLE_FPS);
    String gtModel = settings.get(FocusOptions.GT_MODEL);
    Files.createDirectories(out);
    AtomicFiles.writeString(out.resolve("tune-config.txt"), settings.toText(FocusTuneOptions.ALL));
    VideoSource.Builder b = VideoSource.builder().sampleFps(sampleFps).startTime(0);
    if (videos.isEmpty()) {
      if (!gtModel.equals("builtin")) {
        throw new IllegalArgumentException("without --video the tuner generates a video, which only the built-in GT-CNN knows");
      }
      var g = VideoGenerator.generate(SceneConfig.defaults().withDuration(settings.get(FocusOptions.SECONDS))
          .withSeed(settings.get(FocusOptions.SEED)),
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
    FocusModel gtSpec = FocusCli.model(gtModel, settings.get(FocusOptions.GT_LABELS), 224, true, log);
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
