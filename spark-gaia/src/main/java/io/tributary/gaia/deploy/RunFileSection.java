package io.tributary.gaia.deploy;

import io.tributary.common.config.Setting;
import io.tributary.common.config.Settings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * One section of the run file ({@link GaiaRunConfig#write}): the settings of an application
 * ({@code mf.}, {@code tm.}, {@code ic.}) or of ASP ({@code asp.}), written and read through
 * their {@link Setting} declarations, the CLI's where a flag exists. A setting's file key is the
 * section's prefix, a dot and the setting's key with {@code _} for {@code -} ({@code --true-rank}
 * is {@code mf.true_rank}), or the name {@link #renaming} gives where files have always spelled
 * it otherwise ({@code --arch} is {@code ic.architecture}), so files written before the settings
 * existed read unchanged.
 *
 * <p>Only values set explicitly are written, and {@link #require} insists a read value was in the
 * file: a run file states every value, it never falls back to a flag's default.
 */
final class RunFileSection {
  private final String prefix;
  private final List<Setting<?>> declared;
  private final Map<String, String> names;

  private RunFileSection(String prefix, List<Setting<?>> declared, Map<String, String> names) {
    this.prefix = prefix;
    this.declared = List.copyOf(declared);
    this.names = Map.copyOf(names);
  }

  /** The section {@code prefix.} holding {@code declared}. */
  static RunFileSection of(String prefix, List<Setting<?>> declared) {
    return new RunFileSection(prefix, declared, Map.of());
  }

  /** This section with {@code setting} stored as {@code prefix.fileName} (a name older files use). */
  RunFileSection renaming(Setting<?> setting, String fileName) {
    if (!declared.contains(setting)) {
      throw new IllegalArgumentException(setting.key() + " is not declared in section " + prefix);
    }
    Map<String, String> next = new LinkedHashMap<>(names);
    next.put(setting.key(), fileName);
    return new RunFileSection(prefix, declared, next);
  }

  /** The key of {@code setting} in the file, e.g. {@code mf.true_rank}. */
  String fileKey(Setting<?> setting) {
    String name = names.get(setting.key());
    return prefix + "." + (name != null ? name : setting.key().replace('-', '_'));
  }

  /** Puts every value {@code values} sets explicitly under its file key. */
  void write(Settings values, Map<String, String> out) {
    for (Setting<?> s : declared) {
      if (values.isSet(s)) {
        out.put(fileKey(s), formatted(values, s));
      }
    }
  }

  private static <T> String formatted(Settings values, Setting<T> s) {
    return s.format(values.get(s));
  }

  /**
   * The values of this section in {@code p} (blank values count as absent); a value its setting
   * cannot parse is an error naming the file key.
   */
  Settings read(Properties p) {
    Settings out = Settings.empty();
    for (Setting<?> s : declared) {
      String k = fileKey(s);
      String v = p.getProperty(k);
      if (v == null || v.isBlank()) {
        continue;
      }
      try {
        out = out.withText(s, v);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("key '" + k + "': " + e.getMessage(), e);
      }
    }
    return out;
  }

  /** The value of {@code setting} read from the file; throws naming its key when the file lacks it. */
  <T> T require(Settings values, Setting<T> setting) {
    if (!values.isSet(setting)) {
      throw new IllegalArgumentException("missing key '" + fileKey(setting) + "'");
    }
    return values.get(setting);
  }

  /** The value of {@code setting} read from the file, or null when it lacks it. */
  <T> T optional(Settings values, Setting<T> setting) {
    return values.isSet(setting) ? values.get(setting) : null;
  }
}
