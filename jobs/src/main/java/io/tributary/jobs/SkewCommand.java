package io.tributary.jobs;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tributary skew}: The non-IID study, SkewScout and the skew profiler (Spark). */
@Command(name = "skew", mixinStandardHelpOptions = true,
    description = "The non-IID study, SkewScout and the skew profiler (Spark).",
    subcommands = {SkewStudyCommand.class, SkewReportCommand.class})
public final class SkewCommand implements Runnable {
  @Spec
  CommandSpec spec;

  /** {@code results/<name>} at the repository root ({@code -Dtributary.root}), else under the working directory. */
  static Path resultsDir(String name) {
    String root = System.getProperty("tributary.root");
    return (root == null || root.isBlank() ? Path.of("") : Path.of(root)).resolve("results").resolve(name);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand of 'skew'");
  }
}
