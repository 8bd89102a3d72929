package io.tributary.common.config;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The values of a component's {@link Setting}s for one run: immutable, read with {@link #get}
 * (the value set, else the setting's default), changed with {@link #with} (validated on the way
 * in). The Flink {@code Configuration} of Tributary's options, engine-free.
 *
 * <p>{@link #toText} writes every declared setting with its effective value, one {@code key=value}
 * line each, in declaration order: what a run records beside its results as {@code *-config.txt},
 * and what {@link #parse} reads back.
 */
public final class Settings {
  private static final Settings EMPTY = new Settings(Map.of());

  private final Map<String, Object> values;

  private Settings(Map<String, Object> values) {
    this.values = values;
  }

  /** No value set: every setting reads its default. */
  public static Settings empty() {
    return EMPTY;
  }

  /** The value of {@code setting}: the one set, else its default (null if it has none). */
  @SuppressWarnings("unchecked")
  public <T> T get(Setting<T> setting) {
    Object v = values.get(setting.key());
    return v != null ? (T) v : setting.defaultValue();
  }

  /** The value of {@code setting}, which must be set or have a default. */
  public <T> T require(Setting<T> setting) {
    T v = get(setting);
    if (v == null) {
      throw new IllegalArgumentException("missing " + setting.key() + ": " + setting.description());
    }
    return v;
  }

  /** Whether a value was set explicitly (rather than read from the default). */
  public boolean isSet(Setting<?> setting) {
    return values.containsKey(setting.key());
  }

  /** These settings with {@code setting} set to {@code value} (null unsets it), checked against its rule. */
  public <T> Settings with(Setting<T> setting, T value) {
    Map<String, Object> next = new LinkedHashMap<>(values);
    if (value == null) {
      next.remove(setting.key());
    } else {
      next.put(setting.key(), setting.check(value));
    }
    return new Settings(next);
  }

  /** These settings with {@code setting} set from its text form. */
  public <T> Settings withText(Setting<T> setting, String text) {
    return with(setting, setting.parse(text));
  }

  /** These settings with every value {@code other} sets on top. */
  public Settings withAll(Settings other) {
    Map<String, Object> next = new LinkedHashMap<>(values);
    next.putAll(other.values);
    return new Settings(next);
  }

  /**
   * One {@code key=value} line per setting of {@code declared}, in that order, with its effective
   * value (empty when unset without a default).
   */
  public String toText(Collection<? extends Setting<?>> declared) {
    StringBuilder sb = new StringBuilder();
    for (Setting<?> s : declared) {
      sb.append(s.key()).append('=').append(formatted(s)).append('\n');
    }
    return sb.toString();
  }

  private <T> String formatted(Setting<T> s) {
    return s.format(get(s));
  }

  /**
   * Reads what {@link #toText} wrote. Lines starting with {@code #} and blank lines are skipped; a
   * key not in {@code declared} is an error naming it, {@code source} and the line.
   */
  public static Settings parse(String text, List<? extends Setting<?>> declared, String source) {
    Map<String, Setting<?>> byKey = new LinkedHashMap<>();
    for (Setting<?> s : declared) {
      byKey.put(s.key(), s);
    }
    Settings out = EMPTY;
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      String key = eq < 0 ? line : line.substring(0, eq).strip();
      Setting<?> s = byKey.get(key);
      if (eq < 0 || s == null) {
        throw new IllegalArgumentException(source + " line " + (i + 1) + ": "
            + (eq < 0 ? "expected key=value" : "unknown setting '" + key + "' (known: " + byKey.keySet() + ")"));
      }
      String value = line.substring(eq + 1).strip();
      if (!value.isEmpty()) {
        try {
          out = out.withText(s, value);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(source + " line " + (i + 1) + ": " + e.getMessage(), e);
        }
      }
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Settings s && values.equals(s.values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(values);
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
