package io.tributary.focus.cli;

import io.tributary.connectors.index.IndexReader;
import io.tributary.connectors.video.VideoSource;
import io.tributary.connectors.video.synthetic.SceneConfig;
import io.tributary.connectors.video.synthetic.VideoGenerator;
import io.tributary.focus.bench.FocusBench;
import io.tributary.focus.extract.BackgroundSubtractor;
import io.tributary.focus.ingest.FocusIngestJob;
import io.tributary.focus.ingest.IngestConfig;
import io.tributary.focus.ingest.IngestReport;
import io.tributary.focus.ingest.JobSettings;
import io.tributary.focus.model.GroundTruthModel;
import io.tributary.focus.model.InputSpec;
import io.tributary.focus.model.FocusModel;
import io.tributary.focus.model.SyntheticModels;
import io.tributary.focus.query.ContactSheet;
import io.tributary.focus.query.FocusQueryProcessor;
import io.tributary.focus.query.QueryRequest;
import io.tributary.focus.query.QueryResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/**
 * What the {@code tributary focus ...} commands run. Each method takes plain values (the command
 * classes stay thin) and prints to {@code out}; bad input throws with a message naming it.
 */
public final class FocusCli {
  private FocusCli() {}

  /** {@code tributary focus generate}: renders a street scene video with ground truth beside it. */
  public static void generate(Path out, double seconds, long seed, int width, int height, double fps,
      double spawnPerSecond, double occlusion, double lightingDrift, PrintStream log) throws IOException {
    SceneConfig cfg = SceneConfig.defaults().withDuration(seconds).withSeed(seed).withSize(width, height).withFps(fps)
        .withSpawnPerSecond(spawnPerSecond).withOcclusion(occlusion).withLighting(lightingDrift, 90);
    log.println("generating: " + cfg.describe());
    VideoGenerator.Result r = VideoGenerator.generate(cfg, out);
    log.println(r.describe());
    log.println("ground truth: " + r.truth());
  }

  /** Parses a model argument: "builtin", "yolox:FILE", a file whose name holds "yolox", or a classifier file. */
  public static FocusModel model(String arg, Path labels, int inputSize, boolean groundTruth, PrintStream log)
      throws IOException {
    if (arg.startsWith("tuned:")) {
      return io.tributary.focus.tune.TunedConfiguration.read(Path.of(arg.substring(6))).modelSpec();
    }
    if (arg.equals("builtin")) {
      return groundTruth ? SyntheticModels.groundTruth(log).spec() : SyntheticModels.cheap(log).spec();
    }
    boolean yolox = arg.startsWith("yolox:") || Path.of(arg).getFileName().toString().toLowerCase(Locale.ROOT).contains("yolox");
    Path file = Path.of(arg.startsWith("yolox:") ? arg.substring(6) : arg);
    if (labels == null) {
      throw new IllegalArgumentException("model " + file + " needs a labels file (one class name a line)");
    }
    if (yolox) {
      return FocusModel.yolox(file, labels, 0.3f);
    }
    return FocusModel.classifierFile(file, labels, InputSpec.imagenet(inputSize), false);
  }

  /** {@code tributary focus ingest}: runs the Focus ingest job over files, folders or stream URLs. */
  public static IngestReport ingest(List<String> inputs, String index, String cheapModel, Path cheapLabels,
      int cheapInputSize, double sampleFps, int topK, double distanceThreshold, int maxActiveClusters,
      double cropContext, String background, String start, String stateBackend, int parallelism, long checkpointMs, String checkpointDir,
      Path tunedDir, long retunePollMs, String retuneEvery, String gtModel, Path gtLabels, String policy, double precision,
      double recall, String family, Path retuneOut, PrintStream log) throws Exception {
    VideoSource.Builder b = VideoSource.builder().sampleFps(sampleFps).startTime(parseTime(start, "--start"));
    int n = 0;
    for (String in : inputs) {
      if (io.tributary.connectors.video.CameraStream.isStreamUrl(in)) {
        b.addStream("stream" + (n++), in);
      } else if (Files.isDirectory(Path.of(in))) {
        b.addFolder(Path.of(in));
      } else {
        String name = Path.of(in).getFileName().toString();
        b.addFile(VideoSource.Builder.cameraIdOf(name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name),
            Path.of(in));
      }
    }
    BackgroundSubtractor.Config bg = BackgroundSubtractor.Config.defaults().withMode(switch (background) {
      case "window-average", "hourly-average" -> BackgroundSubtractor.Mode.WINDOW_AVERAGE;
      case "running-average" -> BackgroundSubtractor.Mode.RUNNING_AVERAGE;
      default -> throw new IllegalArgumentException("--background '" + background
          + "' is not one of window-average, running-average");
    });
    IngestConfig cfg = IngestConfig.defaults().withTopK(topK).withDistanceThreshold(distanceThreshold)
        .withMaxActiveClusters(maxActiveClusters).withBackground(bg).withCropContext(cropContext);
    if (cheapModel.startsWith("tuned:")) {
      // The stream tuner's choice: its specialised model, K and T (Skip_th is the query's).
      var tuned = io.tributary.focus.tune.TunedConfiguration.read(Path.of(cheapModel.substring(6)));
      cfg = tuned.ingestConfig(cfg);
      log.println("tuned configuration " + cheapModel.substring(6) + ": " + tuned.describe()
          + " (its K and T replace --top-k and --distance; query with --skip-threshold " + tuned.skipThreshold() + ")");
    }
    JobSettings js = JobSettings.defaults().withParallelism(parallelism).withStateBackend(stateBackend)
        .withCheckpointInterval(Duration.ofMillis(checkpointMs)).withCheckpointDir(checkpointDir);
    FocusModel cheap = model(cheapModel, cheapLabels, cheapInputSize, false, log);
    VideoSource source = b.build();
    log.printf("ingesting %d camera(s) into %s with %s (%s; %s)%n", source.cameras().size(), index, cheap.describe(),
        cfg.describe(), js.describe());
    FocusIngestJob.Builder job = FocusIngestJob.builder().source(source).index(index).cheapModel(cheap).config(cfg)
        .settings(js);
    if (tunedDir != null && retuneEvery != null) {
      throw new IllegalArgumentException("--tuned-dir and --retune-every are two sources of re-tuning; give one");
    }
    if (retuneEvery != null) {
      Duration every = parseDuration(retuneEvery, "--retune-every");
      io.tributary.focus.tune.TunerSettings ts = io.tributary.focus.tune.TunerSettings.defaults()
          .withTargets(precision, recall).withPolicy(io.tributary.focus.tune.Policy.parse(policy))
          .withFamily(io.tributary.focus.tune.CandidateArch.parseFamily(family));
      FocusModel gtSpec = model(gtModel, gtLabels, 224, true, log);
      job.configurationUpdates(new io.tributary.focus.retune.PeriodicTuner(source.cameras(), sampleFps, cfg, index, gtSpec,
          ts, every, 200, retuneOut, log), Duration.ofSeconds(1));
      log.printf("re-tuning: every %s on the committed history (GT-CNN %s, %s, targets %.3f/%.3f), outputs in %s%n",
          every, gtSpec.describe(), policy, precision, recall, retuneOut);
    }
    if (tunedDir != null) {
      if (retunePollMs < 1) {
        throw new IllegalArgumentException("--retune-poll-ms must be >= 1, got " + retunePollMs);
      }
      job.configurationUpdates(new io.tributary.focus.retune.TunedDirWatcher(tunedDir), Duration.ofMillis(retunePollMs));
      log.printf("re-tuning: a new %s in %s switches the ingest CNN, K and T at the next checkpoint%n",
          io.tributary.focus.retune.TunedDirWatcher.FILE, tunedDir);
    }
    IngestReport r = job.build().run();
    log.println(r.describe());
    return r;
  }

  /** A duration as {@code 90s}, {@code 10m}, {@code 1h} or ISO-8601 ({@code PT10M}); errors name the option. */
  static Duration parseDuration(String s, String option) {
    String t = s.strip().toLowerCase(java.util.Locale.ROOT);
    try {
      if (t.startsWith("pt") || t.startsWith("p")) {
        return positive(Duration.parse(t.toUpperCase(java.util.Locale.ROOT)), s, option);
      }
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      return positive(switch (t.charAt(t.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        default -> throw new NumberFormatException();
      }, s, option);
    } catch (NumberFormatException | java.time.format.DateTimeParseException | StringIndexOutOfBoundsException e) {
      throw new IllegalArgumentException(option + " '" + s + "' is not a duration (90s, 10m, 1h, PT10M)");
    }
  }

  private static Duration positive(Duration d, String s, String option) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(option + " '" + s + "' must be positive");
    }
    return d;
  }

  /** {@code tributary focus query}: frames with objects of a class, as a table and optionally a contact sheet. */
  public static QueryResult query(String index, String className, List<String> cameras, String from, String to,
      String gtModel, Path gtLabels, int gtInputSize, double skipThreshold, Path contactSheet, int maxRows,
      PrintStream out) throws Exception {
    long f = from == null ? Long.MIN_VALUE : parseTime(from, "--from");
    long t = to == null ? Long.MAX_VALUE : parseTime(to, "--to");
    FocusModel gtSpec = model(gtModel, gtLabels, gtInputSize, true, null);
    try (IndexReader r = IndexReader.open(index); GroundTruthModel gt = gtSpec.openGroundTruth()) {
      FocusQueryProcessor q = new FocusQueryProcessor(r, gt);
      QueryResult res = q.run(new QueryRequest(className, new HashSet<>(cameras), f, t, skipThreshold));
      out.print(res.table(maxRows));
      out.println(res.describe());
      if (contactSheet != null) {
        int n = ContactSheet.write(q.lastVerifiedClusters(), contactSheet, 8);
        out.println("contact sheet (" + n + " clusters): " + contactSheet);
      }
      return res;
    }
  }

  /** {@code tributary focus bench}: Focus vs INGEST-HEAVY and NoScope-style, on generated or given videos. */
  public static void bench(List<Path> videos, double generatedSeconds, long seed, String gtModel, Path gtLabels,
      double sampleFps, int topK, double distanceThreshold, double skipThreshold, int parallelism, Path out,
      PrintStream log) throws Exception {
    bench(videos, generatedSeconds, seed, gtModel, gtLabels, sampleFps, topK, distanceThreshold, skipThreshold,
        parallelism, false, "small", out, log);
  }

  /**
   * The same; with {@code tuned}, also the stream tuner's three policies' picks (candidates
   * {@code tuneFamily}, 99% precision and recall targets) ingested and queried beside Focus's default.
   */
  public static void bench(List<Path> videos, double generatedSeconds, long seed, String gtModel, Path gtLabels,
      double sampleFps, int topK, double distanceThreshold, double skipThreshold, int parallelism, boolean tuned,
      String tuneFamily, Path out, PrintStream log) throws Exception {
    FocusBench.Config d = FocusBench.Config.generated(out);
    IngestConfig ingest = d.ingest().withTopK(topK).withDistanceThreshold(distanceThreshold);
    FocusBench.Config c = new FocusBench.Config(videos, generatedSeconds, seed, gtModel, gtLabels, sampleFps, ingest,
        d.settings().withParallelism(parallelism), d.classCoverage(), skipThreshold, d.noscopeTargetError(), out);
    if (tuned) {
      c = c.withTuner(io.tributary.focus.tune.TunerSettings.defaults()
          .withFamily(io.tributary.focus.tune.CandidateArch.parseFamily(tuneFamily)));
    }
    FocusBench.run(c, log);
  }

  /** An ISO-8601 instant ({@code 2024-05-01T08:00:00Z}) or epoch milliseconds. */
  public static long parseTime(String s, String option) {
    if (s == null || s.isBlank()) {
      return 0;
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      try {
        return Instant.parse(s).toEpochMilli();
      } catch (DateTimeParseException e2) {
        throw new IllegalArgumentException(option + " '" + s + "' is neither an ISO-8601 instant "
            + "(2024-05-01T08:00:00Z) nor epoch milliseconds");
      }
    }
  }
}
