package io.tributary.focus.bench;

import io.tributary.common.io.AtomicFiles;
import io.tributary.common.report.CsvTable;
import io.tributary.common.report.Summary;
import io.tributary.connectors.index.DetectionRow;
import io.tributary.connectors.index.IndexLayout;
import io.tributary.connectors.index.IndexReader;
import io.tributary.connectors.video.VideoProbe;
import io.tributary.connectors.video.VideoSource;
import io.tributary.connectors.video.synthetic.SceneConfig;
import io.tributary.connectors.video.synthetic.VideoGenerator;
import io.tributary.focus.baseline.ExactIndexQuery;
import io.tributary.focus.baseline.FrameStore;
import io.tributary.focus.baseline.IngestHeavyJob;
import io.tributary.focus.baseline.NoScopeQuery;
import io.tributary.focus.ingest.FocusIngestJob;
import io.tributary.focus.ingest.IngestConfig;
import io.tributary.focus.ingest.IngestReport;
import io.tributary.focus.model.FocusModel;
import io.tributary.focus.model.GroundTruthModel;
import io.tributary.focus.model.SyntheticModels;
import io.tributary.focus.query.Accuracy;
import io.tributary.focus.query.FocusQueryProcessor;
import io.tributary.focus.query.QueryRequest;
import io.tributary.focus.query.QueryResult;
import io.tributary.focus.tune.Policy;
import io.tributary.focus.tune.StreamTuner;
import io.tributary.focus.tune.TunedConfiguration;
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
 * {@code summary.json} to the output folder ({@link FocusBenchReport}).
 *
 * <p>This class runs the phases in order (video, models, ingest, tuning, queries) and collects what
 * they measured into a {@link FocusBenchRun}; what to run is a {@link FocusBenchConfig}.
 */
public final class FocusBench {
  /** Where the bench's queries start (the middle of every video is aligned to it). */
  static final long T0 = Instant.parse("2024-05-01T12:00:00Z").toEpochMilli();
  /** The first half of every video: what NoScope's classifiers and a user video's cheap CNN learn from. */
  private static final QueryRequest TRAINING = new QueryRequest("any", Set.of(), Long.MIN_VALUE, T0, 2.0);
  /** The second half: what is queried. */
  private static final QueryRequest TESTING = new QueryRequest("any", Set.of(), T0, Long.MAX_VALUE, 2.0);

  private FocusBench() {}

  /** Runs the benchmark; returns the summary it wrote. */
  public static Summary run(FocusBenchConfig config, PrintStream out) throws Exception {
    FocusBenchConfig c = config;
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
        cheapSpec = Specialiser.train("specialised-cheap", store, TRAINING, gt, 0.95, 8, desc.toString(), out).spec();
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

    FocusBenchRun.Queries queries = queries(c, work, gtSpec, store, tuning, out);
    FocusBenchRun.Ingest ingest = new FocusBenchRun.Ingest(ingestCfg, focus, heavy, tunedIngest, sizeOf(focusIndex),
        sizeOf(heavyIndex));
    return FocusBenchReport.write(new FocusBenchRun(c, new FocusBenchRun.Video(videos.size(), videoSeconds,
        store.decodeSeconds()), new FocusBenchRun.Models(gtSpec, cheapSpec), ingest, queries, tuning), out);
  }

  /**
   * The query phase: every class making up the configured share of the test half's GT detections,
   * queried with Focus, NoScope-style and INGEST-HEAVY's lookup (the reference), then with each tuned
   * policy's index; prints a line per class and Focus's recall diagnosis.
   */
  private static FocusBenchRun.Queries queries(FocusBenchConfig c, Path work, FocusModel gtSpec, FrameStore store,
      TuningResult tuning, PrintStream out) throws Exception {
    String focusIndex = work.resolve("focus-index").toString();
    String heavyIndex = work.resolve("ingest-heavy-index").toString();
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
    Map<Policy, FocusBenchRun.SystemQueries> tuned = new EnumMap<>(Policy.class);
    double noscopeTraining;
    try (IndexReader fi = IndexReader.open(focusIndex); IndexReader hi = IndexReader.open(heavyIndex);
         GroundTruthModel gt = gtSpec.openGroundTruth()) {
      // The reference: INGEST-HEAVY's detections on moving objects (all of them for a crop classifier).
      ExactIndexQuery exact = new ExactIndexQuery(hi, true);
      ExactIndexQuery exactAll = new ExactIndexQuery(hi, false);
      classes = queryClasses(exact.classCounts(TESTING), c.classCoverage());
      out.println("query classes (" + Math.round(c.classCoverage() * 100) + "% of GT detections in the test half): " + classes);
      Map<String, Set<String>> trainingLabels = new HashMap<>();
      for (DetectionRow d : hi.read(IndexLayout.DETECTIONS, p -> true, null, DetectionRow::fromAvro)) {
        if (TRAINING.inRange(d.ts) && d.moving) {
          trainingLabels.computeIfAbsent(d.camera + "#" + d.frameSeq, k -> new HashSet<>()).add(d.className);
        }
      }
      FocusQueryProcessor fq = new FocusQueryProcessor(fi, gt);
      RecallDiagnosis diagnosis = new RecallDiagnosis(fi);
      List<String> diagnoses = new ArrayList<>();
      NoScopeQuery ns = new NoScopeQuery(store, gt, trainingLabels, TRAINING, c.noscopeTargetError(), out);
      focusCpu = new double[classes.size()];
      noscopeCpu = new double[classes.size()];
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
          long gtCalls = 0;
          try (IndexReader ti = IndexReader.open(work.resolve("focus-index-" + p.cliName()).toString())) {
            FocusQueryProcessor tq = new FocusQueryProcessor(ti, gt);
            for (int i = 0; i < classes.size(); i++) {
              QueryRequest q = new QueryRequest(classes.get(i), Set.of(), T0, Long.MAX_VALUE, tc.skipThreshold());
              QueryResult f = tq.run(q);
              Accuracy a = Accuracy.of(f.frames(), exact.run(q).frames());
              acc.add(a);
              cpu[i] = f.cpuSeconds();
              gtCalls += f.gtCalls();
              queries.add(classes.get(i), "focus-" + p.cliName(), f.cpuSeconds(), f.wallSeconds(), f.gtCalls(),
                  f.candidates(), f.frames().size(), a.framePrecision(), a.frameRecall(), a.objectPrecision(),
                  a.objectRecall());
            }
          }
          tuned.put(p, new FocusBenchRun.SystemQueries(cpu, gtCalls, acc));
          latencyBars.put("Focus " + p.cliName() + " (cpu s)", cpu);
        }
      }
      noscopeTraining = ns.trainingSeconds();
      ns.close();
      latencyBars.put("Focus (cpu s)", focusCpu);
      latencyBars.put("NoScope-style (cpu s)", noscopeCpu);
    }
    return new FocusBenchRun.Queries(classes, queries, latencyBars, new FocusBenchRun.SystemQueries(focusCpu,
        focusGtCalls, focusAcc), new FocusBenchRun.SystemQueries(noscopeCpu, noscopeGtCalls, noscopeAcc), focusAccAll,
        tuned, noscopeTraining);
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

  /** Bytes of the index's data files under {@code dir}. */
  static long sizeOf(String dir) throws IOException {
    try (var s = Files.walk(Path.of(dir))) {
      return s.filter(Files::isRegularFile).filter(p -> IndexLayout.isDataFile(p.getFileName().toString()))
          .mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
