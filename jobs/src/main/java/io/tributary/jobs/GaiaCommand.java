package io.tributary.jobs;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code tributary gaia}: Gaia: geo-distributed training with Approximate Synchronous Parallel (Spark). */
@Command(name = "gaia", mixinStandardHelpOptions = true,
    description = "Gaia: geo-distributed training with Approximate Synchronous Parallel (Spark).",
    subcommands = {GaiaLaunchCommand.class, GaiaBenchCommand.class})
public final class GaiaCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand of 'gaia'");
  }

  /**
   * A relative output path is taken from the repository root ({@code -Dtributary.root}, set by the
   * {@code ./tributary} launcher), so results land in {@code <repo>/results/...} wherever it runs.
   */
  static Path underRoot(Path p) {
    String root = System.getProperty("tributary.root");
    return p.isAbsolute() || root == null ? p : Path.of(root).resolve(p);
  }
}
