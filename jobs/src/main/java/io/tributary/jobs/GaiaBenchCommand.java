package io.tributary.jobs;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tributary gaia bench}: LAN, BASELINE and Gaia side by side on V/C, S/S and 11 EC2 regions. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"LAN, BASELINE and Gaia side by side on the V/C and S/S two-data-centre WANs and the 11-region",
        "EC2 WAN, for mf, tm and/or ic (--app tm,ic), BSP and/or SSP (--sync bsp,ssp), optionally with Gaia's hub",
        "overlay on 11 regions (--overlay): time to LAN's converged objective, speedup, WAN bytes, cost (also against",
        "CENTRALIZED, Table 5.2), plots. summary.json is merged with other applications' keys in the same --out."})
public final class GaiaBenchCommand implements Callable<Integer> {
  @Mixin
  GaiaCommand.ProblemOptions problem = new GaiaCommand.ProblemOptions();

  @Option(names = "--settings", split = ",", defaultValue = "vc,ss,ec2-11", description = "WAN settings to run. Default: ${DEFAULT-VALUE}")
  List<String> settings;

  @Option(names = "--workers", defaultValue = "2", description = "Workers per data centre with 2 data centres. Default: ${DEFAULT-VALUE}")
  int workers;

  @Option(names = "--workers-11", defaultValue = "1", description = "Workers per data centre with 11 data centres. Default: ${DEFAULT-VALUE}")
  int workers11;

  @Option(names = "--with-async", description = "Also run Gaia_Async (no barrier, no mirror clock)")
  boolean withAsync;

  @Option(names = "--bandwidth-scale", defaultValue = "1.0", description = "Multiply every WAN bandwidth by this. Default: ${DEFAULT-VALUE}")
  double bandwidthScale;

  @Option(names = "--heap", defaultValue = "3g", converter = OptionConverters.HeapSize.class,
      description = "Heap per JVM, with a unit (e.g. 512m, 4g). Default: ${DEFAULT-VALUE}")
  String heap;

  @Option(names = "--max-seconds", defaultValue = "900", description = "Training time limit per run. Default: ${DEFAULT-VALUE}")
  double maxSeconds;

  @Option(names = "--out", defaultValue = "results/gaia-bench", description = "Output directory. Default: ${DEFAULT-VALUE}")
  Path out;

  @Option(names = "--sync", split = ",", defaultValue = "bsp", description = {"Synchronisation: bsp and/or ssp (SSP among all"
      + " workers for LAN and BASELINE, inside data centres for Gaia; thesis 5.5.6). Default: ${DEFAULT-VALUE}"})
  List<String> sync;

  @Option(names = "--ssp-staleness", defaultValue = "1", description = "Staleness of --sync ssp. Default: ${DEFAULT-VALUE}")
  int sspStaleness;

  @Option(names = "--overlay", description = "Also run Gaia through the hub overlay (groups by continent) on ec2-11")
  boolean overlay;

  @Override
  public Integer call() throws Exception {
    return io.tributary.gaia.launch.GaiaCli.bench(new io.tributary.gaia.launch.GaiaCli.BenchOptions(
        GaiaProblems.of(problem), settings, workers, workers11, withAsync, bandwidthScale, heap, maxSeconds,
        GaiaCommand.underRoot(out), sync, sspStaleness, overlay), System.out);
  }
}
