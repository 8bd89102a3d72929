package io.tributary.gaia.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.config.Settings;
import io.tributary.common.report.Summary;
import io.tributary.gaia.deploy.GaiaRunConfig.GaiaSystem;
import io.tributary.gaia.launch.GaiaBenchRun.Cell;
import io.tributary.gaia.launch.GaiaBenchRun.Row;
import io.tributary.gaia.launch.RunOutcome.Cost;
import io.tributary.gaia.launch.RunOutcome.FinalModel;
import io.tributary.gaia.launch.RunOutcome.Goal;
import io.tributary.gaia.launch.RunOutcome.Key;
import io.tributary.gaia.launch.RunOutcome.Timing;
import io.tributary.gaia.launch.RunOutcome.Traffic;
import io.tributary.gaia.options.BenchOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench's outputs keep their file names, CSV columns and summary keys (notebooks and the docs
 * read them), fed with made-up runs so no Spark job is needed.
 */
class GaiaBenchReportTest {
  private static final GaiaBenchApp MF = new GaiaBenchApp("mf", null, null, 0);

  private static RunOutcome outcome(String label, GaiaSystem system, int dcs, double seconds, long wanBytes,
      double usd) {
    List<double[]> curve = List.of(new double[] {1, seconds / 2, 0.5}, new double[] {2, seconds, 0.3});
    return new RunOutcome(new Key(label, system, dcs), new Goal(true, "reached", 0.3, seconds), curve,
        new Timing(seconds, 2, seconds + 1, 0, 0), new Traffic(wanBytes, 100, 10, 2), new Cost(usd, 0, 0),
        Map.of(), FinalModel.NONE);
  }

  private static Cell cell(String setting, int dcs, boolean overlay) {
    RunOutcome lan = outcome("mf-bsp-lan-" + dcs, GaiaSystem.LAN, 1, 10, 0, 1);
    List<Row> rows = new ArrayList<>(List.of(new Row("lan", lan, 0.3),
        new Row("baseline", outcome("b", GaiaSystem.BASELINE, dcs, 80, 8_000_000, 8), 0.3),
        new Row("gaia", outcome("g", GaiaSystem.GAIA, dcs, 20, 1_000_000, 2), 0.3)));
    if (overlay) {
      rows.add(new Row("gaia-overlay", outcome("o", GaiaSystem.GAIA, dcs, 25, 500_000, 2.5), 0.3));
    }
    return new Cell(MF, 0, setting, null, rows, new Centralized("virginia", 5, 15, 1, 1, 2));
  }

  @Test
  void writesTheSameFilesColumnsAndKeys(@TempDir Path dir) throws Exception {
    GaiaBenchSpec spec = new GaiaBenchSpec(dir, List.of(MF), Settings.empty().with(BenchOptions.OVERLAY, true));
    GaiaBenchRun run = new GaiaBenchRun(List.of(cell("vc", 2, false), cell("ec2-11", 11, true)), Map.of(), 1.0);
    Summary summary = GaiaBenchReport.write(spec, run, new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8));

    for (String f : List.of("runs.csv", "convergence.csv", "summary.json", "convergence-mf-vc.png",
        "convergence-mf-ec2_11.png", "cost-mf.png")) {
      assertTrue(Files.exists(dir.resolve(f)), f);
    }
    assertEquals("app,sync,setting,system,data_centres,reached_target,target_objective,time_to_target_s,"
        + "speedup_vs_baseline,time_vs_lan,train_s,clocks,wan_bytes,wan_bytes_vs_baseline,updates_sent_share,"
        + "barriers,data_bytes,cost_compute_usd,cost_waiting_usd,cost_transfer_usd,cost_total_usd,cost_vs_baseline,"
        + "final_quality,final_objective,wall_s,load_avg_at_start",
        Files.readAllLines(dir.resolve("runs.csv")).get(0));
    assertEquals("app,sync,setting,system,clock,seconds,objective",
        Files.readAllLines(dir.resolve("convergence.csv")).get(0));

    TreeSet<String> expected = new TreeSet<>();
    for (String k : List.of("speedup_vs_baseline", "speedup_is_lower_bound", "baseline_reached_target",
        "time_vs_lan", "wan_bytes_ratio", "reached_target", "final_objective", "lan_final_objective",
        "cost_vs_baseline", "speedup_vs_centralized", "cost_vs_centralized")) {
      expected.add("mf_vc_" + k);
      expected.add("mf_ec2_11_" + k);
    }
    for (String k : List.of("overlay_wan_bytes_ratio", "overlay_wan_bytes_per_clock_ratio",
        "overlay_speedup_vs_baseline", "overlay_reached_target", "overlay_cost_vs_baseline")) {
      expected.add("mf_ec2_11_" + k);
    }
    expected.add("ec2_11_overlay_wan_bytes_ratio");
    assertEquals(expected, new TreeSet<>(summary.asMap().keySet()));
    assertEquals(expected, new TreeSet<>(SummaryJson.parse(Files.readString(dir.resolve("summary.json")), "summary")
        .keySet()));

    // The figures: BASELINE 80 s, Gaia 20 s, LAN 10 s, CENTRALIZED 15 s; 8 MB vs 1 MB; 8 USD vs 2 USD.
    assertEquals(4.0, (Double) summary.get("mf_vc_speedup_vs_baseline"), 1e-12);
    assertEquals(2.0, (Double) summary.get("mf_vc_time_vs_lan"), 1e-12);
    assertEquals(0.125, (Double) summary.get("mf_vc_wan_bytes_ratio"), 1e-12);
    assertEquals(0.25, (Double) summary.get("mf_vc_cost_vs_baseline"), 1e-12);
    assertEquals(0.75, (Double) summary.get("mf_vc_speedup_vs_centralized"), 1e-12);
    assertEquals(0.5, (Double) summary.get("ec2_11_overlay_wan_bytes_ratio"), 1e-12);
    assertEquals(3.2, (Double) summary.get("mf_ec2_11_overlay_speedup_vs_baseline"), 1e-12);
  }
}
