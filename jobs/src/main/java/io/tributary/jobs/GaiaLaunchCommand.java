package io.tributary.jobs;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tributary gaia launch}: starts N data-centre applications on this machine and collects their results. */
@Command(name = "launch", mixinStandardHelpOptions = true,
    description = {"Start N data-centre Spark applications on this machine (separate JVMs on loopback, mutual TLS,",
        "links shaped to the chosen WAN), train until the target or convergence, and collect their results."})
public final class GaiaLaunchCommand implements Callable<Integer> {
  @Mixin
  GaiaCommand.ProblemOptions problem = new GaiaCommand.ProblemOptions();

  @Option(names = "--dcs", defaultValue = "2", description = "Number of data centres. Default: ${DEFAULT-VALUE}")
  int dcs;

  @Option(names = "--wan", defaultValue = "v/c", description = "WAN: v/c, s/s, ec2-11 (first --dcs regions) or a WanTopology file. Default: ${DEFAULT-VALUE}")
  String wan;

  @Option(names = "--system", defaultValue = "gaia", description = "gaia, gaia-async, baseline or lan. Default: ${DEFAULT-VALUE}")
  String system;

  @Option(names = "--workers", defaultValue = "2", description = "Workers (Spark partitions) per data centre. Default: ${DEFAULT-VALUE}")
  int workers;

  @Option(names = "--ps-staleness", defaultValue = "0", description = "BASELINE: SSP staleness (0 = BSP). Default: ${DEFAULT-VALUE}")
  int psStaleness;

  @Option(names = "--ssp-staleness", defaultValue = "0", description = "SSP inside data centres: clocks a worker may run ahead (0 = BSP). Default: ${DEFAULT-VALUE}")
  int sspStaleness;

  @Option(names = "--target", description = "Objective to reach (default: run until < 2%% change over 10 clocks)")
  Double target;

  @Option(names = "--max-clocks", defaultValue = "100000", description = "Clock limit. Default: ${DEFAULT-VALUE}")
  long maxClocks;

  @Option(names = "--max-seconds", defaultValue = "1800", description = "Training time limit. Default: ${DEFAULT-VALUE}")
  double maxSeconds;

  @Option(names = "--bandwidth-scale", defaultValue = "1.0", description = "Multiply every WAN bandwidth by this. Default: ${DEFAULT-VALUE}")
  double bandwidthScale;

  @Option(names = "--jvms", defaultValue = "0", description = "JVMs to use (0: one per data centre, at most the cores). Default: ${DEFAULT-VALUE}")
  int jvms;

  @Option(names = "--heap", defaultValue = "3g", converter = OptionConverters.HeapSize.class,
      description = "Heap per JVM, with a unit (e.g. 512m, 4g). Default: ${DEFAULT-VALUE}")
  String heap;

  @Option(names = "--out", defaultValue = "results/gaia-launch", description = "Output directory. Default: ${DEFAULT-VALUE}")
  Path out;

  @Option(names = "--overlay", description = {"Gaia: route through the hub overlay of the WAN's groups (ec2-11: by continent; a topology",
      "file's 'dc NAME REGION GROUP' and 'hub GROUP TO-GROUP DC' lines) instead of broadcasting directly"})
  boolean overlay;

  @Override
  public Integer call() throws Exception {
    int j = jvms > 0 ? jvms : Math.max(1, Math.min(dcs, Runtime.getRuntime().availableProcessors()));
    return io.tributary.gaia.launch.GaiaCli.launch(new io.tributary.gaia.launch.GaiaCli.LaunchOptions(
        GaiaProblems.of(problem), dcs, wan, system, workers, psStaleness, sspStaleness, target == null ? Double.NaN : target, maxClocks,
        maxSeconds, bandwidthScale, j, heap, GaiaCommand.underRoot(out), overlay), System.out);
  }
}
