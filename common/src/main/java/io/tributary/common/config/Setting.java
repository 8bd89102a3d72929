package io.tributary.common.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One option of a Tributary component, declared once: a key, a type, a default, a description and
 * the rule its values must follow. Shaped like Flink's {@code ConfigOption} ({@code
 * ConfigOptions.key("k").intType().defaultValue(5).withDescription(...)}), engine-free so the
 * Flink and the Spark systems declare options the same way.
 *
 * <p>A component lists its settings as {@code public static final} constants; a {@link Settings}
 * holds the values of one run; the CLI turns each setting into a {@code --key} flag whose help is
 * the description and default given here, and every run writes its effective settings beside its
 * results ({@link Settings#toText}). So the library, {@code --help}, the docs and the recorded
 * configuration agree by construction.
 *
 * <pre>{@code
 * public static final Setting<Integer> MTP = Setting.key("mtp").intType().defaultValue(10)
 *     .withDescription("Model-traveling period MTP, in iterations.")
 *     .requiring(v -> v > 0, "a positive number of iterations");
 * }</pre>
 *
 * @param <T> the value type
 */
public final class Setting<T> {
  private final String key;
  private final Codec<T> codec;
  private final T defaultValue;
  private final String description;
  private final Predicate<T> rule;
  private final String requirement;

  private Setting(String key, Codec<T> codec, T defaultValue, String description, Predicate<T> rule,
      String requirement) {
    this.key = key;
    this.codec = codec;
    this.defaultValue = defaultValue;
    this.description = description;
    this.rule = rule;
    this.requirement = requirement;
  }

  /** Starts declaring the setting {@code key} (lower-case words joined by {@code -}, the CLI flag without {@code --}). */
  public static KeyBuilder key(String key) {
    if (key == null || !key.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*")) {
      throw new IllegalArgumentException("setting key '" + key + "' must be lower-case words joined by '-'");
    }
    return new KeyBuilder(key);
  }

  /** The key, which is also the CLI flag without {@code --} and the name in {@code *-config.txt}. */
  public String key() {
    return key;
  }

  /** What the value means, for {@code --help} and the docs. */
  public String description() {
    return description;
  }

  /** The value when none is set; null when the setting has no default (it is optional or derived). */
  public T defaultValue() {
    return defaultValue;
  }

  /** Whether a default exists. */
  public boolean hasDefault() {
    return defaultValue != null;
  }

  /** A short name of the value's type for help texts ({@code <int>}, {@code <path>}...). */
  public String typeLabel() {
    return codec.label;
  }

  /** Whether the value is a flag: set by naming it, without a value on the command line. */
  public boolean isFlag() {
    return codec.label.equals("flag");
  }

  /** What a valid value must be, or null when any value of the type is. */
  public String requirement() {
    return requirement;
  }

  /** This setting with a description. */
  public Setting<T> withDescription(String text) {
    return new Setting<>(key, codec, defaultValue, Objects.requireNonNull(text), rule, requirement);
  }

  /**
   * This setting with a rule every value must follow, named by {@code requirement} in the error
   * a value that breaks it gets ("bad mtp '0': expected a positive number of iterations").
   */
  public Setting<T> requiring(Predicate<T> test, String requirementText) {
    Predicate<T> combined = rule == null ? test : rule.and(test);
    String text = requirement == null ? requirementText : requirement + " and " + requirementText;
    Setting<T> s = new Setting<>(key, codec, defaultValue, description, combined, text);
    if (defaultValue != null) {
      s.check(defaultValue);
    }
    return s;
  }

  /** Parses a value from its text form; the error names the setting, the text and what was expected. */
  public T parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("missing value for " + key);
    }
    T value;
    try {
      value = codec.parse.apply(text.trim());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("bad " + key + " '" + text + "': expected " + codec.expected
          + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), e);
    }
    return check(value);
  }

  /** The text form of a value, which {@link #parse} reads back to an equal value. */
  public String format(T value) {
    return value == null ? "" : codec.format.apply(value);
  }

  /** Returns the value if it follows this setting's rule; otherwise throws naming the setting. */
  public T check(T value) {
    if (value != null && rule != null && !rule.test(value)) {
      throw new IllegalArgumentException("bad " + key + " '" + codec.format.apply(value) + "': expected "
          + requirement);
    }
    return value;
  }

  @Override
  public String toString() {
    return key;
  }

  /** The first step of a declaration: the key is known, the type not yet. */
  public static final class KeyBuilder {
    private final String key;

    private KeyBuilder(String key) {
      this.key = key;
    }

    /** An {@code int}. */
    public TypedBuilder<Integer> intType() {
      return new TypedBuilder<>(key, new Codec<>("<int>", "an integer", Integer::valueOf, String::valueOf));
    }

    /** A {@code long}. */
    public TypedBuilder<Long> longType() {
      return new TypedBuilder<>(key, new Codec<>("<long>", "an integer", Long::valueOf, String::valueOf));
    }

    /** A {@code double} (finite). */
    public TypedBuilder<Double> doubleType() {
      return new TypedBuilder<>(key, new Codec<>("<number>", "a number", Setting::finite, String::valueOf));
    }

    /** A fraction written as {@code 0.05} or {@code 5%}. */
    public TypedBuilder<Double> fractionType() {
      return new TypedBuilder<>(key, new Codec<>("<fraction>", "a fraction such as 0.05 or 5%", Setting::fraction,
          String::valueOf));
    }

    /** A flag: false unless named. */
    public Setting<Boolean> flag() {
      return new Setting<>(key, new Codec<>("flag", "true or false", Setting::bool, String::valueOf), false, "",
          null, null);
    }

    /** A string. */
    public TypedBuilder<String> stringType() {
      return new TypedBuilder<>(key, new Codec<>("<text>", "text", s -> s, s -> s));
    }

    /** A file system path. */
    public TypedBuilder<Path> pathType() {
      return new TypedBuilder<>(key, new Codec<>("<path>", "a path", Path::of, Path::toString));
    }

    /** A comma-separated list of strings (empty entries dropped). */
    public TypedBuilder<List<String>> stringListType() {
      return new TypedBuilder<>(key, new Codec<>("<a,b,...>", "a comma-separated list",
          s -> Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList(),
          l -> String.join(",", l)));
    }

    /** One constant of {@code type}, written in lower case with {@code -} for {@code _}. */
    public <E extends Enum<E>> TypedBuilder<E> enumType(Class<E> type) {
      String names = Arrays.stream(type.getEnumConstants()).map(Setting::enumName).collect(Collectors.joining(", "));
      return new TypedBuilder<>(key, new Codec<>("<" + names.replace(", ", "|") + ">", "one of " + names,
          s -> Enum.valueOf(type, s.toUpperCase(Locale.ROOT).replace('-', '_')), Setting::enumName));
    }

    /** Any type, given how to read and write it; {@code expected} names valid text in errors. */
    public <V> TypedBuilder<V> type(String label, String expected, Function<String, V> parse,
        Function<V, String> format) {
      return new TypedBuilder<>(key, new Codec<>(label, expected, parse, format));
    }
  }

  /** The second step: the type is known; give the default (or declare there is none). */
  public static final class TypedBuilder<T> {
    private final String key;
    private final Codec<T> codec;

    private TypedBuilder(String key, Codec<T> codec) {
      this.key = key;
      this.codec = codec;
    }

    /** The setting, with this default. */
    public Setting<T> defaultValue(T value) {
      return new Setting<>(key, codec, Objects.requireNonNull(value, "default of " + key), "", null, null);
    }

    /** The setting, without a default: unset means "not given" (optional, or derived by its user). */
    public Setting<T> noDefaultValue() {
      return new Setting<>(key, codec, null, "", null, null);
    }
  }

  private record Codec<T>(String label, String expected, Function<String, T> parse, Function<T, String> format) {}

  private static Double finite(String s) {
    double d = Double.parseDouble(s);
    if (!Double.isFinite(d)) {
      throw new IllegalArgumentException("not finite");
    }
    return d;
  }

  private static Double fraction(String s) {
    return s.endsWith("%") ? finite(s.substring(0, s.length() - 1).trim()) / 100 : finite(s);
  }

  private static Boolean bool(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("not true or false");
    };
  }

  private static String enumName(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
