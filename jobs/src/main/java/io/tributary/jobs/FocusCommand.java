package io.tributary.jobs;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tributary focus}: Focus: index video cheaply at ingest, answer class queries fast (Flink). */
@Command(name = "focus", mixinStandardHelpOptions = true,
    description = "Focus: index video cheaply at ingest, answer class queries fast (Flink).",
    subcommands = {FocusGenerateCommand.class, FocusIngestCommand.class, FocusQueryCommand.class,
        FocusBenchCommand.class, FocusTuneCommand.class})
public final class FocusCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand of 'focus'");
  }
}
