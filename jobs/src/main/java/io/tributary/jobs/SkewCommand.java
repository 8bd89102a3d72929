package io.tributary.jobs;

import io.tributary.common.config.Setting;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

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

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand of 'skew'");
  }
}
