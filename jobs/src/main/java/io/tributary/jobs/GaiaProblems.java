package io.tributary.jobs;

import io.tributary.common.config.Setting;
import io.tributary.common.config.Settings;
import io.tributary.gaia.launch.BenchOptions;
import io.tributary.gaia.launch.GaiaCli;
import io.tributary.gaia.launch.LaunchOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;

/**
 * What the {@code gaia} commands hand to spark-gaia: its declared settings (the commands' flags) and
 * the parsed values.
 *
 * <p>Kept out of the command classes on purpose: picocli reflects over every method of a command
 * class, so a method there whose signature names a spark-gaia type makes the whole command line fail
 * to start where spark-gaia is absent (the Flink job jar). There the settings lists are empty: the
 * {@code gaia} commands still print their help, without the flags they could not run anyway.
 */
final class GaiaProblems {
  /**
   * Flags whose values the CLI checked with a picocli converter before they were settings; they keep
   * the same check and message ("Invalid value for option '--rank': '0' must be at least 1"), and the
   * converted value (a heap size in lower case).
   */
  private static final Map<String, ITypeConverter<?>> CONVERTERS = Map.of(
      "rank", new OptionConverters.PositiveInt(), "heap", new OptionConverters.HeapSize());

  private GaiaProblems() {}

  /** {@code gaia launch}'s settings; none where spark-gaia is absent. */
  static List<Setting<?>> launchSettings() {
    try {
      return LaunchOptions.ALL;
    } catch (LinkageError absent) {
      return List.of();
    }
  }

  /** {@code gaia bench}'s settings; none where spark-gaia is absent. */
  static List<Setting<?>> benchSettings() {
    try {
      return BenchOptions.ALL;
    } catch (LinkageError absent) {
      return List.of();
    }
  }

  /** Runs {@code gaia launch} with the parsed flags. */
  static int launch(CommandSpec spec, Path out) throws Exception {
    return GaiaCli.launch(read(spec, LaunchOptions.ALL), out, System.out);
  }

  /** Runs {@code gaia bench} with the parsed flags. */
  static int bench(CommandSpec spec, Path out) throws Exception {
    return GaiaCli.bench(read(spec, BenchOptions.ALL), out, System.out);
  }

  /** The values given on the command line; a bad one is a usage error (exit 2) naming the flag. */
  static Settings read(CommandSpec spec, List<Setting<?>> settings) {
    ParseResult parsed = spec.commandLine().getParseResult();
    Map<String, String> converted = new LinkedHashMap<>();
    for (Map.Entry<String, ITypeConverter<?>> c : CONVERTERS.entrySet()) {
      OptionSpec o = spec.findOption("--" + c.getKey());
      if (o != null && parsed.hasMatchedOption(o)) {
        try {
          converted.put(c.getKey(), String.valueOf(c.getValue().convert(String.valueOf((Object) o.getValue()))));
        } catch (TypeConversionException e) {
          throw new ParameterException(spec.commandLine(), "Invalid value for option '--" + c.getKey() + "': "
              + e.getMessage());
        } catch (Exception e) {
          throw new ParameterException(spec.commandLine(), "Invalid value for option '--" + c.getKey() + "': "
              + e.getMessage(), e);
        }
      }
    }
    Settings s;
    try {
      s = CliSettings.read(spec, settings);
      for (Setting<?> setting : settings) {
        if (converted.containsKey(setting.key())) {
          s = s.withText(setting, converted.get(setting.key()));
        }
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    return s;
  }
}
