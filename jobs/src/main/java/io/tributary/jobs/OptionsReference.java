package io.tributary.jobs;

import io.tributary.common.config.Setting;
import java.util.Map;
import picocli.CommandLine;

/**
 * The options reference ({@code docs/options.md}), written from the declarations themselves: for
 * every command whose flags are declared {@link Setting}s, a table of each flag's type, default and
 * description. A test compares the checked-in page with this text, so the docs cannot drift from
 * the library or from {@code --help}.
 */
final class OptionsReference {
  private OptionsReference() {}

  /** The whole page. */
  static String markdown() {
    StringBuilder sb = new StringBuilder("# Options reference\n\n")
        .append("Every option of the commands below is declared once in the library, as a `Setting` (see\n")
        .append("[design.md](design.md)); `--help`, the run's recorded `*-config.txt` and this page are written\n")
        .append("from that declaration. This page is generated: `OptionsReferenceTest` fails when it is stale\n")
        .append("and writes the current text to `jobs/target/options.md`.\n");
    append(sb, Tributary.commandLine(), "tributary");
    return sb.toString();
  }

  private static void append(StringBuilder sb, CommandLine cli, String path) {
    if (cli.getCommand() instanceof DeclaresSettings d) {
      Map<String, String> shortNames = d.shortNames();
      sb.append("\n## `").append(path).append("`\n\n")
          .append("| flag | value | default | meaning |\n|---|---|---|---|\n");
      for (Setting<?> s : d.settings()) {
        String flag = "`--" + s.key() + "`" + (shortNames.containsKey(s.key()) ? " (`" + shortNames.get(s.key()) + "`)" : "");
        sb.append("| ").append(flag).append(" | ").append(s.isFlag() ? "flag" : "`" + cell(s.typeLabel()) + "`").append(" | ")
            .append(s.hasDefault() && !s.isFlag() ? "`" + defaultText(s) + "`" : "").append(" | ")
            .append(cell(s.description())).append(s.requirement() == null ? "" : " Must be " + cell(s.requirement()) + ".")
            .append(" |\n");
      }
    }
    cli.getSubcommands().forEach((name, sub) -> {
      if (!name.equals("help")) {
        append(sb, sub, path + " " + name);
      }
    });
  }

  private static <T> String defaultText(Setting<T> s) {
    return s.format(s.defaultValue());
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
