package io.tributary.focus.ingest;

import io.tributary.common.config.Setting;
import io.tributary.common.config.Settings;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

/**
 * Tributary's {@link Setting}s as Flink {@link ConfigOption}s, so a Flink user configures Focus the
 * way they configure Flink: {@code focus.top-k: 3} in a {@code Configuration} (or
 * {@code flink-conf.yaml}) means what {@code --top-k 3} means on the command line. Each option is a
 * string option with the setting's text form as its default, read back through {@link
 * Setting#parse}, so types, defaults and checks stay those of the one declaration.
 */
public final class FlinkSettings {
  /** The prefix of every Focus key in a Flink configuration. */
  public static final String PREFIX = "focus.";

  private FlinkSettings() {}

  /** {@code setting} as a Flink option with key {@code focus.<key>} and the setting's description. */
  public static ConfigOption<String> option(Setting<?> setting) {
    ConfigOptions.TypedConfigOptionBuilder<String> b = ConfigOptions.key(PREFIX + setting.key()).stringType();
    ConfigOption<String> o = setting.hasDefault() ? b.defaultValue(defaultText(setting)) : b.noDefaultValue();
    return o.withDescription(setting.description());
  }

  /** The values {@code conf} sets for {@code declared} (keys it does not set stay unset). */
  public static Settings read(ReadableConfig conf, List<Setting<?>> declared) {
    Settings out = Settings.empty();
    for (Setting<?> s : declared) {
      var text = conf.getOptional(option(s));
      if (text.isPresent()) {
        try {
          out = out.withText(s, text.get());
        } catch (IllegalArgumentException e) {
          // "bad top-k '0': ..." becomes "bad focus.top-k '0': ..." so the user sees the key they set.
          throw new IllegalArgumentException(e.getMessage().replaceFirst("^bad " + s.key() + " ",
              "bad " + PREFIX + s.key() + " "), e);
        }
      }
    }
    return out;
  }

  private static <T> String defaultText(Setting<T> s) {
    return s.format(s.defaultValue());
  }
}
