package io.tributary.gaia.launch;

import static io.tributary.gaia.launch.GaiaBenchRun.key;
import static io.tributary.gaia.launch.GaiaBenchRun.syncName;

import io.tributary.common.report.Progress;
import io.tributary.common.report.Summary;
import io.tributary.common.wan.CostModel;
import io.tributary.common.wan.WanTopology;
import io.tributary.gaia.app.GaiaApp;
import io.tributary.gaia.deploy.GaiaRunConfig.GaiaSystem;
import io.tributary.gaia.deploy.GaiaWans;
import io.tributary.gaia.launch.GaiaBenchRun.Cell;
import io.tributary.gaia.launch.GaiaBenchRun.Row;
import io.tributary.gaia.options.BenchOptions;
import io.tributary.gaia.runtime.StopRule;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
 * <p>This class runs the settings in order (LAN first, its converged objective the others' target)
 * and collects what they measured into a {@link GaiaBenchRun}; what to run is a
 * {@link GaiaBenchSpec}, the figures are {@link GaiaBenchFigures}', the outputs
 * {@link GaiaBenchReport}'s.
 *
 * <p>Scaling to a small machine: the data centres of a run share one JVM and its Spark context
 * (each with its own link server, certificate, parameter store and fair-scheduler pool), so
 * they have the threads LAN has. Link shapes are the WAN's, optionally scaled by one factor.
 */
public final class GaiaBench {
  private GaiaBench() {}

  /** The machine's 1-minute load average (NaN where unknown): other work skews timings. */
  static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  private static int dcsOf(String setting) {
    return switch (setting) {
      case "vc", "ss" -> 2;
      case "ec2-11" -> 11;
      default -> throw new IllegalArgumentException("unknown bench setting '" + setting + "'; use vc, ss, ec2-11");
    };
  }

  /** JVMs per run, for every system alike: LAN's one data centre cannot use more. */
  static final int JVMS = 1;

  /** Runs the benchmark and returns the summary it wrote. */
  public static Summary run(GaiaBenchSpec spec, PrintStream out) throws IOException, InterruptedException {
    Files.createDirectories(spec.out());
    CostModel prices = GaiaLauncher.defaultPrices();
    int cores = GaiaLauncher.cores();
    Map<String, WanTopology> wans = new LinkedHashMap<>();
    for (String s : spec.settings()) {
      wans.put(s, GaiaWans.resolve(s, dcsOf(s), spec.bandwidthScale()));
    }
    for (GaiaBenchApp a : spec.apps()) {
      GaiaBenchReport.writeConfig(spec, a, wans, cores);
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
    for (GaiaBenchApp app : spec.apps()) {
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
    return GaiaBenchReport.write(spec, new GaiaBenchRun(cells, loads, benchSeconds), out);
  }
}
