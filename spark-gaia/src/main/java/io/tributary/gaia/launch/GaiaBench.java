package io.tributary.gaia.launch;

import io.tributary.common.asp.AspConfig;
import io.tributary.common.report.CsvTable;
import io.tributary.common.report.Plots;
import io.tributary.common.report.Progress;
import io.tributary.common.report.Summary;
import io.tributary.gaia.deploy.GaiaRunConfig;
import io.tributary.gaia.deploy.GaiaRunConfig.GaiaSystem;
import io.tributary.gaia.deploy.GaiaWans;
import io.tributary.common.wan.CostModel;
import io.tributary.common.wan.WanTopology;
import io.tributary.gaia.mf.MatrixFactorization;
import io.tributary.gaia.runtime.StopRule;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code tributary gaia bench --app mf}: LAN, BASELINE and Gaia side by side on the V/C and S/S
 * two-data-centre WANs and the 11-region EC2 WAN, BSP inside data centres, with the thesis's
 * method (§5.4.3): LAN runs to convergence (less than 2% change over 10 clocks) and its objective
 * there becomes the target; every other setting is timed to reach that objective. Writes
 * {@code runs.csv}, {@code convergence.csv}, {@code convergence-<setting>.png}, {@code cost.png},
 * {@code bench-config.txt} and {@code summary.json} to the output directory and prints the table.
 *
 * <p>Scaling to a small machine: every data centre runs as its own Spark {@code local[k]}
 * application; with more data centres than JVMs (11 regions on 2 cores) several data centres
 * share a JVM and its Spark context (each with its own link server, certificate, parameter store
 * and fair-scheduler pool). Link shapes are the WAN's, optionally scaled by one factor.
 */
public final class GaiaBench {
  private GaiaBench() {}

  /**
   * Benchmark settings.
   *
   * @param out output directory
   * @param data the generated rating matrix
   * @param rank model rank
   * @param learningRate SGD step size at clock 1
   * @param lambda regularisation
   * @param settings WANs to run, from {@code vc}, {@code ss}, {@code ec2-11}
   * @param workersPerDcTwo workers per data centre in the two-data-centre settings
   * @param workersPerDcMany workers per data centre in the 11-data-centre setting
   * @param asp ASP settings
   * @param withAsync also run Gaia_Async on every setting
   * @param bandwidthScale factor applied to every WAN bandwidth
   * @param jvms JVMs per run at most
   * @param heap heap per JVM
   * @param maxSeconds time limit per run
   */
  public record BenchSpec(Path out, MatrixFactorization.LowRankSpec data, int rank, double learningRate, double lambda,
      List<String> settings, int workersPerDcTwo, int workersPerDcMany, AspConfig asp, boolean withAsync,
      double bandwidthScale, int jvms, String heap, double maxSeconds) {}

  /** Defaults: a 20000 x 4000 matrix with 1M ratings, rank 16; a run takes about a minute. */
  public static MatrixFactorization.LowRankSpec defaultData() {
    return new MatrixFactorization.LowRankSpec(20_000, 4_000, 8, 50, 0.1, 1.5, 42);
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

  /** Runs the benchmark and returns the summary it wrote. */
  public static Summary run(BenchSpec spec, PrintStream out) throws IOException, InterruptedException {
    Files.createDirectories(spec.out());
    CostModel prices = GaiaLauncher.defaultPrices();
    GaiaRunConfig.MfSettings mf = new GaiaRunConfig.MfSettings(spec.rank(), spec.learningRate(), spec.lambda(), 1,
        spec.data(), null, 0, false);
    int cores = GaiaLauncher.cores();
    Map<String, WanTopology> wans = new LinkedHashMap<>();
    for (String s : spec.settings()) {
      wans.put(s, GaiaWans.resolve(s, dcsOf(s), spec.bandwidthScale()));
    }
    writeConfig(spec, wans, cores);
    List<GaiaSystem> systems = new ArrayList<>(List.of(GaiaSystem.BASELINE, GaiaSystem.GAIA));
    if (spec.withAsync()) {
      systems.add(GaiaSystem.GAIA_ASYNC);
    }
    int total = spec.settings().size() * systems.size() + (int) spec.settings().stream().map(GaiaBench::dcsOf)
        .distinct().count();
    Progress progress = new Progress("gaia bench", total, 0, System.err);
    long benchStart = System.nanoTime();

    Map<String, Double> loads = new LinkedHashMap<>();
    Map<Integer, RunOutcome> lans = new LinkedHashMap<>();
    Map<String, Map<GaiaSystem, RunOutcome>> results = new LinkedHashMap<>();
    for (String setting : spec.settings()) {
      int n = dcsOf(setting);
      int workers = n == 2 ? spec.workersPerDcTwo() : spec.workersPerDcMany();
      RunOutcome lan = lans.get(n);
      if (lan == null) {
        loads.put("lan-" + n, loadAverage());
        lan = GaiaLauncher.launch(new GaiaLauncher.LaunchSpec("lan-" + n, GaiaSystem.LAN, wans.get(setting), n,
            workers, mf, spec.asp(), 0, 0, StopRule.converge(100_000, spec.maxSeconds()), 1, cores, spec.heap(),
            spec.out()), prices);
        if (!lan.reached()) {
          throw new IllegalStateException("LAN with " + n + " x " + workers + " workers did not converge ("
              + lan.reason() + "); no target objective for the other settings");
        }
        lans.put(n, lan);
        progress.step(String.format(Locale.ROOT, "LAN (%d workers) converged to %.5f in %.1f s", n * workers,
            lan.target(), lan.timeToTarget()));
      }
      double target = lan.target();
      Map<GaiaSystem, RunOutcome> row = new LinkedHashMap<>();
      row.put(GaiaSystem.LAN, lan);
      for (GaiaSystem sys : systems) {
        loads.put(key(setting) + "-" + sys.label(), loadAverage());
        RunOutcome r = GaiaLauncher.launch(new GaiaLauncher.LaunchSpec(key(setting) + "-" + sys.label(), sys,
            wans.get(setting), n, workers, mf, spec.asp(), 0, 0, StopRule.reach(target, 100_000, spec.maxSeconds()),
            spec.jvms(), cores, spec.heap(), spec.out()), prices);
        row.put(sys, r);
        progress.step(String.format(Locale.ROOT, "%s %s: %s", setting, sys.label(),
            r.reached() ? String.format(Locale.ROOT, "target in %.1f s", r.timeToTarget()) : r.reason()));
      }
      results.put(setting, row);
    }
    double benchSeconds = (System.nanoTime() - benchStart) / 1e9;
    Summary summary = report(spec, results, loads, out, benchSeconds);
    summary.write(spec.out().resolve("summary.json"));
    return summary;
  }

  private static Summary report(BenchSpec spec, Map<String, Map<GaiaSystem, RunOutcome>> results,
      Map<String, Double> loads, PrintStream out, double benchSeconds) throws IOException {
    CsvTable runs = new CsvTable("setting", "system", "data_centres", "reached_target", "target_objective",
        "time_to_target_s", "speedup_vs_baseline", "time_vs_lan", "train_s", "clocks", "wan_bytes",
        "wan_bytes_vs_baseline", "updates_sent_share", "barriers", "cost_compute_usd", "cost_waiting_usd",
        "cost_transfer_usd", "cost_total_usd", "cost_vs_baseline", "wall_s", "load_avg_at_start");
    CsvTable shown = new CsvTable("setting", "system", "reached", "time_to_target_s", "speedup_vs_baseline",
        "time_vs_lan", "clocks", "wan_MB", "wan_vs_baseline", "updates_sent", "cost_usd", "cost_vs_baseline");
    CsvTable curves = new CsvTable("setting", "system", "clock", "seconds", "objective");
    Summary summary = new Summary();
    List<String> costCats = new ArrayList<>();
    double[] costBaseline = new double[results.size()];
    double[] costGaia = new double[results.size()];
    int c = 0;
    for (Map.Entry<String, Map<GaiaSystem, RunOutcome>> e : results.entrySet()) {
      String setting = e.getKey();
      Map<GaiaSystem, RunOutcome> row = e.getValue();
      RunOutcome lan = row.get(GaiaSystem.LAN);
      RunOutcome base = row.get(GaiaSystem.BASELINE);
      RunOutcome gaia = row.get(GaiaSystem.GAIA);
      List<Plots.Series> series = new ArrayList<>();
      for (Map.Entry<GaiaSystem, RunOutcome> r : row.entrySet()) {
        RunOutcome o = r.getValue();
        double speedup = base.timeToTarget() / o.timeToTarget();
        double vsLan = o.timeToTarget() / lan.timeToTarget();
        runs.add(setting, r.getKey().label(), o.dataCentres(), o.reached(), o.target(), o.timeToTarget(), speedup, vsLan,
            o.trainSeconds(), o.clocks(), o.wanBytes(),
            r.getKey() == GaiaSystem.LAN ? Double.NaN : (double) o.wanBytes() / base.wanBytes(), o.sentShare(),
            o.barriers(), o.computeUsd(), o.waitingUsd(), o.transferUsd(), o.totalUsd(),
            o.totalUsd() / base.totalUsd(), o.wallSeconds(), loads.getOrDefault(o.label(), Double.NaN));
        shown.add(setting, r.getKey().label(), o.reached(), o.timeToTarget(), speedup, vsLan, o.clocks(),
            o.wanBytes() / 1e6, r.getKey() == GaiaSystem.LAN ? Double.NaN : (double) o.wanBytes() / base.wanBytes(),
            r.getKey() == GaiaSystem.LAN ? Double.NaN : o.sentShare(), o.totalUsd(), o.totalUsd() / base.totalUsd());
        double[] x = new double[o.curve().size()];
        double[] y = new double[o.curve().size()];
        for (int i = 0; i < x.length; i++) {
          double[] p = o.curve().get(i);
          x[i] = p[1];
          y[i] = p[2];
          curves.add(setting, r.getKey().label(), (long) p[0], p[1], p[2]);
        }
        series.add(new Plots.Series(r.getKey().label(), x, y));
      }
      double lanTarget = lan.target();
      series.add(new Plots.Series("LAN target", new double[] {0, base.trainSeconds()},
          new double[] {lanTarget, lanTarget}));
      Plots.lines(spec.out().resolve("convergence-" + key(setting) + ".png"),
          "MF, " + setting + ": objective vs training time", "training time (s)", "objective (mean loss per rating)",
          series, true);
      String k = "mf_" + key(setting) + "_";
      summary.put(k + "speedup_vs_baseline", base.timeToTarget() / gaia.timeToTarget());
      summary.put(k + "time_vs_lan", gaia.timeToTarget() / lan.timeToTarget());
      summary.put(k + "wan_bytes_ratio", (double) gaia.wanBytes() / base.wanBytes());
      summary.put(k + "reached_target", gaia.reached());
      costCats.add(setting);
      costBaseline[c] = base.totalUsd();
      costGaia[c++] = gaia.totalUsd();
    }
    runs.write(spec.out().resolve("runs.csv"));
    curves.write(spec.out().resolve("convergence.csv"));
    if (!Double.isNaN(costBaseline[0])) {
      Map<String, double[]> bars = new LinkedHashMap<>();
      bars.put("baseline", costBaseline);
      bars.put("gaia", costGaia);
      Plots.bars(spec.out().resolve("cost.png"), "MF: cost until the target objective (Table 5.1 prices)", "setting",
          "USD", costCats, bars, false);
    }
    out.println();
    out.println(shown.toText());
    out.printf(Locale.ROOT, "%nbench took %s; results in %s%n", Progress.duration(benchSeconds),
        spec.out().toAbsolutePath());
    for (Map.Entry<String, Object> e : summary.asMap().entrySet()) {
      out.println("  " + e.getKey() + " = " + e.getValue());
    }
    return summary;
  }

  private static void writeConfig(BenchSpec spec, Map<String, WanTopology> wans, int cores)
      throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append("# tributary gaia bench --app mf: configuration of this run\n");
    sb.append("data = ").append(spec.data()).append(" (").append(spec.data().ratings()).append(" ratings)\n");
    sb.append(String.format(Locale.ROOT, "model = rank %d, lr %.4g/sqrt(t), lambda %.4g, init seed 1%n", spec.rank(),
        spec.learningRate(), spec.lambda()));
    sb.append("asp = ").append(spec.asp()).append('\n');
    sb.append("inside data centres = BSP (one Spark job per clock)\n");
    sb.append("workers per data centre = ").append(spec.workersPerDcTwo()).append(" (2 data centres), ")
        .append(spec.workersPerDcMany()).append(" (11 data centres); LAN has the same total in one data centre\n");
    sb.append("machine = ").append(cores).append(" cores; at most ").append(spec.jvms())
        .append(" JVMs per run, each Spark local[cores/JVMs], heap ").append(spec.heap())
        .append("; data centres beyond the JVM count share a JVM (own link server, certificate, parameter store, "
            + "fair-scheduler pool)\n");
    sb.append("bandwidth scale = ").append(spec.bandwidthScale()).append(" (latencies unscaled)\n");
    sb.append("time limit per run = ").append(spec.maxSeconds()).append(" s\n");
    sb.append("convergence = LAN until < 2% change over 10 clocks; its objective is every setting's target\n");
    sb.append("prices = Table 5.1 (CostModel.ec2January2017)")
        .append("; machines = workers; waiting = training time not in Spark jobs\n");
    for (Map.Entry<String, WanTopology> e : wans.entrySet()) {
      sb.append("wan ").append(e.getKey()).append(" = ").append(e.getValue().name()).append('\n');
      for (String l : GaiaWans.describeLinks(e.getValue())) {
        sb.append("  ").append(l).append('\n');
      }
    }
    Files.writeString(spec.out().resolve("bench-config.txt"), sb.toString(), StandardCharsets.UTF_8);
  }
}
