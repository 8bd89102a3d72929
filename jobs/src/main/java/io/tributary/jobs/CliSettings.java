package io.tributary.jobs;

import io.tributary.common.config.Setting;
import io.tributary.common.config.Settings;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine;

/**
 * Maps declared {@link Setting}s onto picocli flags ({@code --<key>}) and reads the parsed flags
 * back as {@link Settings}: the CLI is a thin layer over the library's own option declarations.
 */
final class CliSettings {
  private CliSettings() {}

  /** Adds the flags of every {@link DeclaresSettings} command under {@code cli}, recursively. */
  static void register(CommandLine cli) {
    if (cli.getCommand() instanceof DeclaresSettings d) {
      try {
        for (Setting<?> s : d.settings()) {
          cli.getCommandSpec().addOption(optionSpec(s, d.shortNames().get(s.key())));
        }
      } catch (LinkageError e) {
        // The settings are declared by an engine module this jar leaves out (focus on the Spark jar):
        // the command's help still prints, and says where its options are.
        cli.getCommandSpec().usageMessage().footer("", "Its options are declared by an engine module missing from"
            + " this class path; run it with the jar of its engine (docs/deploy.md).");
      }
    }
    for (CommandLine sub : cli.getSubcommands().values()) {
      register(sub);
    }
  }

  /**
   * The values given on the command line for {@code settings} (flags not given stay unset); each of
   * {@code required} must be given, or it is a usage error naming its flag.
   */
  static Settings read(CommandSpec spec, List<Setting<?>> settings, Setting<?>... required) {
    Settings out = read(spec, settings);
    for (Setting<?> r : required) {
      if (!out.isSet(r)) {
        throw new ParameterException(spec.commandLine(), "Missing required option: '--" + r.key() + "=" + r.typeLabel()
            + "'");
      }
    }
    return out;
  }

  /** The values given on the command line for {@code settings} (flags not given stay unset). */
  static Settings read(CommandSpec spec, List<Setting<?>> settings) {
    ParseResult parsed = spec.commandLine().getParseResult();
    Settings out = Settings.empty();
    for (Setting<?> s : settings) {
      OptionSpec o = spec.findOption("--" + s.key());
      if (o == null || !parsed.hasMatchedOption(o)) {
        continue;
      }
      try {
        out = out.withText(s, s.isFlag() ? "true" : String.valueOf((Object) o.getValue()));
      } catch (IllegalArgumentException e) {
        // The converter checked the value already; kept so no path turns a bad value into a failure (exit 1).
        throw new ParameterException(spec.commandLine(), "Invalid value for option '--" + s.key() + "': "
            + e.getMessage(), e);
      }
    }
    return out;
  }

  private static OptionSpec optionSpec(Setting<?> s, String shortName) {
    String help = s.description();
    if (s.hasDefault() && !s.isFlag()) {
      help += " Default: " + format(s) + ".";
    }
    String[] names = shortName == null ? new String[] {"--" + s.key()} : new String[] {shortName, "--" + s.key()};
    OptionSpec.Builder b = OptionSpec.builder(names).description(help.replace("%", "%%"));
    // The value is checked where it is parsed, so a bad one is a usage error (exit 2) naming the flag
    // ("Invalid value for option '--x': bad x '0': expected ...") before any engine starts.
    return s.isFlag() ? b.arity("0").type(boolean.class).build()
        : b.arity("1").type(String.class).paramLabel(s.typeLabel()).converters(text -> checked(s, text)).build();
  }

  private static String checked(Setting<?> s, String text) {
    try {
      s.parse(text);
      return text;
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }

  private static <T> String format(Setting<T> s) {
    return s.format(s.defaultValue());
  }
}
