package io.tributary.jobs;

import io.tributary.common.config.Setting;
import io.tributary.gaia.launch.GaiaCli;
import io.tributary.gaia.options.LaunchOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tributary gaia launch}: starts N data-centre applications on this machine and collects their
 * results. Its flags are spark-gaia's {@code LaunchOptions.ALL} (registered by {@link CliSettings});
 * only {@code --out}, whose default is the CLI's, is declared here.
 */
@Command(name = "launch", mixinStandardHelpOptions = true,
    description = {"Start N data-centre Spark applications on this machine (separate JVMs on loopback, mutual TLS,",
        "links shaped to the chosen WAN), train until the target or convergence, and collect their results."})
public final class GaiaLaunchCommand implements Callable<Integer>, DeclaresSettings {
  @Spec
  CommandSpec spec;

  @Option(names = "--out", defaultValue = "results/gaia-launch", description = "Output directory. Default: ${DEFAULT-VALUE}")
  Path out;

  @Override
  public List<Setting<?>> settings() {
    return LaunchOptions.ALL;
  }

  @Override
  public Integer call() throws Exception {
    return GaiaCli.launch(CliSettings.read(spec, settings()), GaiaCommand.underRoot(out), System.out);
  }
}
