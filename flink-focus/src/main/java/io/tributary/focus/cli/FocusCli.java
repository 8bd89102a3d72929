package io.tributary.focus.cli;

import io.tributary.common.config.Settings;
import io.tributary.connectors.index.IndexReader;
import io.tributary.connectors.video.CameraStream;
import io.tributary.connectors.video.VideoSource;
import io.tributary.connectors.video.synthetic.SceneConfig;
import io.tributary.connectors.video.synthetic.SceneOptions;
import io.tributary.connectors.video.synthetic.VideoGenerator;
import io.tributary.focus.FocusOptions;
import io.tributary.focus.bench.FocusBench;
import io.tributary.focus.bench.FocusBenchConfig;
import io.tributary.focus.bench.FocusBenchOptions;
import io.tributary.focus.ingest.FocusIngestJob;
import io.tributary.focus.ingest.FocusIngestOptions;
import io.tributary.focus.ingest.IngestConfig;
import io.tributary.focus.ingest.IngestReport;
import io.tributary.focus.ingest.JobSettings;
import io.tributary.focus.model.FocusModel;
import io.tributary.focus.model.GroundTruthModel;
import io.tributary.focus.model.InputSpec;
import io.tributary.focus.model.SyntheticModels;
import io.tributary.focus.query.ContactSheet;
import io.tributary.focus.query.FocusQueryProcessor;
import io.tributary.focus.query.QueryRequest;
import io.tributary.focus.query.QueryResult;
import io.tributary.focus.retune.PeriodicTuner;
import io.tributary.focus.retune.TunedDirWatcher;
import io.tributary.focus.tune.CandidateArch;
import io.tributary.focus.tune.Policy;
import io.tributary.focus.tune.TunedConfiguration;
import io.tributary.focus.tune.TunerOptions;
import io.tributary.focus.tune.TunerSettings;
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
 * What the {@code tributary focus ...} commands run. Each method takes the command's {@link
 * Settings} (declared in {@link FocusIngestOptions}, {@link FocusQueryOptions}, {@link
 * FocusBenchOptions}, {@link SceneOptions}), so the command classes stay thin, and prints to its
 * stream; bad input throws with a message naming it.
 */
public final class FocusCli {
  private FocusCli() {}

  /** {@code tributary focus generate}: renders a street scene video (options {@link SceneOptions#ALL}) with ground truth beside it. */
  public static void generate(Path out, Settings settings, PrintStream log) throws IOException {
    SceneConfig cfg = SceneOptions.apply(SceneConfig.defaults(), settings);
    log.println("generating: " + cfg.describe());
    VideoGenerator.Result r = VideoGenerator.generate(cfg, out);
    log.println(r.describe());
    log.println("ground truth: " + r.truth());
  }

  /** Parses a model argument: "builtin", "yolox:FILE", a file whose name holds "yolox", or a classifier file. */
  public static FocusModel model(String arg, Path labels, int inputSize, boolean groundTruth, PrintStream log)
      throws IOException {
    if (arg.startsWith("tuned:")) {
      return TunedConfiguration.read(Path.of(arg.substring(6))).modelSpec();
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

  /**
   * {@code tributary focus ingest}: runs the Focus ingest job over files, folders or stream URLs
   * with the options {@code s} sets ({@link FocusIngestOptions#ALL}; {@link FocusIngestOptions#INDEX}
   * is required).
   */
  public static IngestReport ingest(List<String> inputs, Settings s, PrintStream log) throws Exception {
    String index = s.require(FocusIngestOptions.INDEX);
    String cheapModel = s.get(FocusIngestOptions.CHEAP_MODEL);
    double sampleFps = s.get(FocusOptions.SAMPLE_FPS);
    VideoSource.Builder b = VideoSource.builder().sampleFps(sampleFps)
        .startTime(parseTime(s.get(FocusIngestOptions.START), "--start"));
    int n = 0;
    for (String in : inputs) {
      if (CameraStream.isStreamUrl(in)) {
        b.addStream("stream" + (n++), in);
      } else if (Files.isDirectory(Path.of(in))) {
        b.addFolder(Path.of(in));
      } else {
        String name = Path.of(in).getFileName().toString();
        b.addFile(VideoSource.Builder.cameraIdOf(name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name),
            Path.of(in));
      }
    }
    IngestConfig cfg = FocusIngestOptions.ingestConfig(s);
    if (cheapModel.startsWith("tuned:")) {
      // The stream tuner's choice: its specialised model, K and T (Skip_th is the query's).
      TunedConfiguration tuned = TunedConfiguration.read(Path.of(cheapModel.substring(6)));
      cfg = tuned.ingestConfig(cfg);
      log.println("tuned configuration " + cheapModel.substring(6) + ": " + tuned.describe()
          + " (its K and T replace --top-k and --distance; query with --skip-threshold " + tuned.skipThreshold() + ")");
    }
    JobSettings js = FocusIngestOptions.jobSettings(s);
    FocusModel cheap = model(cheapModel, s.get(FocusIngestOptions.CHEAP_LABELS), s.get(FocusIngestOptions.CHEAP_INPUT),
        false, log);
    VideoSource source = b.build();
    log.printf("ingesting %d camera(s) into %s with %s (%s; %s)%n", source.cameras().size(), index, cheap.describe(),
        cfg.describe(), js.describe());
    FocusIngestJob.Builder job = FocusIngestJob.builder().source(source).index(index).cheapModel(cheap).config(cfg)
        .settings(js);
    Path tunedDir = s.get(FocusIngestOptions.TUNED_DIR);
    String retuneEvery = s.get(FocusIngestOptions.RETUNE_EVERY);
    if (tunedDir != null && retuneEvery != null) {
      throw new IllegalArgumentException("--tuned-dir and --retune-every are two sources of re-tuning; give one");
    }
    if (retuneEvery != null) {
      Duration every = parseDuration(retuneEvery, "--retune-every");
      // Only the targets, policy and candidates are ingest options; the rest of the tuner keeps its defaults.
      TunerSettings ts = TunerSettings.defaults()
          .withTargets(s.get(TunerOptions.PRECISION), s.get(TunerOptions.RECALL))
          .withPolicy(Policy.parse(s.get(TunerOptions.POLICY)))
          .withFamily(CandidateArch.parseFamily(s.get(TunerOptions.FAMILY)));
      FocusModel gtSpec = model(s.get(FocusOptions.GT_MODEL), s.get(FocusOptions.GT_LABELS), 224, true, log);
      Path retuneOut = s.get(FocusIngestOptions.RETUNE_OUT);
      job.configurationUpdates(new PeriodicTuner(new PeriodicTuner.History(source.cameras(), sampleFps, cfg, index),
          gtSpec, ts, every, 200, retuneOut, log), Duration.ofSeconds(1));
      log.printf("re-tuning: every %s on the committed history (GT-CNN %s, %s, targets %.3f/%.3f), outputs in %s%n",
          every, gtSpec.describe(), s.get(TunerOptions.POLICY), ts.precisionTarget(), ts.recallTarget(), retuneOut);
    }
    if (tunedDir != null) {
      long retunePollMs = s.get(FocusIngestOptions.RETUNE_POLL_MS);
      if (retunePollMs < 1) {
        throw new IllegalArgumentException("--retune-poll-ms must be >= 1, got " + retunePollMs);
      }
      job.configurationUpdates(new TunedDirWatcher(tunedDir), Duration.ofMillis(retunePollMs));
      log.printf("re-tuning: a new %s in %s switches the ingest CNN, K and T at the next checkpoint%n",
          TunedDirWatcher.FILE, tunedDir);
    }
    IngestReport r = job.build().run();
    log.println(r.describe());
    return r;
  }

  /** A duration as {@code 90s}, {@code 10m}, {@code 1h} or ISO-8601 ({@code PT10M}); errors name the option. */
  static Duration parseDuration(String s, String option) {
    String t = s.strip().toLowerCase(Locale.ROOT);
    try {
      if (t.startsWith("pt") || t.startsWith("p")) {
        return positive(Duration.parse(t.toUpperCase(Locale.ROOT)), s, option);
      }
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      return positive(switch (t.charAt(t.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        default -> throw new NumberFormatException();
      }, s, option);
    } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
      throw new IllegalArgumentException(option + " '" + s + "' is not a duration (90s, 10m, 1h, PT10M)");
    }
  }

  private static Duration positive(Duration d, String s, String option) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(option + " '" + s + "' must be positive");
    }
    return d;
  }

  /**
   * {@code tributary focus query}: frames with objects of a class, as a table and optionally a
   * contact sheet; options {@link FocusQueryOptions#ALL} ({@code index} and {@code class} required).
   */
  public static QueryResult query(Settings s, PrintStream out) throws Exception {
    String from = s.get(FocusQueryOptions.FROM);
    String to = s.get(FocusQueryOptions.TO);
    long f = from == null ? Long.MIN_VALUE : parseTime(from, "--from");
    long t = to == null ? Long.MAX_VALUE : parseTime(to, "--to");
    List<String> cameras = s.get(FocusQueryOptions.CAMERAS) == null ? List.of() : s.get(FocusQueryOptions.CAMERAS);
    FocusModel gtSpec = model(s.get(FocusOptions.GT_MODEL), s.get(FocusOptions.GT_LABELS),
        s.get(FocusQueryOptions.GT_INPUT), true, null);
    try (IndexReader r = IndexReader.open(s.require(FocusQueryOptions.INDEX));
         GroundTruthModel gt = gtSpec.openGroundTruth()) {
      FocusQueryProcessor q = new FocusQueryProcessor(r, gt);
      QueryResult res = q.run(new QueryRequest(s.require(FocusQueryOptions.CLASS), new HashSet<>(cameras), f, t,
          s.get(FocusOptions.SKIP_THRESHOLD)));
      out.print(res.table(s.get(FocusQueryOptions.MAX_ROWS)));
      out.println(res.describe());
      Path contactSheet = s.get(FocusQueryOptions.CONTACT_SHEET);
      if (contactSheet != null) {
        int n = ContactSheet.write(q.lastVerifiedClusters(), contactSheet, 8);
        out.println("contact sheet (" + n + " clusters): " + contactSheet);
      }
      return res;
    }
  }

  /**
   * {@code tributary focus bench}: Focus vs INGEST-HEAVY and NoScope-style, on generated or given
   * videos, with the options {@link FocusBenchOptions#ALL} ({@code --tuned} adds the stream tuner's
   * three policies' picks, ingested and queried beside Focus's default).
   */
  public static void bench(List<Path> videos, Settings s, Path out, PrintStream log) throws Exception {
    FocusBench.run(new FocusBenchConfig(videos, s, out), log);
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
