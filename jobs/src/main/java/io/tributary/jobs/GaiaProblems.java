package io.tributary.jobs;

import io.tributary.common.config.Setting;
import io.tributary.gaia.launch.GaiaCli;
import io.tributary.gaia.options.BenchOptions;
import io.tributary.gaia.options.LaunchOptions;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What the {@code gaia} commands hand to spark-gaia: its declared settings (the commands' flags) and
 * the parsed values.
 *
 * <p>Kept out of the command classes on purpose: picocli reflects over every method of a command
 * class, so a method there whose signature names a spark-gaia type makes the whole command line fail
 * to start where spark-gaia is absent (the Flink job jar). There {@link CliSettings#register} finds
 * the settings missing: the {@code gaia} commands still print their help, without the flags they could
 * not run anyway.
 */
final class GaiaProblems {
  private GaiaProblems() {}

  /** {@code gaia launch}'s settings. */
  static List<Setting<?>> launchSettings() {
    return LaunchOptions.ALL;
  }

  /** {@code gaia bench}'s settings. */
  static List<Setting<?>> benchSettings() {
    return BenchOptions.ALL;
  }

  /** Runs {@code gaia launch} with the parsed flags. */
  static int launch(CommandSpec spec, Path out) throws Exception {
    return GaiaCli.launch(CliSettings.read(spec, LaunchOptions.ALL), out, System.out);
  }

  /** Runs {@code gaia bench} with the parsed flags. */
  static int bench(CommandSpec spec, Path out) throws Exception {
    return GaiaCli.bench(CliSettings.read(spec, BenchOptions.ALL), out, System.out);
  }
}
