package io.tributary.skew.scout;

import io.tributary.common.io.AtomicFiles;
import io.tributary.common.report.CsvTable;
import io.tributary.common.report.Plots;
import io.tributary.common.report.Summary;
import io.tributary.common.scout.KnobGrid;
import io.tributary.common.scout.SkewScout;
import io.tributary.skew.study.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * SkewScout against its baselines, per setting (thesis §6.6.3, Fig. 6.12): BSP, ORACLE (the
 * fixed theta with the least communication whose accuracy reaches BSP's, found by running every
 * theta of the grid) and SkewScout (one pass, model traveling's bytes included). Writes
 * {@code results.csv}, {@code sweep.csv}, {@code periods.csv}, {@code summary.json},
 * {@code report.txt} and the plots {@code fig6_12.png}, {@code theta.png},
 * {@code accuracy_loss.png} and {@code sweep.png}.
 */
public final class ScoutReport {
  private ScoutReport() {}

  /**
   * One setting's comparison.
   *
   * @param setting setting key ({@code iid}, {@code 20}, {@code 60}, {@code 100}, ...)
   * @param partitioner the partitioner spec
   * @param bsp BSP's run, or null when not run
   * @param scout SkewScout's run
   * @param sweep the fixed-theta runs of the tuned algorithm (empty outside the bench)
   * @param oracle ORACLE's run among {@code sweep}, or null when none reaches BSP's accuracy
   */
  public record Row(String setting, String partitioner, RunResult bsp, ScoutResult scout, List<RunResult> sweep,
      RunResult oracle) {
    /** BSP's bytes over SkewScout's (model traveling included); NaN without BSP. */
    public double savings() {
      return bsp == null || scout == null || !scout.ok() ? Double.NaN : bsp.bytes() / (double) scout.totalBytes();
    }

    /** BSP's bytes over ORACLE's; NaN when there is no ORACLE. */
    public double oracleSavings() {
      return bsp == null || oracle == null ? Double.NaN : bsp.bytes() / (double) oracle.bytes();
    }

    /** BSP's accuracy minus SkewScout's, in percentage points. */
    public double accuracyGap() {
      return bsp == null || scout == null || !scout.ok() ? Double.NaN : 100 * (bsp.top1() - scout.result().top1());
    }

    /** SkewScout's communication over ORACLE's. */
    public double scoutOverOracle() {
      return oracle == null || scout == null || !scout.ok() ? Double.NaN
          : scout.totalBytes() / (double) oracle.bytes();
    }
  }

  /** The written report. */
  public record Report(List<Row> rows, Summary summary, String text) {}

  /**
   * ORACLE: among {@code sweep}'s completed runs whose top-1 is at least {@code bspTop1 -
   * tolerance}, the one that communicated least.
   */
  public static Optional<RunResult> oracle(List<RunResult> sweep, double bspTop1, double tolerance) {
    return sweep.stream().filter(r -> r.ok() && !r.diverged() && r.top1() >= bspTop1 - tolerance)
        .min(Comparator.comparingLong(RunResult::bytes));
  }

  /** Pairs runs by setting and computes the comparison. */
  public static List<Row> rows(ScoutPlan.Plan plan, List<RunResult> fixed, List<ScoutResult> scout) {
    List<Row> rows = new ArrayList<>();
    String algorithm = plan.grid().algorithm();
    for (ScoutResult s : scout) {
      String partitioner = s.scoutRun().run().partitioner();
      RunResult bsp = null;
      List<RunResult> sweep = new ArrayList<>();
      for (RunResult r : fixed) {
        if (!r.run().partitioner().equals(partitioner)) {
          continue;
        }
        if (r.run().protocol().algorithm().equals("bsp")) {
          bsp = r;
        } else if (r.run().protocol().algorithm().equals(algorithm)) {
          sweep.add(r);
        }
      }
      RunResult oracle = bsp == null || !bsp.ok() ? null : oracle(sweep, bsp.top1(), plan.tolerance()).orElse(null);
      rows.add(new Row(ScoutPlan.settingKey(partitioner), partitioner, bsp, s, sweep, oracle));
    }
    return rows;
  }

  /** Writes the report of a run or bench to {@code dir}. */
  public static Report write(ScoutPlan.Plan plan, List<RunResult> fixed, List<ScoutResult> scout, Path dir,
      double minutes, boolean bench) throws IOException {
    Files.createDirectories(dir);
    List<Row> rows = rows(plan, fixed, scout);
    String algorithm = plan.grid().algorithm();
    StringBuilder text = new StringBuilder();
    ScoutRun first = scout.get(0).scoutRun();
    text.append(String.format(Locale.ROOT, "SkewScout (%s, %s) on %s, %s, K=%d, %s epochs, %d train / %d test "
        + "samples per class; MTP=%d, sigma_AL=%.3g, %s, schedule %s, overlay %s; ORACLE tolerance %.3g%n",
        algorithm, plan.grid(), first.run().dataset(), first.run().model(), first.run().partitions(),
        fmt(first.run().epochs()), first.run().trainPerClass(), first.run().testPerClass(), first.scout().mtp(),
        first.scout().objective().sigmaAl(), first.scout().strategy().id(), first.scout().schedule(),
        first.scout().overlay(), plan.tolerance()));

    CsvTable results = new CsvTable("setting", "partitioner", "bsp_top1", "bsp_bytes", "scout_top1", "scout_bytes",
        "scout_protocol_bytes", "scout_travel_bytes", "savings_vs_bsp", "oracle_knob", "oracle_top1", "oracle_bytes",
        "oracle_savings_vs_bsp", "scout_over_oracle", "accuracy_gap_pts", "scout_final_knob", "scout_periods");
    Summary summary = new Summary();
    for (Row r : rows) {
      ScoutResult s = r.scout();
      boolean ok = s.ok();
      results.add(r.setting(), r.partitioner(), r.bsp() == null ? Double.NaN : r.bsp().top1(),
          r.bsp() == null ? -1 : r.bsp().bytes(), ok ? s.result().top1() : Double.NaN, ok ? s.totalBytes() : -1,
          ok ? s.result().bytes() : -1, s.travelBytes(), r.savings(),
          r.oracle() == null ? "" : KnobGrid.label(algorithm, r.oracle().run().paperKnob()),
          r.oracle() == null ? Double.NaN : r.oracle().top1(), r.oracle() == null ? -1 : r.oracle().bytes(),
          r.oracleSavings(), r.scoutOverOracle(), r.accuracyGap(), KnobGrid.label(algorithm, s.finalTheta()),
          s.periods().size());
      String k = r.setting();
      summary.put("savings_vs_bsp_" + k, r.savings());
      summary.put("accuracy_gap_vs_bsp_" + k, r.accuracyGap());
      if (bench) {
        summary.put("oracle_savings_vs_bsp_" + k, r.oracleSavings());
        summary.put("scout_over_oracle_" + k, r.scoutOverOracle());
        summary.put("oracle_top1_" + k, r.oracle() == null ? Double.NaN : r.oracle().top1());
        summary.put("oracle_knob_" + k, r.oracle() == null ? Double.NaN : r.oracle().run().paperKnob());
      }
      summary.put("bsp_top1_" + k, r.bsp() == null ? Double.NaN : r.bsp().top1());
      summary.put("scout_top1_" + k, ok ? s.result().top1() : Double.NaN);
      summary.put("scout_travel_share_" + k, ok ? s.travelBytes() / (double) s.totalBytes() : Double.NaN);
    }
    summary.put("minutes", minutes);
    summary.put("algorithm", algorithm);
    summary.put("dataset", first.run().dataset());
    summary.put("model", first.run().model());
    summary.put("partitions", (long) first.run().partitions());
    summary.put("epochs", first.run().epochs());
    summary.put("mtp", (long) first.scout().mtp());
    summary.put("sigma_al", first.scout().objective().sigmaAl());
    summary.put("tolerance", plan.tolerance());
    // What each participant is (docs/benchmarks.md): the same data, partitions, model, epochs and threads.
    summary.put("baseline_bsp", "BSP: every step's update to every peer, run by the same study runtime");
    summary.put("baseline_oracle", "ORACLE: the cheapest fixed " + plan.grid().knobName() + " of the grid within the"
        + " tolerance of BSP's accuracy, found by running every knob (an upper bound no single run can know)");
    results.write(dir.resolve("results.csv"));
    text.append('\n').append(results.toText());

    CsvTable sweep = new CsvTable("setting", "configuration", "knob", "top1", "bytes", "savings_vs_bsp",
        "reaches_bsp", "diverged", "error");
    for (Row r : rows) {
      List<RunResult> all = new ArrayList<>();
      if (r.bsp() != null) {
        all.add(r.bsp());
      }
      all.addAll(r.sweep());
      for (RunResult f : all) {
        boolean reaches = r.bsp() != null && f.ok() && f.top1() >= r.bsp().top1() - plan.tolerance();
        sweep.add(r.setting(), f.run().configurationLabel(), f.run().paperKnob(), f.top1(), f.bytes(),
            r.bsp() == null ? Double.NaN : r.bsp().bytes() / (double) f.bytes(), reaches, f.diverged(),
            f.error() == null ? "" : f.error());
      }
    }
    sweep.write(dir.resolve("sweep.csv"));
    if (bench) {
      text.append("\nFixed-").append(plan.grid().knobName()).append(" sweep (ORACLE picks the cheapest run that "
          + "reaches BSP's accuracy):\n").append(sweep.toText());
    }

    CsvTable periods = periodsTable(scout, algorithm);
    periods.write(dir.resolve("periods.csv"));
    text.append("\nSkewScout's choices (").append(plan.grid().knobName()).append(" per period, accuracy loss in "
        + "points):\n");
    for (ScoutResult s : scout) {
      text.append("  ").append(ScoutPlan.settingKey(s.scoutRun().run().partitioner())).append(": ");
      if (!s.ok()) {
        text.append("FAILED: ").append(s.result().error()).append('\n');
        continue;
      }
      StringBuilder line = new StringBuilder();
      for (SkewScout.Period p : s.periods()) {
        line.append(KnobGrid.label(algorithm, p.theta()).replaceFirst(".*=", "")).append(String.format(Locale.ROOT,
            "(%.1f) ", 100 * p.accuracyLoss()));
      }
      text.append(line).append("-> ").append(KnobGrid.label(algorithm, s.finalTheta())).append('\n');
    }
    text.append('\n');
    for (Row r : rows) {
      text.append(String.format(Locale.ROOT, "%-4s SkewScout %.1fx less communication than BSP (gap %+.2f points)",
          r.setting(), r.savings(), -r.accuracyGap()));
      if (bench) {
        text.append(String.format(Locale.ROOT, ", ORACLE %.1fx, SkewScout/ORACLE %.2f", r.oracleSavings(),
            r.scoutOverOracle()));
      }
      text.append('\n');
    }
    plots(rows, scout, algorithm, dir, bench);
    summary.write(dir.resolve("summary.json"));
    AtomicFiles.writeString(dir.resolve("report.txt"), text);
    return new Report(rows, summary, text.toString());
  }

  static CsvTable periodsTable(List<ScoutResult> scout, String algorithm) {
    CsvTable t = new CsvTable("run_id", "setting", "period", "from_iteration", "to_iteration", "knob", "knob_label",
        "accuracy_loss", "communication_per_model", "objective", "next_knob", "reason", "protocol_bytes",
        "travel_bytes", "trips");
    for (ScoutResult s : scout) {
      for (SkewScout.Period p : s.periods()) {
        StringBuilder trips = new StringBuilder();
        for (var trip : p.round().trips()) {
          trips.append(trips.length() == 0 ? "" : " ").append(trip.source()).append("->").append(trip.destination())
              .append(String.format(Locale.ROOT, ":%.3f/%.3f", trip.localAccuracy(), trip.remoteAccuracy()));
        }
        t.add(s.scoutRun().run().id(), ScoutPlan.settingKey(s.scoutRun().run().partitioner()), p.period(),
            p.fromIteration(), p.toIteration(), p.theta(), KnobGrid.label(algorithm, p.theta()), p.accuracyLoss(),
            p.communication(), p.objective(), p.nextTheta(), p.reason(), p.protocolBytes(), p.travelBytes(), trips);
      }
    }
    return t;
  }

  private static void plots(List<Row> rows, List<ScoutResult> scout, String algorithm, Path dir, boolean bench)
      throws IOException {
    List<String> categories = rows.stream().map(r -> label(r.setting())).toList();
    Map<String, double[]> bars = new LinkedHashMap<>();
    bars.put("SkewScout", rows.stream().mapToDouble(Row::savings).toArray());
    if (bench) {
      bars.put("ORACLE", rows.stream().mapToDouble(Row::oracleSavings).toArray());
    }
    bars.replaceAll((k, v) -> Arrays.stream(v).map(x -> Double.isFinite(x) ? x : 0).toArray());
    if (!categories.isEmpty() && rows.stream().anyMatch(r -> r.bsp() != null)) {
      Plots.bars(dir.resolve("fig6_12.png"), "Communication savings over BSP (" + algorithm
          + "; ORACLE at BSP's accuracy, SkewScout one pass)",
          "setting", "savings over BSP (x)", categories, bars, false);
    }
    double scale = algorithm.equals("gaia") ? 100 : 1;
    List<Plots.Series> theta = new ArrayList<>();
    List<Plots.Series> loss = new ArrayList<>();
    for (ScoutResult s : scout) {
      List<SkewScout.Period> ps = s.periods();
      double[] x = ps.stream().mapToDouble(SkewScout.Period::toIteration).toArray();
      String name = label(ScoutPlan.settingKey(s.scoutRun().run().partitioner()));
      theta.add(new Plots.Series(name, x, ps.stream().mapToDouble(p -> scale * p.theta()).toArray()));
      loss.add(new Plots.Series(name, x, ps.stream().mapToDouble(p -> 100 * p.accuracyLoss()).toArray()));
    }
    String knob = KnobGrid.label(algorithm, 0).replaceFirst("=.*", "") + (algorithm.equals("gaia") ? " (%)" : "");
    Plots.lines(dir.resolve("theta.png"), "SkewScout's " + knob + " over training", "iteration", knob, theta, false);
    Plots.lines(dir.resolve("accuracy_loss.png"), "Accuracy loss measured by model traveling", "iteration",
        "accuracy loss (points)", loss, false);
    if (bench) {
      List<Plots.Series> points = new ArrayList<>();
      for (Row r : rows) {
        List<RunResult> all = new ArrayList<>(r.sweep());
        if (r.bsp() != null) {
          all.add(r.bsp());
        }
        all.removeIf(x -> !x.ok());
        points.add(new Plots.Series(label(r.setting()) + " fixed", all.stream().mapToDouble(x -> x.bytes() / 1e6)
            .toArray(), all.stream().mapToDouble(x -> 100 * x.top1()).toArray()));
        if (r.scout().ok()) {
          points.add(new Plots.Series(label(r.setting()) + " SkewScout", new double[] {r.scout().totalBytes() / 1e6},
              new double[] {100 * r.scout().result().top1()}));
        }
      }
      Plots.scatter(dir.resolve("sweep.png"), "Accuracy vs communication: fixed " + knob + " and SkewScout",
          "MB communicated", "top-1 (%)", points, List.of(), true, false);
    }
  }

  /** {@code IID}, {@code 20% non-IID}, ... */
  static String label(String setting) {
    if (setting.equals("iid")) {
      return "IID";
    }
    return setting.matches("[0-9.]+") ? setting + "% non-IID" : setting;
  }

  private static String fmt(double x) {
    return x == Math.rint(x) ? String.valueOf((long) x) : String.valueOf(x);
  }
}
