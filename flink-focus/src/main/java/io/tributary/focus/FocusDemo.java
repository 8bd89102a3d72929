package io.tributary.focus;

import io.tributary.common.report.Summary;
import io.tributary.connectors.index.IndexReader;
import io.tributary.focus.bench.FocusBench;
import io.tributary.focus.bench.FocusBenchConfig;
import io.tributary.focus.model.GroundTruthModel;
import io.tributary.focus.model.SyntheticModels;
import io.tributary.focus.query.ContactSheet;
import io.tributary.focus.query.FocusQueryProcessor;
import io.tributary.focus.query.QueryRequest;
import io.tributary.focus.query.QueryResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The self-contained Focus demo: a generated street video, ingested by Focus and by INGEST-HEAVY on
 * an embedded Flink MiniCluster, queried by Focus, INGEST-HEAVY's lookup and a NoScope-style cascade;
 * prints the ingest-cost and query-latency ratios, precision and recall, and one query's answer. No
 * external data or downloads: the models are trained by the project on generated scenes (once, then
 * cached under ~/.cache/tributary). A few minutes on 2 cores (plus about two minutes of training the
 * first time).
 */
public final class FocusDemo {
  private FocusDemo() {}

  /** Runs the demo in {@code workDir} (results under {@code workDir/focus-demo}). */
  public static Summary run(Path workDir, PrintStream out) throws Exception {
    Path dir = workDir.resolve("focus-demo");
    FocusBenchConfig c = FocusBenchConfig.generated(dir).with(FocusOptions.SECONDS, 240.0);
    out.println("== Focus demo: generate a 4-minute street video, index it with Focus and INGEST-HEAVY, query it ==");
    Summary s = FocusBench.run(c, out);
    try (IndexReader index = IndexReader.open(dir.resolve("work").resolve("focus-index").toString());
         GroundTruthModel gt = SyntheticModels.groundTruth(null).spec().openGroundTruth()) {
      FocusQueryProcessor q = new FocusQueryProcessor(index, gt);
      QueryResult r = q.run(QueryRequest.of("bus"));
      out.println("\n== tributary focus query --class bus ==");
      out.print(r.table(10));
      out.println(r.describe());
      Path sheet = dir.resolve("bus-contact-sheet.png");
      ContactSheet.write(q.lastVerifiedClusters(), sheet, 8);
      out.println("contact sheet: " + sheet);
    }
    out.printf(Locale.ROOT, "%n== Focus vs baselines on %.0f s of generated video (GT-CNN %s) ==%n"
        + "ingest cost: %.1fx cheaper than INGEST-HEAVY; queries: %.1fx faster than NoScope-style;"
        + " precision min %.3f, recall min %.3f (frame level, vs INGEST-HEAVY)%n",
        (Double) s.get("video_seconds"), s.get("gt_model"), (Double) s.get("ingest_cost_ratio"),
        (Double) s.get("query_latency_ratio"), (Double) s.get("precision_min"), (Double) s.get("recall_min"));
    out.println("results: " + dir.resolve("summary.json") + " (and CSV, PNG beside it)");
    return s;
  }
}
