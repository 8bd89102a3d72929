package io.tributary.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code docs/options.md} is what the declarations say today. */
class OptionsReferenceTest {
  @Test
  void checkedInReferenceMatchesTheDeclarations() throws Exception {
    String current = OptionsReference.markdown();
    Path regenerated = Path.of("target", "options.md");
    Files.createDirectories(regenerated.getParent());
    Files.writeString(regenerated, current, StandardCharsets.UTF_8);
    Path docs = Path.of("..", "docs", "options.md");
    assertTrue(Files.isRegularFile(docs), "docs/options.md is missing: copy " + regenerated.toAbsolutePath());
    assertEquals(Files.readString(docs, StandardCharsets.UTF_8), current,
        "docs/options.md is stale: copy jobs/target/options.md over it");
  }

  @Test
  void everyDeclaringCommandHasItsTableWithDefaults() {
    String page = OptionsReference.markdown();
    for (String command : new String[] {"tributary focus ingest", "tributary focus query", "tributary focus bench",
        "tributary gaia launch", "tributary gaia bench", "tributary skew study", "tributary skew scout"}) {
      assertTrue(page.contains("## `" + command + "`"), command);
    }
    assertTrue(page.contains("| `--mtp` | `<int>` |"), "SkewScout's MTP row");
    assertTrue(page.contains("| `--rank` | `<int>` | `16` |"), "Gaia MF's rank row with its default");
  }
}
