package io.tributary.jobs;

import io.tributary.common.config.Setting;
import java.util.List;
import java.util.Map;

/**
 * A command whose options are {@link Setting}s declared by the library it runs: {@link CliSettings}
 * turns each into a {@code --key} flag before parsing, so the flag's name, type, default and help
 * come from the one declaration.
 */
interface DeclaresSettings {
  /** The settings this command offers as flags, in the order {@code --help} lists them. */
  List<Setting<?>> settings();

  /**
   * Short names a setting's flag also answers to, by key ({@code "top-k" -> "-k"}): the one-letter
   * flags users typed before the options were declared as settings keep working.
   */
  default Map<String, String> shortNames() {
    return Map.of();
  }
}
