package io.tributary.gaia.launch;

import io.tributary.common.asp.AspConfig;
import io.tributary.common.asp.HubOverlay;
import io.tributary.common.config.Settings;
import io.tributary.common.io.AtomicFiles;
import io.tributary.common.report.CsvTable;
import io.tributary.common.report.Plots;
import io.tributary.common.report.Progress;
import io.tributary.common.report.Summary;
import io.tributary.common.wan.CostModel;
import io.tributary.common.wan.WanTopology;
import io.tributary.gaia.app.GaiaApp;
import io.tributary.gaia.deploy.AppSettings;
import io.tributary.gaia.deploy.GaiaRunConfig.GaiaSystem;
import io.tributary.gaia.deploy.GaiaWans;
import io.tributary.gaia.options.BenchOptions;
import io.tributary.gaia.options.LaunchOptions;
import io.tributary.gaia.runtime.StopRule;
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
 * {@code tributary gaia bench --app mf|tm|ic}: LAN, BASELINE and Gaia side by side on the V/C and
 * S/S two-data-centre WANs and the 11-region EC2 WAN, with the thesis's method (§5.4.3): LAN runs
 * to convergence (less than 2% change over 10 clocks) and its objective there becomes the target;
 * every system, LAN included, is timed to the first clock at which it reaches that objective (IC:
 * within 1 percentage point of LAN's test accuracy, since a single accuracy reading is noisy).
 *
 * <p>Fairness (docs/benchmarks.md): every system gets the same workers, threads and JVM count (one
 * JVM per run, Spark {@code local[cores]}: LAN's single data centre cannot use more), the same data
 * and the same stopping rule, and its objective is scored every clock on the model every data
 * centre would hold ({@link io.tributary.gaia.runtime.SyncLayer#consensus}: for Gaia without its
 * own held-back updates). The final model, after the final flush, is scored once more
 * ({@code final_objective}) and by the application's held-out figures.
 *
 * <p>{@code --sync bsp,ssp} runs every setting with BSP and with SSP (thesis §5.5.6): SSP among all
 * workers for LAN and BASELINE, and inside each data centre for Gaia. {@code --overlay} adds Gaia
 * through the hub overlay (§5.3.5, groups by continent) on the 11-region setting. Every setting
 * is also compared with CENTRALIZED (Table 5.2): the data moved to the cheapest data centre, then
 * LAN's training there.
 *
 * <p>Writes {@code runs.csv}, {@code convergence.csv}, {@code convergence-<app>-<setting>.png},
 * {@code cost-<app>.png}, {@code bench-config-<app>.txt} (ending with the effective settings,
 * {@link BenchOptions#ALL}) and {@code summary.json} (merged with the
 * keys of other applications benchmarked into the same directory) and prints the table.
 *
 * <p>Scaling to a small machine: the data centres of a run share one JVM and its Spark context
 * (each with its own link server, certificate, parameter store and fair-scheduler pool), so
 * they have the threads LAN has. Link shapes are the WAN's, optionally scaled by one factor.
 */
public final class GaiaBench {
  private GaiaBench() {}

  /**
   * One application of the benchmark.
   *
   * @param name {@code mf}, {@code tm} or {@code ic}
   * @param settings its data and model
   * @param asp its ASP settings
   * @param targetSlack how far below LAN's converged objective the target lies (IC: 0.01 accuracy)
   */
  public record BenchApp(String name, AppSettings settings, AspConfig asp, double targetSlack) {
    /** MF's loss falls; TM's log-likelihood and IC's accuracy rise. */
    public boolean lowerIsBetter() {
      return name.equals("mf");
    }

    double target(double lan) {
      return lowerIsBetter() ? lan + targetSlack : lan - targetSlack;
    }

    /**
     * Whether a final model's objective bears out a run that stopped at {@code target}: within 1%
     * of it (MF, TM), or within 3 points of accuracy for IC, whose reading on 600 test images
     * varies by 2-3 points from one clock to the next. A run scored early on a model that is not
     * yet shared by every data centre (updates still in flight) can stop at a reading its final
     * model does not reach; it is then counted as not having reached the target.
     */
    public boolean bearsOut(double finalObjective, double target) {
      if (Double.isNaN(finalObjective)) {
        return false;
      }
      double tolerance = name.equals("ic") ? 0.03 : 0.01 * Math.abs(target);
      return lowerIsBetter() ? finalObjective <= target + tolerance : finalObjective >= target - tolerance;
    }

    /** {@code o} as it stands once its final model is checked ({@link #bearsOut}). */
    public RunOutcome verified(RunOutcome o, double finalObjective) {
      if (!o.reached() || bearsOut(finalObjective, o.target())) {
        return o;
      }
      return o.unreached(String.format(Locale.ROOT, "stopped at the target (%s) but its final model scores %.5g",
          o.reason(), finalObjective));
    }

    String objective() {
      return switch (name) {
        case "mf" -> "mean loss per rating";
        case "tm" -> "log-likelihood per token";
        default -> "test accuracy";
      };
    }
  }

  /**
   * Benchmark settings: where the outputs go, the applications (built from the problem options by
   * {@link GaiaCli#bench}), and the values of {@link BenchOptions#ALL}, read through the methods
   * below and recorded in {@code bench-config-<app>.txt}.
   *
   * @param out output directory
   * @param apps the applications
   * @param options the values of {@link BenchOptions#ALL}
   */
  public record BenchSpec(Path out, List<BenchApp> apps, Settings options) {
    public BenchSpec {
      syncs(options); // a bad --sync is refused before anything is written
    }

    /** WANs to run, from {@code vc}, {@code ss}, {@code ec2-11}. */
    public List<String> settings() {
      return options.get(BenchOptions.SETTINGS);
    }

    /** Workers per data centre in the two-data-centre settings. */
    public int workersPerDcTwo() {
      return options.get(BenchOptions.WORKERS);
    }

    /** Workers per data centre in the 11-data-centre setting. */
    public int workersPerDcMany() {
      return options.get(BenchOptions.WORKERS_11);
    }

    /** Whether Gaia_Async also runs on every setting. */
    public boolean withAsync() {
      return options.get(BenchOptions.WITH_ASYNC);
    }

    /** Factor applied to every WAN bandwidth. */
    public double bandwidthScale() {
      return options.get(LaunchOptions.BANDWIDTH_SCALE);
    }

    /** Heap of each run's JVM. */
    public String heap() {
      return options.get(LaunchOptions.HEAP);
    }

    /** Time limit per run. */
    public double maxSeconds() {
      return options.get(BenchOptions.MAX_SECONDS);
    }

    /** Synchronisation inside data centres: 0 is BSP, {@code s > 0} SSP with staleness s. */
    public List<Integer> syncs() {
      return syncs(options);
    }

    /** Whether Gaia also runs with the hub overlay where there are more than two data centres. */
    public boolean overlay() {
      return options.get(BenchOptions.OVERLAY);
    }

    private static List<Integer> syncs(Settings options) {
      List<Integer> syncs = new ArrayList<>();
      for (String sync : options.get(BenchOptions.SYNC)) {
        switch (sync.strip().toLowerCase(Locale.ROOT)) {
          case "bsp" -> syncs.add(0);
          case "ssp" -> syncs.add(options.get(BenchOptions.SSP_STALENESS));
          default -> throw new IllegalArgumentException("--sync must be bsp and/or ssp, got '" + sync + "'");
        }
      }
      return syncs;
    }
  }

  /** The machine's 1-minute load average (NaN where unknown): other work skews timings. */
  static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  private static String key(String setting) {
    return setting.replace('-', '_');
  }

  private static int dcsOf(String setting) {
    return switch (setting) {
      case "vc", "ss" -> 2;
      case "ec2-11" -> 11;
      default -> throw new IllegalArgumentException("unknown bench setting '" + setting + "'; use vc, ss, ec2-11");
    };
  }

  private static String syncTag(int staleness) {
    return staleness == 0 ? "" : "_ssp";
  }

  private static String syncName(int staleness) {
    return staleness == 0 ? "bsp" : "ssp" + staleness;
  }

  /** JVMs per run, for every system alike: LAN's one data centre cannot use more. */
  static final int JVMS = 1;

  /**
   * One system's run in a setting ({@code gaia-overlay} is Gaia with hubs).
   *
   * @param finalObjective the objective of its final model after the final flush
   */
  record Row(String system, RunOutcome outcome, double finalObjective) {}

  /** Everything measured for one application, synchronisation and setting. */
  record Cell(BenchApp app, int staleness, String setting, WanTopology wan, List<Row> rows, Centralized centralized) {
    RunOutcome get(String system) {
      return rows.stream().filter(r -> r.system.equals(system)).map(Row::outcome).findFirst().orElse(null);
    }
  }

  /** Runs the benchmark and returns the summary it wrote. */
  public static Summary run(BenchSpec spec, PrintStream out) throws IOException, InterruptedException {
    Files.createDirectories(spec.out());
    CostModel prices = GaiaLauncher.defaultPrices();
    int cores = GaiaLauncher.cores();
    Map<String, WanTopology> wans = new LinkedHashMap<>();
    for (String s : spec.settings()) {
      wans.put(s, GaiaWans.resolve(s, dcsOf(s), spec.bandwidthScale()));
    }
    for (BenchApp a : spec.apps()) {
      writeConfig(spec, a, wans, cores);
    }
    int perSetting = 2 + (spec.withAsync() ? 1 : 0);
    int runs = 0;
    for (String s : spec.settings()) {
      runs += perSetting + (spec.overlay() && dcsOf(s) > 2 ? 1 : 0);
    }
    runs += (int) spec.settings().stream().map(GaiaBench::dcsOf).distinct().count();
    Progress progress = new Progress("gaia bench", runs * spec.apps().size() * spec.syncs().size(), 0, System.err);
    long benchStart = System.nanoTime();
    Map<String, Double> loads = new LinkedHashMap<>();
    List<Cell> cells = new ArrayList<>();
    for (BenchApp app : spec.apps()) {
      // Only to combine the data centres' scores of the final model (the objective's formula).
      GaiaApp<?> scorer = app.settings().build();
      for (int staleness : spec.syncs()) {
        Map<Integer, RunOutcome> lans = new LinkedHashMap<>();
        for (String setting : spec.settings()) {
          int n = dcsOf(setting);
          int workers = n == 2 ? spec.workersPerDcTwo() : spec.workersPerDcMany();
          String prefix = app.name() + "-" + syncName(staleness) + "-";
          RunOutcome lan = lans.get(n);
          if (lan == null) {
            String label = prefix + "lan-" + n;
            loads.put(label, loadAverage());
            // LAN: every worker in one data centre, SSP (if any) among all of them.
            lan = GaiaLauncher.launch(new GaiaLauncher.LaunchSpec(label,
                new GaiaLauncher.Deployment(GaiaSystem.LAN, wans.get(setting), n, workers, false), app.settings(),
                app.asp(), new GaiaLauncher.Staleness(0, staleness), StopRule.converge(100_000, spec.maxSeconds()),
                new GaiaLauncher.Jvms(JVMS, cores, spec.heap()), spec.out()), prices);
            if (!lan.reached()) {
              throw new IllegalStateException(app.name() + " LAN with " + n + " x " + workers + " workers did not"
                  + " converge (" + lan.reason() + "); no target objective for the other settings");
            }
            progress.step(String.format(Locale.ROOT, "%s %s LAN (%d workers) converged to %.5f in %.1f s", app.name(),
                syncName(staleness), n * workers, lan.target(), lan.timeToTarget()));
            // LAN is timed like the others: to the first clock at the target they are given.
            lan = lan.timedTo(app.target(lan.target()), app.lowerIsBetter());
            lan = app.verified(lan, lan.finalObjective(scorer));
            lans.put(n, lan);
          }
          double target = lan.target();
          List<Row> rows = new ArrayList<>();
          rows.add(new Row("lan", lan, lan.finalObjective(scorer)));
          List<String> systems = new ArrayList<>(List.of("baseline", "gaia"));
          if (spec.withAsync()) {
            systems.add("gaia-async");
          }
          if (spec.overlay() && n > 2) {
            systems.add("gaia-overlay");
          }
          for (String sys : systems) {
            boolean overlay = sys.equals("gaia-overlay");
            GaiaSystem system = GaiaSystem.parse(overlay ? "gaia" : sys);
            String label = prefix + key(setting) + "-" + sys;
            loads.put(label, loadAverage());
            // BASELINE's SSP is among all workers (at its parameter server); Gaia's inside data centres.
            int ps = system == GaiaSystem.BASELINE ? staleness : 0;
            int intra = system == GaiaSystem.BASELINE ? 0 : staleness;
            RunOutcome r = GaiaLauncher.launch(new GaiaLauncher.LaunchSpec(label,
                new GaiaLauncher.Deployment(system, wans.get(setting), n, workers, overlay), app.settings(), app.asp(),
                new GaiaLauncher.Staleness(ps, intra), StopRule.reach(target, 100_000, spec.maxSeconds()),
                new GaiaLauncher.Jvms(JVMS, cores, spec.heap()), spec.out()), prices);
            double fin = r.finalObjective(scorer);
            r = app.verified(r, fin);
            rows.add(new Row(sys, r, fin));
            progress.step(String.format(Locale.ROOT, "%s %s %s %s: %s", app.name(), syncName(staleness), setting, sys,
                r.reached() ? String.format(Locale.ROOT, "target in %.1f s", r.timeToTarget()) : r.reason()));
          }
          Centralized central = Centralized.cheapest(wans.get(setting), rows.get(rows.size() - 1).outcome().dataBytes(),
              lan, prices);
          cells.add(new Cell(app, staleness, setting, wans.get(setting), rows, central));
        }
      }
    }
    double benchSeconds = (System.nanoTime() - benchStart) / 1e9;
    Summary summary = report(spec, cells, loads, out, benchSeconds);
    return summary;
  }

  private static Summary report(BenchSpec spec, List<Cell> cells, Map<String, Double> loads, PrintStream out,
      double benchSeconds) throws IOException {
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
    for (Cell cell : cells) {
      BenchApp app = cell.app();
      RunOutcome lan = cell.get("lan");
      RunOutcome base = cell.get("baseline");
      RunOutcome gaia = cell.get("gaia");
      String sync = syncName(cell.staleness());
      List<Plots.Series> series = new ArrayList<>();
      for (Row row : cell.rows()) {
        RunOutcome o = row.outcome();
        double speedup = baselineTime(base) / o.timeToTarget();
        double vsLan = o.timeToTarget() / lan.timeToTarget();
        boolean isLan = row.system().equals("lan");
        double quality = quality(app, o);
        runs.add(app.name(), sync, cell.setting(), row.system(), o.dataCentres(), o.reached(), o.target(),
            o.timeToTarget(), speedup, vsLan, o.trainSeconds(), o.clocks(), o.wanBytes(),
            isLan ? Double.NaN : (double) o.wanBytes() / base.wanBytes(), o.sentShare(), o.barriers(),
            o.totalDataBytes(), o.computeUsd(), o.waitingUsd(), o.transferUsd(), o.totalUsd(),
            o.totalUsd() / base.totalUsd(), quality, row.finalObjective(), o.wallSeconds(),
            loads.getOrDefault(o.label(), Double.NaN));
        shown.add(app.name(), sync, cell.setting(), row.system(), o.reached(), o.timeToTarget(), speedup, vsLan,
            o.clocks(), o.wanBytes() / 1e6, isLan ? Double.NaN : (double) o.wanBytes() / base.wanBytes(),
            isLan ? Double.NaN : o.sentShare(), o.totalUsd(), o.totalUsd() / base.totalUsd(), quality,
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
          baselineTime(base) / c.totalSeconds(), c.totalSeconds() / lan.timeToTarget(), lan.trainSeconds(),
          lan.clocks(), gaia.totalDataBytes(), Double.NaN, Double.NaN, 0, gaia.totalDataBytes(), c.trainUsd(),
          c.moveMachinesUsd(), c.transferUsd(), c.totalUsd(), c.totalUsd() / base.totalUsd(), quality(app, lan),
          cell.rows().get(0).finalObjective(), Double.NaN, Double.NaN);
      shown.add(app.name(), sync, cell.setting(), "centralized->" + c.destination(), lan.reached(), c.totalSeconds(),
          baselineTime(base) / c.totalSeconds(), c.totalSeconds() / lan.timeToTarget(), lan.clocks(),
          gaia.totalDataBytes() / 1e6, Double.NaN, Double.NaN, c.totalUsd(), c.totalUsd() / base.totalUsd(),
          quality(app, lan), cell.rows().get(0).finalObjective());
      double target = lan.target();
      series.add(new Plots.Series("target", new double[] {0, base.trainSeconds()}, new double[] {target, target}));
      String tag = syncTag(cell.staleness());
      Plots.lines(spec.out().resolve("convergence-" + app.name() + "-" + key(cell.setting()) + tag.replace('_', '-')
              + ".png"), app.name().toUpperCase(Locale.ROOT) + ", " + cell.setting() + ", " + sync
              + ": objective vs training time", "training time (s)", app.objective(), series, app.name().equals("mf"));
      String k = app.name() + "_" + key(cell.setting()) + tag + "_";
      fresh.put(k + "speedup_vs_baseline", baselineTime(base) / gaia.timeToTarget());
      // BASELINE stopped at --max-seconds without reaching the target: the speedup is a lower bound.
      fresh.put(k + "speedup_is_lower_bound", !base.reached());
      fresh.put(k + "baseline_reached_target", base.reached());
      fresh.put(k + "time_vs_lan", gaia.timeToTarget() / lan.timeToTarget());
      fresh.put(k + "wan_bytes_ratio", (double) gaia.wanBytes() / base.wanBytes());
      fresh.put(k + "reached_target", gaia.reached());
      Row gaiaRow = cell.rows().stream().filter(r -> r.system().equals("gaia")).findFirst().orElseThrow();
      fresh.put(k + "final_objective", gaiaRow.finalObjective());
      fresh.put(k + "lan_final_objective", cell.rows().get(0).finalObjective());
      fresh.put(k + "cost_vs_baseline", gaia.totalUsd() / base.totalUsd());
      fresh.put(k + "speedup_vs_centralized", c.totalSeconds() / gaia.timeToTarget());
      fresh.put(k + "cost_vs_centralized", gaia.totalUsd() / c.totalUsd());
      RunOutcome hubs = cell.get("gaia-overlay");
      if (hubs != null) {
        fresh.put(k + "overlay_wan_bytes_ratio", (double) hubs.wanBytes() / gaia.wanBytes());
        fresh.put(k + "overlay_wan_bytes_per_clock_ratio",
            ((double) hubs.wanBytes() / Math.max(1, hubs.clocks())) / ((double) gaia.wanBytes() / Math.max(1, gaia.clocks())));
        fresh.put(k + "overlay_speedup_vs_baseline", baselineTime(base) / hubs.timeToTarget());
        fresh.put(k + "overlay_reached_target", hubs.reached());
        fresh.put(k + "overlay_cost_vs_baseline", hubs.totalUsd() / base.totalUsd());
      }
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
    out.printf(Locale.ROOT, "%nbench took %s; results in %s%n", Progress.duration(benchSeconds),
        spec.out().toAbsolutePath());
    for (Map.Entry<String, Object> e : fresh.asMap().entrySet()) {
      out.println("  " + e.getKey() + " = " + e.getValue());
    }
    return summary;
  }

  /**
   * BASELINE's time to the target, or, where it ran out of time ({@code --max-seconds}) first, the
   * training time it ran: speedups over it are then lower bounds (flagged in the summary).
   */
  public static double baselineTime(RunOutcome base) {
    return base.reached() ? base.timeToTarget() : base.trainSeconds();
  }

  /** The final model's quality: TM's held-out perplexity, IC's test accuracy (NaN for MF). */
  private static double quality(BenchApp app, RunOutcome o) {
    return switch (app.name()) {
      case "tm" -> o.eval("heldout_perplexity");
      case "ic" -> o.eval("test_accuracy");
      default -> Double.NaN;
    };
  }

  /**
   * The summary of this run merged into the one already in the output directory: keys of the
   * applications benchmarked now are replaced, others kept; {@code ec2_11_overlay_wan_bytes_ratio}
   * is the mean of every application's BSP ratio present.
   */
  private static Summary merge(BenchSpec spec, Summary fresh) throws IOException {
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
    for (BenchApp a : spec.apps()) {
      merged.keySet().removeIf(k -> k.startsWith(a.name() + "_"));
    }
    merged.putAll(fresh.asMap());
    List<Double> ratios = new ArrayList<>();
    for (String app : List.of("mf", "tm", "ic")) {
      Object v = merged.get(app + "_ec2_11_overlay_wan_bytes_ratio");
      if (v instanceof Number x) {
        ratios.add(x.doubleValue());
      }
    }
    merged.remove("ec2_11_overlay_wan_bytes_ratio");
    if (!ratios.isEmpty()) {
      merged.put("ec2_11_overlay_wan_bytes_ratio", ratios.stream().mapToDouble(Double::doubleValue).average()
          .orElseThrow());
    }
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
  private static void appendCsv(CsvTable table, Path file, BenchSpec spec) throws IOException {
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

  private static void writeConfig(BenchSpec spec, BenchApp app, Map<String, WanTopology> wans, int cores)
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
    sb.append("machine = ").append(cores).append(" cores; ").append(JVMS)
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
