package io.tributary.jobs;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tributary gaia}: Gaia: geo-distributed training with Approximate Synchronous Parallel (Spark). */
@Command(name = "gaia", mixinStandardHelpOptions = true,
    description = "Gaia: geo-distributed training with Approximate Synchronous Parallel (Spark).",
    subcommands = {})
public final class GaiaCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand of 'gaia'");
  }
}
