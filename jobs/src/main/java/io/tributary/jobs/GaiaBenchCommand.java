package io.tributary.jobs;

import io.tributary.common.config.Setting;
import io.tributary.gaia.launch.GaiaCli;
import io.tributary.gaia.options.BenchOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tributary gaia bench}: LAN, BASELINE and Gaia side by side on V/C, S/S and 11 EC2 regions.
 * Its flags are spark-gaia's {@code BenchOptions.ALL} (registered by {@link CliSettings}); only
 * {@code --out}, whose default is the CLI's, is declared here.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"LAN, BASELINE and Gaia side by side on the V/C and S/S two-data-centre WANs and the 11-region",
        "EC2 WAN, for mf, tm and/or ic (--app tm,ic), BSP and/or SSP (--sync bsp,ssp), optionally with Gaia's hub",
        "overlay on 11 regions (--overlay): time to LAN's converged objective, speedup, WAN bytes, cost (also against",
        "CENTRALIZED, Table 5.2), plots. summary.json is merged with other applications' keys in the same --out."})
public final class GaiaBenchCommand implements Callable<Integer>, DeclaresSettings {
  @Spec
  CommandSpec spec;

  @Option(names = "--out", defaultValue = "results/gaia-bench", description = "Output directory. Default: ${DEFAULT-VALUE}")
  Path out;

  @Override
  public List<Setting<?>> settings() {
    return BenchOptions.ALL;
  }

  @Override
  public Integer call() throws Exception {
    return GaiaCli.bench(CliSettings.read(spec, settings()), GaiaCommand.underRoot(out), System.out);
  }
}
