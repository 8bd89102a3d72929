package io.tributary.jobs;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tributary skew}: The non-IID study, SkewScout and the skew profiler (Spark). */
@Command(name = "skew", mixinStandardHelpOptions = true,
    description = "The non-IID study, SkewScout and the skew profiler (Spark).",
    subcommands = {})
public final class SkewCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand of 'skew'");
  }
}
