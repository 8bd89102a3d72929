package io.tributary.jobs;

import io.tributary.common.config.Setting;
import io.tributary.common.config.Settings;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Maps declared {@link Setting}s onto picocli flags ({@code --<key>}) and reads the parsed flags
 * back as {@link Settings}: the CLI is a thin layer over the library's own option declarations.
 */
final class CliSettings {
  private CliSettings() {}

  /** Adds the flags of every {@link DeclaresSettings} command under {@code cli}, recursively. */
  static void register(CommandLine cli) {
    if (cli.getCommand() instanceof DeclaresSettings d) {
      for (Setting<?> s : d.settings()) {
        cli.getCommandSpec().addOption(optionSpec(s));
      }
    }
    for (CommandLine sub : cli.getSubcommands().values()) {
      register(sub);
    }
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
      out = s.isFlag() ? out.withText(s, "true") : withText(out, s, o.getValue());
    }
    return out;
  }

  private static Settings withText(Settings out, Setting<?> s, Object text) {
    try {
      return out.withText(s, String.valueOf(text));
    } catch (IllegalArgumentException e) {
      // "bad mtp '0': expected ..." becomes "bad --mtp '0': ..." so the user sees the flag they typed.
      throw new IllegalArgumentException(e.getMessage().replaceFirst("^bad " + s.key() + " ", "bad --" + s.key()
          + " "), e);
    }
  }

  private static OptionSpec optionSpec(Setting<?> s) {
    String help = s.description();
    if (s.hasDefault() && !s.isFlag()) {
      help += " Default: " + format(s) + ".";
    }
    OptionSpec.Builder b = OptionSpec.builder("--" + s.key()).description(help.replace("%", "%%"));
    return s.isFlag() ? b.arity("0").type(boolean.class).build()
        : b.arity("1").type(String.class).paramLabel(s.typeLabel()).build();
  }

  private static <T> String format(Setting<T> s) {
    return s.format(s.defaultValue());
  }
}
