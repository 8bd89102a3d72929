package io.tributary.jobs;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The {@code tributary} command line. Launched by the {@code ./tributary} script at the repository
 * root, which builds the project on first use and puts the right engine's classpath in place
 * (Flink for {@code focus}, Spark for {@code gaia} and {@code skew}).
 *
 * <p>Command classes here stay thin: options as plain Java types, work delegated to the engine
 * modules, so every command's {@code --help} works whichever engine's classpath is loaded.
 */
@Command(name = "tributary", mixinStandardHelpOptions = true, version = "tributary 0.1.0-SNAPSHOT",
    description = "Machine learning over highly-distributed, rapidly-growing data on Flink and Spark.",
    subcommands = {DemoCommand.class, FocusCommand.class, GaiaCommand.class, SkewCommand.class,
        CommandLine.HelpCommand.class},
    footer = {"", "Also: ./tributary test  (fetch test data, then run the full test suite)",
        "Run './tributary <command> --help' for a command's options."})
public final class Tributary implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
  }

  /** Runs the CLI and exits with its code (2 for usage errors, 1 for failures, 0 for success). */
  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the CLI and returns its exit code, for tests. */
  public static int execute(String... args) {
    CommandLine cli = commandLine();
    cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      // One clear line for expected bad input; the stack trace only when asked for.
      cmd.getErr().println(cmd.getColorScheme().errorText("tributary " + cmd.getCommandName() + ": "
          + describe(ex)));
      if (Boolean.getBoolean("tributary.trace") || ex instanceof NullPointerException
          || ex instanceof IllegalStateException) {
        ex.printStackTrace(cmd.getErr());
      }
      return 1;
    });
    return cli.execute(args);
  }

  /** The command tree with every declared setting registered as a flag ({@link CliSettings}). */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Tributary());
    CliSettings.register(cli);
    return cli;
  }

  private static String describe(Throwable ex) {
    StringBuilder sb = new StringBuilder(String.valueOf(ex.getMessage()));
    for (Throwable c = ex.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      if (c.getMessage() != null && !sb.toString().contains(c.getMessage())) {
        sb.append(": ").append(c.getMessage());
      }
    }
    return sb.toString();
  }
}
