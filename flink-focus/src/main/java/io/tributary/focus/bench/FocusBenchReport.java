package io.tributary.focus.bench;

import io.tributary.common.io.AtomicFiles;
import io.tributary.common.report.CsvTable;
import io.tributary.common.report.Plots;
import io.tributary.common.report.Summary;
import io.tributary.focus.baseline.NoScopeQuery;
import io.tributary.focus.ingest.IngestConfig;
import io.tributary.focus.ingest.IngestReport;
import io.tributary.focus.query.Accuracy;
import io.tributary.focus.tune.Policy;
import io.tributary.focus.tune.TunedConfiguration;
import io.tributary.focus.tune.TuningResult;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outputs of a {@link FocusBench} run: the flat {@code summary.json} (its keys are what CI,
 * notebooks and the docs read), {@code ingest.csv}, {@code queries.csv}, {@code config.txt}, the
 * ingest-cost and query-latency plots, and the tables and headline lines on the console.
 */
final class FocusBenchReport {
  private FocusBenchReport() {}

  /** Writes every output of {@code run} and prints its tables; returns the summary. */
  static Summary write(FocusBenchRun run, PrintStream out) throws IOException {
    FocusBenchConfig c = run.config();
    Summary s = summary(run);
    CsvTable ingest = ingestTable(run);
    CsvTable queries = run.queries().table();
    double hours = run.video().hours();
    double focusIngest = run.ingest().focus().ingestCpuSeconds();
    double heavyIngest = run.ingest().heavy().ingestCpuSeconds();
    ingest.write(c.out().resolve("ingest.csv"));
    queries.write(c.out().resolve("queries.csv"));
    s.write(c.out().resolve("summary.json"));
    AtomicFiles.writeString(c.out().resolve("config.txt"), "# videos="
        + (c.videos().isEmpty() ? "generated" : c.videos()) + "\n" + c.settings().toText(FocusBenchOptions.ALL));
    Plots.bars(c.out().resolve("ingest_cost.png"), "Ingest CPU per video hour (decode excluded)", "system",
        "CPU seconds per video hour", List.of("Focus", "INGEST-HEAVY"),
        Map.of("cpu s / video hour", new double[] {focusIngest / hours, heavyIngest / hours}), false);
    List<String> classes = run.queries().classes();
    if (!classes.isEmpty()) {
      Plots.bars(c.out().resolve("query_latency.png"), "Query CPU time per class", "class", "CPU seconds", classes,
          run.queries().latencyBars(), false);
    }
    out.println(ingest.toText());
    out.println(queries.toText());
    double focusQuery = mean(run.queries().focus().cpu());
    double noscopeQuery = mean(run.queries().noscope().cpu());
    out.printf(Locale.ROOT, "ingest_cost_ratio %.1fx (INGEST-HEAVY %.2f cpu s / Focus %.2f cpu s), query_latency_ratio %.1fx"
        + " (NoScope %.3f s / Focus %.3f s mean cpu), precision min %.4f mean %.4f, recall min %.4f mean %.4f%n",
        heavyIngest / focusIngest, heavyIngest, focusIngest, noscopeQuery / focusQuery, noscopeQuery, focusQuery,
        (Double) s.get("precision_min"), (Double) s.get("precision_mean"), (Double) s.get("recall_min"),
        (Double) s.get("recall_mean"));
    if (run.tuning() != null) {
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

  /** The headline figures, in the order {@code summary.json} has always listed them. */
  static Summary summary(FocusBenchRun run) {
    FocusBenchConfig c = run.config();
    FocusBenchRun.Ingest in = run.ingest();
    FocusBenchRun.Queries qs = run.queries();
    IngestReport focus = in.focus();
    IngestReport heavy = in.heavy();
    IngestConfig ingestCfg = in.config();
    List<Accuracy> focusAcc = qs.focus().accuracy();
    List<Accuracy> noscopeAcc = qs.noscope().accuracy();
    double focusIngest = focus.ingestCpuSeconds();
    double heavyIngest = heavy.ingestCpuSeconds();
    double focusQuery = mean(qs.focus().cpu());
    double noscopeQuery = mean(qs.noscope().cpu());
    double videoSeconds = run.video().seconds();
    double hours = run.video().hours();
    Summary s = new Summary();
    s.put("ingest_cost_ratio", heavyIngest / focusIngest);
    s.put("query_latency_ratio", noscopeQuery / focusQuery);
    s.put("precision_min", focusAcc.stream().mapToDouble(Accuracy::framePrecision).min().orElse(Double.NaN));
    s.put("recall_min", focusAcc.stream().mapToDouble(Accuracy::frameRecall).min().orElse(Double.NaN));
    s.put("precision_mean", focusAcc.stream().mapToDouble(Accuracy::framePrecision).average().orElse(Double.NaN));
    s.put("recall_mean", focusAcc.stream().mapToDouble(Accuracy::frameRecall).average().orElse(Double.NaN));
    s.put("object_precision_mean", focusAcc.stream().mapToDouble(Accuracy::objectPrecision).average().orElse(Double.NaN));
    s.put("object_recall_mean", focusAcc.stream().mapToDouble(Accuracy::objectRecall).average().orElse(Double.NaN));
    s.put("recall_min_all_detections", qs.focusAllDetections().stream().mapToDouble(Accuracy::frameRecall).min()
        .orElse(Double.NaN));
    s.put("recall_mean_all_detections", qs.focusAllDetections().stream().mapToDouble(Accuracy::frameRecall).average()
        .orElse(Double.NaN));
    s.put("noscope_precision_min", noscopeAcc.stream().mapToDouble(Accuracy::framePrecision).min().orElse(Double.NaN));
    s.put("noscope_recall_min", noscopeAcc.stream().mapToDouble(Accuracy::frameRecall).min().orElse(Double.NaN));
    // GT-CNN invocations over all query classes: the work behind the latency ratio, free of timer noise.
    s.put("focus_gt_calls", qs.focus().gtCalls());
    s.put("noscope_gt_calls", qs.noscope().gtCalls());
    s.put("video_seconds", videoSeconds);
    s.put("gt_model", run.models().gt().describe());
    s.put("cheap_model", run.models().cheap().describe());
    s.put("baseline_ingest", "INGEST-HEAVY: the GT-CNN on every sampled object at ingest, same extraction,"
        + " parallelism and object batches as Focus; its answers are the reference");
    s.put("baseline_query", NoScopeQuery.DESCRIPTION);
    s.put("cameras", (long) run.video().cameras());
    s.put("query_classes", String.join(",", qs.classes()));
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
    s.put("noscope_training_s", qs.noscopeTrainingSeconds());
    s.put("decode_cpu_s", run.video().decodeSeconds());
    s.put("focus_index_bytes", in.focusIndexBytes());
    s.put("ingest_heavy_index_bytes", in.heavyIndexBytes());
    s.put("top_k", (long) ingestCfg.topK());
    s.put("distance_threshold", ingestCfg.distanceThreshold());
    s.put("max_active_clusters", (long) ingestCfg.maxActiveClusters());
    s.put("skip_threshold", c.skipThreshold());
    s.put("sample_fps", c.sampleFps());
    s.put("seed", c.seed());
    s.put("config", c.describe(ingestCfg));
    TuningResult tuning = run.tuning();
    if (tuning != null) {
      for (Policy p : Policy.values()) {
        TunedConfiguration tc = tuning.chosen().get(p);
        String k = p.key() + "_";
        double ing = in.tuned().get(p).ingestCpuSeconds();
        FocusBenchRun.SystemQueries tq = qs.tuned().get(p);
        double qry = mean(tq.cpu());
        s.put(k + "ingest_cost_ratio", heavyIngest / ing);
        s.put(k + "query_latency_ratio", noscopeQuery / qry);
        s.put(k + "test_precision_min", tq.accuracy().stream().mapToDouble(Accuracy::framePrecision).min().orElse(Double.NaN));
        s.put(k + "test_recall_min", tq.accuracy().stream().mapToDouble(Accuracy::frameRecall).min().orElse(Double.NaN));
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
    return s;
  }

  /** One row per ingesting system: Focus, INGEST-HEAVY, then each tuned policy's pick. */
  static CsvTable ingestTable(FocusBenchRun run) {
    double hours = run.video().hours();
    CsvTable ingest = new CsvTable("system", "cpu_s", "cpu_s_per_video_hour", "wall_s", "process_cpu_s", "extract_cpu_s",
        "cnn_cpu_s", "gt_cpu_s", "cluster_cpu_s", "frames", "objects", "clusters");
    Map<String, IngestReport> reports = new LinkedHashMap<>();
    reports.put(run.ingest().focus().system(), run.ingest().focus());
    reports.put(run.ingest().heavy().system(), run.ingest().heavy());
    run.ingest().tuned().forEach((p, r) -> reports.put("focus-" + p.cliName(), r));
    for (Map.Entry<String, IngestReport> e : reports.entrySet()) {
      IngestReport r = e.getValue();
      ingest.add(e.getKey(), r.ingestCpuSeconds(), r.ingestCpuSeconds() / hours, r.wallSeconds(), r.processCpuSeconds(),
          r.seconds("extract_cpu_ns"), r.seconds("cnn_cpu_ns"), r.seconds("gt_cpu_ns"), r.seconds("cluster_cpu_ns"),
          r.counter("frames"), r.counter("objects"), r.counter("clusters"));
    }
    return ingest;
  }

  static double mean(double[] v) {
    double s = 0;
    for (double d : v) {
      s += d;
    }
    return v.length == 0 ? Double.NaN : s / v.length;
  }
}
