package io.tributary.focus.bench;

import io.tributary.common.config.Setting;
import io.tributary.common.config.Settings;
import io.tributary.common.io.AtomicFiles;
import io.tributary.common.report.CsvTable;
import io.tributary.common.report.Plots;
import io.tributary.common.report.Summary;
import io.tributary.connectors.index.DetectionRow;
import io.tributary.connectors.index.IndexLayout;
import io.tributary.connectors.index.IndexReader;

import io.tributary.connectors.video.VideoProbe;
import io.tributary.connectors.video.VideoSource;
import io.tributary.connectors.video.synthetic.SceneConfig;
import io.tributary.connectors.video.synthetic.VideoGenerator;
import io.tributary.focus.FocusOptions;
import io.tributary.focus.baseline.ExactIndexQuery;
import io.tributary.focus.baseline.FrameStore;
import io.tributary.focus.baseline.IngestHeavyJob;
import io.tributary.focus.baseline.NoScopeQuery;
import io.tributary.focus.ingest.FocusIngestJob;
import io.tributary.focus.ingest.IngestConfig;
import io.tributary.focus.ingest.IngestReport;
import io.tributary.focus.ingest.JobSettings;
import io.tributary.focus.model.BuiltinModels;
import io.tributary.focus.model.GroundTruthModel;
import io.tributary.focus.model.FocusModel;
import io.tributary.focus.model.SyntheticModels;
import io.tributary.focus.query.Accuracy;
import io.tributary.focus.query.FocusQueryProcessor;
import io.tributary.focus.query.QueryRequest;
import io.tributary.focus.query.QueryResult;
import io.tributary.focus.tune.CandidateArch;
import io.tributary.focus.tune.Policy;
import io.tributary.focus.tune.StreamTuner;
import io.tributary.focus.tune.TunedConfiguration;
import io.tributary.focus.tune.TunerSettings;
import io.tributary.focus.tune.TuningResult;
import io.tributary.focus.tune.TuningSample;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Focus against its baselines in one run (thesis §4.5.1): ingest with Focus and with INGEST-HEAVY on
 * the same Flink MiniCluster, then, for every class that makes up {@code classCoverage} of the GT
 * detections, the same query with Focus, INGEST-HEAVY's lookup (the reference) and a NoScope-style
 * cascade. Each video is split in time: the first half trains (NoScope's classifiers, the specialised
 * ingest CNN for user videos), the second half is queried. Costs are CPU seconds measured on the
 * working threads (video decoding excluded, as in the paper). Writes CSV, PNG and a flat
 * {@code summary.json} to the output folder.
 */
public final class FocusBench {
  /** Where the bench's queries start (the middle of every video is aligned to it). */
  static final long T0 = Instant.parse("2024-05-01T12:00:00Z").toEpochMilli();

  /**
   * What to run: the videos, the values of {@link FocusBenchOptions#ALL} and the output folder.
   *
   * @param videos user videos (one camera each); empty to generate one of {@link FocusOptions#SECONDS}
   * @param settings the bench's options ({@link FocusOptions#GT_MODEL} "builtin" is the project's GT-CNN,
   *     generated video only; else a YOLOX ONNX file with {@link FocusOptions#GT_LABELS})
   * @param out output folder
   */
  public record Config(List<Path> videos, Settings settings, Path out) {
    public Config {
      videos = List.copyOf(videos);
    }

    /** The defaults on a generated video, writing to {@code out}. */
    public static Config generated(Path out) {
      return new Config(List.of(), Settings.empty(), out);
    }

    /** The same with {@code setting} set to {@code value}. */
    public <T> Config with(Setting<T> setting, T value) {
      return new Config(videos, settings.with(setting, value), out);
    }

    /** The same on these video files. */
    public Config withVideos(List<Path> v) {
      return new Config(v, settings, out);
    }

    public double generatedSeconds() {
      return settings.get(FocusOptions.SECONDS);
    }

    public long seed() {
      return settings.get(FocusOptions.SEED);
    }

    public String gtModel() {
      return settings.get(FocusOptions.GT_MODEL);
    }

    public Path gtLabels() {
      return settings.get(FocusOptions.GT_LABELS);
    }

    public double sampleFps() {
      return settings.get(FocusOptions.SAMPLE_FPS);
    }

    public double skipThreshold() {
      return settings.get(FocusOptions.SKIP_THRESHOLD);
    }

    public double classCoverage() {
      return settings.get(FocusBenchOptions.CLASS_COVERAGE);
    }

    public double noscopeTargetError() {
      return settings.get(FocusBenchOptions.NOSCOPE_TARGET_ERROR);
    }

    /** Focus's ingest parameters: the defaults with the bench's K and T. */
    public IngestConfig ingest() {
      return IngestConfig.defaults().withTopK(settings.get(FocusOptions.TOP_K))
          .withDistanceThreshold(settings.get(FocusOptions.DISTANCE));
    }

    /** The Flink job settings: the defaults with the bench's parallelism. */
    public JobSettings job() {
      return JobSettings.defaults().withParallelism(settings.get(FocusOptions.PARALLELISM));
    }

    /** With {@link FocusBenchOptions#TUNED}: the stream tuner's settings (candidates {@link FocusBenchOptions#TUNE_FAMILY}); else null. */
    public TunerSettings tuner() {
      return settings.get(FocusBenchOptions.TUNED)
          ? TunerSettings.defaults().withFamily(CandidateArch.parseFamily(settings.get(FocusBenchOptions.TUNE_FAMILY)))
          : null;
    }

    public String describe() {
      return describe(ingest());
    }

    /** One line, with {@code ingest} as the ingest parameters the run used. */
    public String describe(IngestConfig ingest) {
      TunerSettings tuner = tuner();
      return String.format(Locale.ROOT, "videos=%s generated_s=%s seed=%d gt=%s sample_fps=%s ingest={%s} job={%s}"
          + " class_coverage=%s skip_th=%s noscope_target_error=%s", videos.isEmpty() ? "generated" : videos,
          generatedSeconds(), seed(), gtModel(), sampleFps(), ingest.describe(), job().describe(), classCoverage(),
          skipThreshold(), noscopeTargetError()) + (tuner == null ? "" : " tuned={" + tuner.describe() + "}");
    }
  }

  private FocusBench() {}

  /** Runs the benchmark; returns the summary it wrote. */
  public static Summary run(Config config, PrintStream out) throws Exception {
    Config c = config;
    Files.createDirectories(c.out());
    Path work = c.out().resolve("work");
    AtomicFiles.deleteRecursively(work);
    Files.createDirectories(work);
    out.println("focus bench: " + c.describe());

    // Videos: one camera per file, each video's middle at T0 (first half trains, second half is queried).
    Map<String, Path> videos = new LinkedHashMap<>();
    boolean generated = c.videos().isEmpty();
    if (generated) {
      var g = VideoGenerator.generate(SceneConfig.defaults().withDuration(c.generatedSeconds()).withSeed(c.seed()),
          work.resolve("street.mp4"));
      out.println("generated " + g.describe());
      videos.put("street", g.video());
    } else {
      for (Path v : c.videos()) {
        String name = v.getFileName().toString();
        videos.put(VideoSource.Builder.cameraIdOf(name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name), v);
      }
    }
    VideoSource.Builder sb = VideoSource.builder().sampleFps(c.sampleFps());
    double videoSeconds = 0;
    for (Map.Entry<String, Path> e : videos.entrySet()) {
      VideoProbe p = VideoProbe.of(e.getValue().toString());
      videoSeconds += p.durationSeconds();
      sb.addFile(e.getKey(), e.getValue()).startTime(e.getKey(), T0 - Math.round(p.durationSeconds() * 500));
      out.printf("camera %s: %s, %dx%d, %.1f fps, %.1f s%n", e.getKey(), e.getValue(), p.width(), p.height(),
          p.frameRate(), p.durationSeconds());
    }
    VideoSource source = sb.build();
    QueryRequest training = new QueryRequest("any", Set.of(), Long.MIN_VALUE, T0, 2.0);
    QueryRequest testing = new QueryRequest("any", Set.of(), T0, Long.MAX_VALUE, 2.0);

    // A detector GT-CNN verifies centroids in a window around them (the scene context it sees in frames).
    IngestConfig ingestCfg = !c.gtModel().equals("builtin") && c.ingest().cropContext() <= 1.0
        ? c.ingest().withCropContext(2.5).withCropQuality(0.9f) : c.ingest();

    // Decoded frames for the query-time baseline (decoding measured apart).
    FrameStore store = FrameStore.load(source.cameras(), c.sampleFps(), ingestCfg.background(),
        ingestCfg.maxObjectsPerFrame(), ingestCfg.cropContext());
    out.printf("decoded %d sampled frames (%.2f CPU s, excluded from costs)%n", store.frameCount(), store.decodeSeconds());

    // Models.
    FocusModel gtSpec;
    FocusModel cheapSpec;
    if (c.gtModel().equals("builtin")) {
      if (!generated) {
        throw new IllegalArgumentException("the built-in GT-CNN knows only generated video; give --gt-model a YOLOX .onnx");
      }
      gtSpec = SyntheticModels.groundTruth(out).spec();
      cheapSpec = SyntheticModels.cheap(out).spec();
    } else {
      if (c.gtLabels() == null) {
        throw new IllegalArgumentException("--gt-labels is required with a YOLOX GT model");
      }
      gtSpec = FocusModel.yolox(Path.of(c.gtModel()), c.gtLabels(), 0.3f);
      try (GroundTruthModel gt = gtSpec.openGroundTruth()) {
        StringBuilder desc = new StringBuilder();
        for (Path v : videos.values()) {
          desc.append(v.toAbsolutePath()).append(':').append(Files.size(v)).append(' ');
        }
        desc.append("fps=").append(c.sampleFps()).append(" bs=").append(ingestCfg.background());
        cheapSpec = Specialiser.train("specialised-cheap", store, training, gt, 0.95, 8, desc.toString(), out).spec();
      }
    }

    // Ingest: Focus and INGEST-HEAVY, same source, same cluster settings.
    String focusIndex = work.resolve("focus-index").toString();
    String heavyIndex = work.resolve("ingest-heavy-index").toString();
    IngestReport focus = FocusIngestJob.builder().source(source).index(focusIndex).cheapModel(cheapSpec)
        .config(ingestCfg).settings(c.job()).build().run();
    out.println(focus.describe());
    IngestReport heavy = IngestHeavyJob.of(source, heavyIndex, gtSpec, ingestCfg, c.job()).run();
    out.println(heavy.describe());

    // Tuned mode: the stream tuner on the sampled history, then each policy's pick ingested.
    TuningResult tuning = null;
    Map<Policy, IngestReport> tunedIngest = new EnumMap<>(Policy.class);
    if (c.tuner() != null) {
      try (GroundTruthModel gt = gtSpec.openGroundTruth()) {
        tuning = StreamTuner.tune(TuningSample.fromFrameStore(store, t -> true), gt, c.tuner(), out);
      }
      tuning.write(c.out().resolve("tune"));
      for (Policy p : Policy.values()) {
        TunedConfiguration tc = tuning.chosen().get(p);
        IngestReport r = FocusIngestJob.builder().source(source).index(work.resolve("focus-index-" + p.cliName()).toString())
            .cheapModel(tc.modelSpec()).config(tc.ingestConfig(ingestCfg)).settings(c.job()).build().run();
        out.println(p.cliName() + ": " + r.describe());
        tunedIngest.put(p, r);
      }
    }

    CsvTable queries = new CsvTable("class", "system", "cpu_s", "wall_s", "gt_calls", "candidates", "frames",
        "frame_precision", "frame_recall", "object_precision", "object_recall");
    Map<String, double[]> latencyBars = new LinkedHashMap<>();
    List<String> classes;
    double[] focusCpu;
    double[] noscopeCpu;
    long focusGtCalls = 0;
    long noscopeGtCalls = 0;
    List<Accuracy> focusAcc = new ArrayList<>();
    List<Accuracy> noscopeAcc = new ArrayList<>();
    List<Accuracy> focusAccAll = new ArrayList<>();
    Map<Policy, double[]> tunedQueryCpu = new EnumMap<>(Policy.class);
    Map<Policy, List<Accuracy>> tunedAccuracy = new EnumMap<>(Policy.class);
    double noscopeTraining;
    try (IndexReader fi = IndexReader.open(focusIndex); IndexReader hi = IndexReader.open(heavyIndex);
         GroundTruthModel gt = gtSpec.openGroundTruth()) {
      // The reference: INGEST-HEAVY's detections on moving objects (all of them for a crop classifier).
      ExactIndexQuery exact = new ExactIndexQuery(hi, true);
      ExactIndexQuery exactAll = new ExactIndexQuery(hi, false);
      classes = queryClasses(exact.classCounts(testing), c.classCoverage());
      out.println("query classes (" + Math.round(c.classCoverage() * 100) + "% of GT detections in the test half): " + classes);
      Map<String, Set<String>> trainingLabels = new HashMap<>();
      for (DetectionRow d : hi.read(IndexLayout.DETECTIONS, p -> true, null, DetectionRow::fromAvro)) {
        if (training.inRange(d.ts) && d.moving) {
          trainingLabels.computeIfAbsent(d.camera + "#" + d.frameSeq, k -> new HashSet<>()).add(d.className);
        }
      }
      FocusQueryProcessor fq = new FocusQueryProcessor(fi, gt);
      RecallDiagnosis diagnosis = new RecallDiagnosis(fi);
      List<String> diagnoses = new ArrayList<>();
      NoScopeQuery ns = new NoScopeQuery(store, gt, trainingLabels, training, c.noscopeTargetError(), out);
      focusCpu = new double[classes.size()];
      noscopeCpu = new double[classes.size()];
      double[] focusWall = new double[classes.size()];
      double[] noscopeWall = new double[classes.size()];
      for (int i = 0; i < classes.size(); i++) {
        String x = classes.get(i);
        QueryRequest q = new QueryRequest(x, Set.of(), T0, Long.MAX_VALUE, c.skipThreshold());
        QueryResult ref = exact.run(q);
        QueryResult f = fq.run(q);
        diagnoses.add(diagnosis.of(x, fq.metadata().cheapClasses().contains(x) ? x : "OTHER", f,
            fq.lastVerifiedClusters(), ref).describe());
        QueryResult n = ns.run(q);
        Accuracy fa = Accuracy.of(f.frames(), ref.frames());
        focusAccAll.add(Accuracy.of(f.frames(), exactAll.run(q).frames()));
        Accuracy na = Accuracy.of(n.frames(), ref.frames());
        focusAcc.add(fa);
        noscopeAcc.add(na);
        focusCpu[i] = f.cpuSeconds();
        focusGtCalls += f.gtCalls();
        noscopeGtCalls += n.gtCalls();
        noscopeCpu[i] = n.cpuSeconds();
        focusWall[i] = f.wallSeconds();
        noscopeWall[i] = n.wallSeconds();
        for (Object[] row : List.of(
            new Object[] {x, "ingest-heavy", ref.cpuSeconds(), ref.wallSeconds(), 0, 0, ref.frames().size(), 1.0, 1.0, 1.0, 1.0},
            new Object[] {x, "focus", f.cpuSeconds(), f.wallSeconds(), f.gtCalls(), f.candidates(), f.frames().size(),
                fa.framePrecision(), fa.frameRecall(), fa.objectPrecision(), fa.objectRecall()},
            new Object[] {x, "noscope", n.cpuSeconds(), n.wallSeconds(), n.gtCalls(), n.candidates(), n.frames().size(),
                na.framePrecision(), na.frameRecall(), na.objectPrecision(), na.objectRecall()})) {
          queries.add(row);
        }
        out.printf(Locale.ROOT, "query %-10s focus %.3f s cpu (%d GT calls, P %.3f R %.3f) | noscope %.3f s cpu (%d frames,"
            + " %d by difference, %d GT calls, P %.3f R %.3f) | reference %d frames%n", x, f.cpuSeconds(), f.gtCalls(),
            fa.framePrecision(), fa.frameRecall(), n.cpuSeconds(), n.candidates(), n.skipped(), n.gtCalls(),
            na.framePrecision(), na.frameRecall(), ref.frames().size());
      }
      diagnoses.forEach(out::println);
      if (tuning != null) {
        for (Policy p : Policy.values()) {
          TunedConfiguration tc = tuning.chosen().get(p);
          double[] cpu = new double[classes.size()];
          List<Accuracy> acc = new ArrayList<>();
          try (IndexReader ti = IndexReader.open(work.resolve("focus-index-" + p.cliName()).toString())) {
            FocusQueryProcessor tq = new FocusQueryProcessor(ti, gt);
            for (int i = 0; i < classes.size(); i++) {
              QueryRequest q = new QueryRequest(classes.get(i), Set.of(), T0, Long.MAX_VALUE, tc.skipThreshold());
              QueryResult f = tq.run(q);
              Accuracy a = Accuracy.of(f.frames(), exact.run(q).frames());
              acc.add(a);
              cpu[i] = f.cpuSeconds();
              queries.add(classes.get(i), "focus-" + p.cliName(), f.cpuSeconds(), f.wallSeconds(), f.gtCalls(),
                  f.candidates(), f.frames().size(), a.framePrecision(), a.frameRecall(), a.objectPrecision(),
                  a.objectRecall());
            }
          }
          tunedQueryCpu.put(p, cpu);
          tunedAccuracy.put(p, acc);
          latencyBars.put("Focus " + p.cliName() + " (cpu s)", cpu);
        }
      }
      noscopeTraining = ns.trainingSeconds();
      ns.close();
      latencyBars.put("Focus (cpu s)", focusCpu);
      latencyBars.put("NoScope-style (cpu s)", noscopeCpu);
    }

    // Summary.
    double focusIngest = focus.ingestCpuSeconds();
    double heavyIngest = heavy.ingestCpuSeconds();
    double focusQuery = mean(focusCpu);
    double noscopeQuery = mean(noscopeCpu);
    double hours = videoSeconds / 3600;
    Summary s = new Summary();
    s.put("ingest_cost_ratio", heavyIngest / focusIngest);
    s.put("query_latency_ratio", noscopeQuery / focusQuery);
    s.put("precision_min", focusAcc.stream().mapToDouble(Accuracy::framePrecision).min().orElse(Double.NaN));
    s.put("recall_min", focusAcc.stream().mapToDouble(Accuracy::frameRecall).min().orElse(Double.NaN));
    s.put("precision_mean", focusAcc.stream().mapToDouble(Accuracy::framePrecision).average().orElse(Double.NaN));
    s.put("recall_mean", focusAcc.stream().mapToDouble(Accuracy::frameRecall).average().orElse(Double.NaN));
    s.put("object_precision_mean", focusAcc.stream().mapToDouble(Accuracy::objectPrecision).average().orElse(Double.NaN));
    s.put("object_recall_mean", focusAcc.stream().mapToDouble(Accuracy::objectRecall).average().orElse(Double.NaN));
    s.put("recall_min_all_detections", focusAccAll.stream().mapToDouble(Accuracy::frameRecall).min().orElse(Double.NaN));
    s.put("recall_mean_all_detections", focusAccAll.stream().mapToDouble(Accuracy::frameRecall).average().orElse(Double.NaN));
    s.put("noscope_precision_min", noscopeAcc.stream().mapToDouble(Accuracy::framePrecision).min().orElse(Double.NaN));
    s.put("noscope_recall_min", noscopeAcc.stream().mapToDouble(Accuracy::frameRecall).min().orElse(Double.NaN));
    // GT-CNN invocations over all query classes: the work behind the latency ratio, free of timer noise.
    s.put("focus_gt_calls", focusGtCalls);
    s.put("noscope_gt_calls", noscopeGtCalls);
    s.put("video_seconds", videoSeconds);
    s.put("gt_model", gtSpec.describe());
    s.put("cheap_model", cheapSpec.describe());
    s.put("baseline_ingest", "INGEST-HEAVY: the GT-CNN on every sampled object at ingest, same extraction,"
        + " parallelism and object batches as Focus; its answers are the reference");
    s.put("baseline_query", NoScopeQuery.DESCRIPTION);
    s.put("cameras", (long) videos.size());
    s.put("query_classes", String.join(",", classes));
    s.put("focus_ingest_cpu_s", focusIngest);
    s.put("ingest_heavy_cpu_s", heavyIngest);
    s.put("focus_ingest_cpu_s_per_video_hour", focusIngest / hours);
    s.put("ingest_heavy_cpu_s_per_video_hour", heavyIngest / hours);
    s.put("focus_ingest_wall_s", focus.wallSeconds());
    s.put("ingest_heavy_wall_s", heavy.wallSeconds());
    s.put("focus_ingest_wall_s_per_video_hour", focus.wallSeconds() / hours);
    s.put("ingest_heavy_wall_s_per_video_hour", heavy.wallSeconds() / hours);
    s.put("ingest_process_cpu_ratio", heavy.processCpuSeconds() / focus.processCpuSeconds());
    s.put("focus_query_cpu_s_mean", focusQuery);
    s.put("noscope_query_cpu_s_mean", noscopeQuery);
    s.put("noscope_training_s", noscopeTraining);
    s.put("decode_cpu_s", store.decodeSeconds());
    s.put("focus_index_bytes", sizeOf(focusIndex));
    s.put("ingest_heavy_index_bytes", sizeOf(heavyIndex));
    s.put("top_k", (long) ingestCfg.topK());
    s.put("distance_threshold", ingestCfg.distanceThreshold());
    s.put("max_active_clusters", (long) ingestCfg.maxActiveClusters());
    s.put("skip_threshold", c.skipThreshold());
    s.put("sample_fps", c.sampleFps());
    s.put("seed", c.seed());
    s.put("config", c.describe(ingestCfg));
    if (tuning != null) {
      for (Policy p : Policy.values()) {
        TunedConfiguration tc = tuning.chosen().get(p);
        String k = p.key() + "_";
        double ing = tunedIngest.get(p).ingestCpuSeconds();
        double qry = mean(tunedQueryCpu.get(p));
        s.put(k + "ingest_cost_ratio", heavyIngest / ing);
        s.put(k + "query_latency_ratio", noscopeQuery / qry);
        s.put(k + "test_precision_min", tunedAccuracy.get(p).stream().mapToDouble(Accuracy::framePrecision).min().orElse(Double.NaN));
        s.put(k + "test_recall_min", tunedAccuracy.get(p).stream().mapToDouble(Accuracy::frameRecall).min().orElse(Double.NaN));
        s.put(k + "tuner_test_precision_min", tuning.validation().get(p).precisionMin());
        s.put(k + "tuner_test_recall_min", tuning.validation().get(p).recallMin());
        s.put(k + "ingest_cpu_s", ing);
        s.put(k + "query_cpu_s_mean", qry);
        s.put(k + "model", tc.arch().name() + " L_s=" + tc.specialisedClasses());
        s.put(k + "cheaper_than_gt", tuning.cheapness(tc));
        s.put(k + "top_k", (long) tc.topK());
        s.put(k + "distance_threshold", tc.distanceThreshold());
        s.put(k + "skip_threshold", tc.skipThreshold());
      }
      s.put("tuning_s", tuning.seconds());
    }

    CsvTable ingest = new CsvTable("system", "cpu_s", "cpu_s_per_video_hour", "wall_s", "process_cpu_s", "extract_cpu_s",
        "cnn_cpu_s", "gt_cpu_s", "cluster_cpu_s", "frames", "objects", "clusters");
    Map<String, IngestReport> reports = new LinkedHashMap<>();
    reports.put(focus.system(), focus);
    reports.put(heavy.system(), heavy);
    tunedIngest.forEach((p, r) -> reports.put("focus-" + p.cliName(), r));
    for (Map.Entry<String, IngestReport> e : reports.entrySet()) {
      IngestReport r = e.getValue();
      ingest.add(e.getKey(), r.ingestCpuSeconds(), r.ingestCpuSeconds() / hours, r.wallSeconds(), r.processCpuSeconds(),
          r.seconds("extract_cpu_ns"), r.seconds("cnn_cpu_ns"), r.seconds("gt_cpu_ns"), r.seconds("cluster_cpu_ns"),
          r.counter("frames"), r.counter("objects"), r.counter("clusters"));
    }
    ingest.write(c.out().resolve("ingest.csv"));
    queries.write(c.out().resolve("queries.csv"));
    s.write(c.out().resolve("summary.json"));
    AtomicFiles.writeString(c.out().resolve("config.txt"), "# videos="
        + (c.videos().isEmpty() ? "generated" : c.videos()) + "\n" + c.settings().toText(FocusBenchOptions.ALL));
    Plots.bars(c.out().resolve("ingest_cost.png"), "Ingest CPU per video hour (decode excluded)", "system",
        "CPU seconds per video hour", List.of("Focus", "INGEST-HEAVY"),
        Map.of("cpu s / video hour", new double[] {focusIngest / hours, heavyIngest / hours}), false);
    if (!classes.isEmpty()) {
      Plots.bars(c.out().resolve("query_latency.png"), "Query CPU time per class", "class", "CPU seconds", classes,
          latencyBars, false);
    }
    out.println(ingest.toText());
    out.println(queries.toText());
    out.printf(Locale.ROOT, "ingest_cost_ratio %.1fx (INGEST-HEAVY %.2f cpu s / Focus %.2f cpu s), query_latency_ratio %.1fx"
        + " (NoScope %.3f s / Focus %.3f s mean cpu), precision min %.4f mean %.4f, recall min %.4f mean %.4f%n",
        heavyIngest / focusIngest, heavyIngest, focusIngest, noscopeQuery / focusQuery, noscopeQuery, focusQuery,
        (Double) s.get("precision_min"), (Double) s.get("precision_mean"), (Double) s.get("recall_min"),
        (Double) s.get("recall_mean"));
    if (tuning != null) {
      for (Policy p : Policy.values()) {
        String k = p.key() + "_";
        out.printf(Locale.ROOT, "tuned %-10s %s: ingest_cost_ratio %.1fx, query_latency_ratio %.1fx, test precision min %.4f,"
            + " recall min %.4f%n", p.cliName(), s.get(k + "model"), (Double) s.get(k + "ingest_cost_ratio"),
            (Double) s.get(k + "query_latency_ratio"), (Double) s.get(k + "test_precision_min"),
            (Double) s.get(k + "test_recall_min"));
      }
    }
    out.println("wrote " + c.out().resolve("summary.json"));
    return s;
  }

  /** The most frequent classes that together make up {@code coverage} of all detections. */
  static List<String> queryClasses(Map<String, Long> counts, double coverage) {
    List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
    sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    List<String> out = new ArrayList<>();
    long covered = 0;
    for (Map.Entry<String, Long> e : sorted) {
      if (covered >= coverage * total) {
        break;
      }
      out.add(e.getKey());
      covered += e.getValue();
    }
    return out;
  }

  static double mean(double[] v) {
    double s = 0;
    for (double d : v) {
      s += d;
    }
    return v.length == 0 ? Double.NaN : s / v.length;
  }

  static long sizeOf(String dir) throws IOException {
    try (var s = Files.walk(Path.of(dir))) {
      return s.filter(Files::isRegularFile).filter(p -> IndexLayout.isDataFile(p.getFileName().toString()))
          .mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
