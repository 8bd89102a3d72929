package io.tributary.gaia.launch;

import io.tributary.common.report.Summary;
import io.tributary.gaia.launch.GaiaBenchRun.Cell;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The figures {@link GaiaBench} derives from its runs: speedups over BASELINE and CENTRALIZED,
 * time relative to LAN, WAN-traffic and cost ratios, and the final model's quality. Every table
 * row and summary key of {@link GaiaBenchReport} comes from here, so a ratio is computed one way.
 */
public final class GaiaBenchFigures {
  private GaiaBenchFigures() {}

  /**
   * BASELINE's time to the target, or, where it ran out of time ({@code --max-seconds}) first, the
   * training time it ran: speedups over it are then lower bounds (flagged in the summary).
   */
  public static double baselineTime(RunOutcome base) {
    return base.reached() ? base.timeToTarget() : base.trainSeconds();
  }

  /** How many times faster than BASELINE a system that took {@code seconds} reached the target. */
  static double speedupVsBaseline(RunOutcome base, double seconds) {
    return baselineTime(base) / seconds;
  }

  /** {@code seconds} as a multiple of LAN's time to the target. */
  static double timeVsLan(double seconds, RunOutcome lan) {
    return seconds / lan.timeToTarget();
  }

  /** {@code o}'s WAN bytes as a share of {@code reference}'s. */
  static double wanBytesRatio(RunOutcome o, RunOutcome reference) {
    return (double) o.wanBytes() / reference.wanBytes();
  }

  /** {@code usd} as a multiple of BASELINE's total cost. */
  static double costVsBaseline(double usd, RunOutcome base) {
    return usd / base.totalUsd();
  }

  /** The final model's quality: TM's held-out perplexity, IC's test accuracy (NaN for MF). */
  static double quality(GaiaBenchApp app, RunOutcome o) {
    return switch (app.name()) {
      case "tm" -> o.eval("heldout_perplexity");
      case "ic" -> o.eval("test_accuracy");
      default -> Double.NaN;
    };
  }

  /**
   * Puts the headline figures of {@code cell} into {@code summary} under
   * {@code <app>_<setting>[_ssp]_}: Gaia against BASELINE, LAN and CENTRALIZED, and, where it ran,
   * Gaia with hubs against Gaia and BASELINE.
   */
  static void summarise(Cell cell, Summary summary) {
    GaiaBenchApp app = cell.app();
    RunOutcome lan = cell.get("lan");
    RunOutcome base = cell.get("baseline");
    RunOutcome gaia = cell.get("gaia");
    Centralized c = cell.centralized();
    String k = app.name() + "_" + GaiaBenchRun.key(cell.setting()) + GaiaBenchRun.syncTag(cell.staleness()) + "_";
    summary.put(k + "speedup_vs_baseline", speedupVsBaseline(base, gaia.timeToTarget()));
    // BASELINE stopped at --max-seconds without reaching the target: the speedup is a lower bound.
    summary.put(k + "speedup_is_lower_bound", !base.reached());
    summary.put(k + "baseline_reached_target", base.reached());
    summary.put(k + "time_vs_lan", timeVsLan(gaia.timeToTarget(), lan));
    summary.put(k + "wan_bytes_ratio", wanBytesRatio(gaia, base));
    summary.put(k + "reached_target", gaia.reached());
    summary.put(k + "final_objective", cell.row("gaia").finalObjective());
    summary.put(k + "lan_final_objective", cell.rows().get(0).finalObjective());
    summary.put(k + "cost_vs_baseline", costVsBaseline(gaia.totalUsd(), base));
    summary.put(k + "speedup_vs_centralized", c.totalSeconds() / gaia.timeToTarget());
    summary.put(k + "cost_vs_centralized", gaia.totalUsd() / c.totalUsd());
    RunOutcome hubs = cell.get("gaia-overlay");
    if (hubs != null) {
      summary.put(k + "overlay_wan_bytes_ratio", wanBytesRatio(hubs, gaia));
      summary.put(k + "overlay_wan_bytes_per_clock_ratio",
          ((double) hubs.wanBytes() / Math.max(1, hubs.clocks()))
              / ((double) gaia.wanBytes() / Math.max(1, gaia.clocks())));
      summary.put(k + "overlay_speedup_vs_baseline", speedupVsBaseline(base, hubs.timeToTarget()));
      summary.put(k + "overlay_reached_target", hubs.reached());
      summary.put(k + "overlay_cost_vs_baseline", costVsBaseline(hubs.totalUsd(), base));
    }
  }

  /**
   * {@code ec2_11_overlay_wan_bytes_ratio}: the mean of the BSP overlay ratios of every application
   * in {@code summary} (empty where none ran the overlay).
   */
  static OptionalDouble meanOverlayRatio(Map<String, Object> summary) {
    List<Double> ratios = new ArrayList<>();
    for (String app : List.of("mf", "tm", "ic")) {
      Object v = summary.get(app + "_ec2_11_overlay_wan_bytes_ratio");
      if (v instanceof Number x) {
        ratios.add(x.doubleValue());
      }
    }
    return ratios.stream().mapToDouble(Double::doubleValue).average();
  }
}
