package io.tributary.gaia.launch;

import static io.tributary.gaia.launch.GaiaBenchFigures.costVsBaseline;
import static io.tributary.gaia.launch.GaiaBenchFigures.meanOverlayRatio;
import static io.tributary.gaia.launch.GaiaBenchFigures.quality;
import static io.tributary.gaia.launch.GaiaBenchFigures.speedupVsBaseline;
import static io.tributary.gaia.launch.GaiaBenchFigures.summarise;
import static io.tributary.gaia.launch.GaiaBenchFigures.timeVsLan;
import static io.tributary.gaia.launch.GaiaBenchFigures.wanBytesRatio;

import io.tributary.common.asp.HubOverlay;
import io.tributary.common.io.AtomicFiles;
import io.tributary.common.report.CsvTable;
import io.tributary.common.report.Plots;
import io.tributary.common.report.Progress;
import io.tributary.common.report.Summary;
import io.tributary.common.wan.WanTopology;
import io.tributary.gaia.deploy.GaiaWans;
import io.tributary.gaia.launch.GaiaBenchRun.Cell;
import io.tributary.gaia.launch.GaiaBenchRun.Row;
import io.tributary.gaia.options.BenchOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outputs of a {@link GaiaBench} run, with the names and columns notebooks and the docs read:
 * {@code runs.csv} and {@code convergence.csv} (keeping other applications' rows already there),
 * {@code convergence-<app>-<setting>[-ssp].png}, {@code cost-<app>[-ssp].png},
 * {@code bench-config-<app>.txt}, and {@code summary.json} merged with the keys of other
 * applications benchmarked into the same directory; the table and the fresh keys go to the console.
 * The figures themselves come from {@link GaiaBenchFigures}.
 */
final class GaiaBenchReport {
  private GaiaBenchReport() {}

  /**
   * Writes the tables, plots and {@code summary.json} of {@code run} and prints the table and the
   * fresh summary keys; returns the merged summary.
   */
  static Summary write(GaiaBenchSpec spec, GaiaBenchRun run, PrintStream out) throws IOException {
    CsvTable runs = new CsvTable("app", "sync", "setting", "system", "data_centres", "reached_target",
        "target_objective", "time_to_target_s", "speedup_vs_baseline", "time_vs_lan", "train_s", "clocks", "wan_bytes",
        "wan_bytes_vs_baseline", "updates_sent_share", "barriers", "data_bytes", "cost_compute_usd",
        "cost_waiting_usd", "cost_transfer_usd", "cost_total_usd", "cost_vs_baseline", "final_quality", "final_objective",
        "wall_s",
        "load_avg_at_start");
    CsvTable shown = new CsvTable("app", "sync", "setting", "system", "reached", "time_to_target_s",
        "speedup_vs_baseline", "time_vs_lan", "clocks", "wan_MB", "wan_vs_baseline", "updates_sent", "cost_usd",
        "cost_vs_baseline", "final_quality", "final_objective");
    CsvTable curves = new CsvTable("app", "sync", "setting", "system", "clock", "seconds", "objective");
    Summary fresh = new Summary();
    Map<String, List<String>> costCats = new LinkedHashMap<>();
    Map<String, Map<String, List<Double>>> costBars = new LinkedHashMap<>();
    for (Cell cell : run.cells()) {
      GaiaBenchApp app = cell.app();
      RunOutcome lan = cell.get("lan");
      RunOutcome base = cell.get("baseline");
      RunOutcome gaia = cell.get("gaia");
      String sync = GaiaBenchRun.syncName(cell.staleness());
      List<Plots.Series> series = new ArrayList<>();
      for (Row row : cell.rows()) {
        RunOutcome o = row.outcome();
        double speedup = speedupVsBaseline(base, o.timeToTarget());
        double vsLan = timeVsLan(o.timeToTarget(), lan);
        boolean isLan = row.system().equals("lan");
        double quality = quality(app, o);
        runs.add(app.name(), sync, cell.setting(), row.system(), o.dataCentres(), o.reached(), o.target(),
            o.timeToTarget(), speedup, vsLan, o.trainSeconds(), o.clocks(), o.wanBytes(),
            isLan ? Double.NaN : wanBytesRatio(o, base), o.sentShare(), o.barriers(),
            o.totalDataBytes(), o.computeUsd(), o.waitingUsd(), o.transferUsd(), o.totalUsd(),
            costVsBaseline(o.totalUsd(), base), quality, row.finalObjective(), o.wallSeconds(),
            run.loads().getOrDefault(o.label(), Double.NaN));
        shown.add(app.name(), sync, cell.setting(), row.system(), o.reached(), o.timeToTarget(), speedup, vsLan,
            o.clocks(), o.wanBytes() / 1e6, isLan ? Double.NaN : wanBytesRatio(o, base),
            isLan ? Double.NaN : o.sentShare(), o.totalUsd(), costVsBaseline(o.totalUsd(), base), quality,
            row.finalObjective());
        double[] x = new double[o.curve().size()];
        double[] y = new double[o.curve().size()];
        for (int i = 0; i < x.length; i++) {
          double[] p = o.curve().get(i);
          x[i] = p[1];
          y[i] = p[2];
          curves.add(app.name(), sync, cell.setting(), row.system(), (long) p[0], p[1], p[2]);
        }
        series.add(new Plots.Series(row.system(), x, y));
      }
      Centralized c = cell.centralized();
      runs.add(app.name(), sync, cell.setting(), "centralized", 1, lan.reached(), lan.target(), c.totalSeconds(),
          speedupVsBaseline(base, c.totalSeconds()), timeVsLan(c.totalSeconds(), lan), lan.trainSeconds(),
          lan.clocks(), gaia.totalDataBytes(), Double.NaN, Double.NaN, 0, gaia.totalDataBytes(), c.trainUsd(),
          c.moveMachinesUsd(), c.transferUsd(), c.totalUsd(), costVsBaseline(c.totalUsd(), base), quality(app, lan),
          cell.rows().get(0).finalObjective(), Double.NaN, Double.NaN);
      shown.add(app.name(), sync, cell.setting(), "centralized->" + c.destination(), lan.reached(), c.totalSeconds(),
          speedupVsBaseline(base, c.totalSeconds()), timeVsLan(c.totalSeconds(), lan), lan.clocks(),
          gaia.totalDataBytes() / 1e6, Double.NaN, Double.NaN, c.totalUsd(), costVsBaseline(c.totalUsd(), base),
          quality(app, lan), cell.rows().get(0).finalObjective());
      double target = lan.target();
      series.add(new Plots.Series("target", new double[] {0, base.trainSeconds()}, new double[] {target, target}));
      String tag = GaiaBenchRun.syncTag(cell.staleness());
      Plots.lines(spec.out().resolve("convergence-" + app.name() + "-" + GaiaBenchRun.key(cell.setting()) + tag.replace('_', '-')
              + ".png"), app.name().toUpperCase(Locale.ROOT) + ", " + cell.setting() + ", " + sync
              + ": objective vs training time", "training time (s)", app.objective(), series, app.name().equals("mf"));
      summarise(cell, fresh);
      String cat = app.name() + tag;
      costCats.computeIfAbsent(cat, x -> new ArrayList<>()).add(cell.setting());
      Map<String, List<Double>> bars = costBars.computeIfAbsent(cat, x -> new LinkedHashMap<>());
      for (Row row : cell.rows()) {
        if (!row.system().equals("lan")) {
          bars.computeIfAbsent(row.system(), x -> new ArrayList<>()).add(row.outcome().totalUsd());
        }
      }
      bars.computeIfAbsent("centralized", x -> new ArrayList<>()).add(c.totalUsd());
    }
    appendCsv(runs, spec.out().resolve("runs.csv"), spec);
    appendCsv(curves, spec.out().resolve("convergence.csv"), spec);
    for (Map.Entry<String, List<String>> e : costCats.entrySet()) {
      Map<String, double[]> bars = new LinkedHashMap<>();
      for (Map.Entry<String, List<Double>> b : costBars.get(e.getKey()).entrySet()) {
        if (b.getValue().size() == e.getValue().size()) {
          bars.put(b.getKey(), b.getValue().stream().mapToDouble(Double::doubleValue).toArray());
        }
      }
      Plots.bars(spec.out().resolve("cost-" + e.getKey().replace('_', '-') + ".png"), e.getKey().toUpperCase(Locale.ROOT)
          + ": cost until the target objective (Table 5.1 prices)", "setting", "USD", e.getValue(), bars, false);
    }
    Summary summary = merge(spec, fresh);
    summary.write(spec.out().resolve("summary.json"));
    out.println();
    out.println(shown.toText());
    out.printf(Locale.ROOT, "%nbench took %s; results in %s%n", Progress.duration(run.seconds()),
        spec.out().toAbsolutePath());
    for (Map.Entry<String, Object> e : fresh.asMap().entrySet()) {
      out.println("  " + e.getKey() + " = " + e.getValue());
    }
    return summary;
  }

  /**
   * The summary of this run merged into the one already in the output directory: keys of the
   * applications benchmarked now are replaced, others kept; {@code ec2_11_overlay_wan_bytes_ratio}
   * is the mean of every application's BSP ratio present.
   */
  private static Summary merge(GaiaBenchSpec spec, Summary fresh) throws IOException {
    Path f = spec.out().resolve("summary.json");
    Map<String, Object> merged = new TreeMap<>();
    if (Files.exists(f)) {
      try {
        merged.putAll(SummaryJson.parse(Files.readString(f, StandardCharsets.UTF_8), f.toString()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("existing " + f + " is not a flat JSON summary (move it away): "
            + e.getMessage(), e);
      }
    }
    for (GaiaBenchApp a : spec.apps()) {
      merged.keySet().removeIf(k -> k.startsWith(a.name() + "_"));
    }
    merged.putAll(fresh.asMap());
    merged.remove("ec2_11_overlay_wan_bytes_ratio");
    meanOverlayRatio(merged).ifPresent(mean -> merged.put("ec2_11_overlay_wan_bytes_ratio", mean));
    Summary s = new Summary();
    for (Map.Entry<String, Object> e : merged.entrySet()) {
      Object v = e.getValue();
      if (v instanceof Boolean b) {
        s.put(e.getKey(), b);
      } else if (v instanceof Long l) {
        s.put(e.getKey(), l);
      } else if (v instanceof Integer i) {
        s.put(e.getKey(), (long) i);
      } else if (v instanceof Number x) {
        s.put(e.getKey(), x.doubleValue());
      } else if (v == null) {
        s.put(e.getKey(), Double.NaN);
      } else {
        s.put(e.getKey(), v.toString());
      }
    }
    return s;
  }

  /** Writes {@code table}, keeping the rows of other applications an earlier bench wrote there. */
  private static void appendCsv(CsvTable table, Path file, GaiaBenchSpec spec) throws IOException {
    List<String> kept = new ArrayList<>();
    if (Files.exists(file)) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (!lines.isEmpty() && lines.get(0).startsWith("app,")) {
        for (String l : lines.subList(1, lines.size())) {
          String app = l.substring(0, Math.max(0, l.indexOf(',')));
          if (spec.apps().stream().noneMatch(a -> a.name().equals(app))) {
            kept.add(l);
          }
        }
      }
    }
    table.write(file);
    if (!kept.isEmpty()) {
      Files.write(file, kept, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
  }

  /**
   * Writes {@code bench-config-<app>.txt}: how {@code app} is benchmarked, the WANs' links (and
   * hubs), ending with the effective settings ({@link BenchOptions#ALL}).
   */
  static void writeConfig(GaiaBenchSpec spec, GaiaBenchApp app, Map<String, WanTopology> wans, int cores)
      throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append("# tributary gaia bench --app ").append(app.name()).append(": configuration of this run\n");
    sb.append("application = ").append(app.settings()).append('\n');
    sb.append("asp = ").append(app.asp()).append('\n');
    sb.append("target = LAN's converged objective").append(app.targetSlack() > 0
        ? String.format(Locale.ROOT, " %s %.3g", app.lowerIsBetter() ? "+" : "-", app.targetSlack()) : "")
        .append(" (").append(app.objective()).append(", ").append(app.lowerIsBetter() ? "lower" : "higher")
        .append(" is better)\n");
    sb.append("synchronisation = ");
    for (int s : spec.syncs()) {
      sb.append(s == 0 ? "BSP " : "SSP(staleness " + s + "; among all workers for LAN/BASELINE, inside data centres"
          + " for Gaia) ");
    }
    sb.append('\n');
    sb.append("workers per data centre = ").append(spec.workersPerDcTwo()).append(" (2 data centres), ")
        .append(spec.workersPerDcMany()).append(" (11 data centres); LAN has the same total in one data centre\n");
    sb.append("machine = ").append(cores).append(" cores; ").append(GaiaBench.JVMS)
        .append(" JVM per run for every system, Spark local[").append(cores).append("], heap ").append(spec.heap())
        .append("; the data centres of a run share it (own link server, certificate, parameter store, "
            + "fair-scheduler pool)\n");
    sb.append("bandwidth scale = ").append(spec.bandwidthScale()).append(" (latencies unscaled)\n");
    sb.append("time limit per run = ").append(spec.maxSeconds()).append(" s\n");
    sb.append("convergence = LAN until < 2% change over 10 clocks; every system, LAN included, timed to the first"
        + " clock at the target\n");
    sb.append("scoring = every clock, on the model every data centre would hold (Gaia: its copy less its own"
        + " held-back updates); final_objective on the final model after the final flush\n");
    sb.append("prices = Table 5.1 (CostModel.ec2January2017); machines = workers; waiting = training time not in"
        + " Spark jobs\n");
    sb.append("centralized = data of every data centre moved in parallel to the cheapest destination (one low-cost"
        + " instance per sender), then LAN's training there (Table 5.2)\n");
    for (Map.Entry<String, WanTopology> e : wans.entrySet()) {
      sb.append("wan ").append(e.getKey()).append(" = ").append(e.getValue().name()).append('\n');
      for (String l : GaiaWans.describeLinks(e.getValue())) {
        sb.append("  ").append(l).append('\n');
      }
      if (spec.overlay() && e.getValue().size() > 2) {
        sb.append("  overlay:\n");
        for (String l : HubOverlay.of(e.getValue()).describe().split("\n")) {
          sb.append("    ").append(l).append('\n');
        }
      }
    }
    sb.append("# the bench's settings, as 'tributary gaia bench --help' names them\n");
    sb.append(spec.options().toText(BenchOptions.ALL));
    AtomicFiles.writeString(spec.out().resolve("bench-config-" + app.name() + ".txt"), sb.toString());
  }
}
