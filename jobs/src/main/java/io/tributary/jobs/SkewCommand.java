package io.tributary.jobs;

import io.tributary.common.config.Setting;
import io.tributary.common.config.Settings;
import io.tributary.common.skew.SkewTrainingSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tributary skew}: The non-IID study, SkewScout and the skew profiler (Spark). */
@Command(name = "skew", mixinStandardHelpOptions = true,
    description = "The non-IID study, SkewScout and the skew profiler (Spark).",
    subcommands = {SkewStudyCommand.class, SkewReportCommand.class, SkewScoutCommand.class,
        SkewProfileCommand.class})
public final class SkewCommand implements Runnable {
  @Spec
  CommandSpec spec;

  /** {@code results/<name>} at the repository root ({@code -Dtributary.root}), else under the working directory. */
  static Path resultsDir(String name) {
    String root = System.getProperty("tributary.root");
    return (root == null || root.isBlank() ? Path.of("") : Path.of(root)).resolve("results").resolve(name);
  }

  /**
   * {@code all} less the settings a command offers through its own picocli options (an {@code --out}
   * whose default depends on the command, a list of paths taken space-separated, a negatable flag).
   */
  static List<Setting<?>> declared(List<Setting<?>> all, Setting<?>... ownOptions) {
    Set<Setting<?>> own = Set.of(ownOptions);
    return all.stream().filter(s -> !own.contains(s)).toList();
  }

  /**
   * The settings given on the command line, with K from {@code -k} (the short form of {@code
   * --num-partitions}) when given; a value that breaks its setting's rule throws a {@link
   * ParameterException} naming the flag, for {@link #usageError}.
   */
  static Settings read(CommandSpec spec, List<Setting<?>> settings, Integer shortK) {
    Settings o;
    try {
      o = CliSettings.read(spec, settings);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    if (shortK == null) {
      return o;
    }
    try {
      return o.with(SkewTrainingSettings.NUM_PARTITIONS, shortK);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage().replaceFirst("^bad num-partitions ", "bad -k "),
          e);
    }
  }

  /**
   * Reports {@code e} as picocli reports a value it cannot convert (the message and the usage) and
   * returns its exit code, 2: picocli treats exceptions thrown from {@code call()} as failures (1).
   */
  static int usageError(CommandSpec spec, ParameterException e) throws Exception {
    return spec.commandLine().getParameterExceptionHandler().handleParseException(e,
        spec.commandLine().getParseResult().originalArgs().toArray(new String[0]));
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand of 'skew'");
  }
}
