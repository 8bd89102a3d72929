package io.tributary.focus.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.report.Summary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark runs Focus and both baselines and writes the files and summary keys the issue names. */
class FocusBenchTest {
  @TempDir Path dir;

  @Test
  void writesSummaryCsvAndPlots() throws Exception {
    FocusBench.Config d = FocusBench.Config.generated(dir);
    FocusBench.Config c = new FocusBench.Config(List.of(), 120, 7, d.gtModel(), d.gtLabels(), d.sampleFps(), d.ingest(),
        d.settings(), d.classCoverage(), d.skipThreshold(), d.noscopeTargetError(), dir);
    Summary s = FocusBench.run(c, System.out);
    for (String key : List.of("ingest_cost_ratio", "query_latency_ratio", "precision_min", "recall_min", "precision_mean",
        "recall_mean", "video_seconds", "gt_model")) {
      assertTrue(s.asMap().containsKey(key), "summary has " + key);
    }
    assertEquals(120.0, (Double) s.get("video_seconds"), 0.5);
    assertTrue((Double) s.get("ingest_cost_ratio") > 1, "Focus ingest is cheaper than INGEST-HEAVY");
    assertTrue((Double) s.get("recall_min") >= 0.95, "recall " + s.get("recall_min"));
    String json = Files.readString(dir.resolve("summary.json"));
    assertTrue(json.contains("\"ingest_cost_ratio\"") && json.contains("\"gt_model\""));
    for (String f : List.of("ingest.csv", "queries.csv", "ingest_cost.png", "query_latency.png", "config.txt")) {
      assertTrue(Files.size(dir.resolve(f)) > 0, f);
    }
  }
}
