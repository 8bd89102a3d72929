package io.tributary.gaia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.config.Settings;
import io.tributary.gaia.launch.GaiaCli;
import io.tributary.gaia.options.LaunchOptions;
import io.tributary.gaia.options.MfOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gaia launch} records the settings it ran with beside its results, readable as settings again. */
class GaiaLaunchConfigTest {

  @Test
  void launchWritesItsEffectiveSettings(@TempDir Path out) throws Exception {
    Settings s = Settings.empty().with(MfOptions.USERS, 1200).with(MfOptions.ITEMS, 200)
        .with(MfOptions.RATINGS_PER_USER, 40).with(MfOptions.RANK, 8).with(LaunchOptions.WAN, "s/s")
        .with(LaunchOptions.WORKERS, 1).with(LaunchOptions.JVMS, 1).with(LaunchOptions.MAX_CLOCKS, 3L)
        .with(LaunchOptions.HEAP, "1g");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    GaiaCli.launch(s, out, new PrintStream(printed, true, StandardCharsets.UTF_8));
    Path config = out.resolve("mf-gaia-s-s-2").resolve("launch-config.txt");
    assertTrue(Files.exists(config), printed.toString(StandardCharsets.UTF_8));
    String text = Files.readString(config);
    assertTrue(text.contains("\nusers=1200\n") && text.contains("\nwan=s/s\n") && text.contains("\nmax-clocks=3\n")
        && text.contains("\nlambda=0.02\n") && text.contains("\nlr=\n"), text);
    Settings back = Settings.parse(text, LaunchOptions.ALL, config.toString());
    assertEquals(text.substring(text.indexOf('\n') + 1), back.toText(LaunchOptions.ALL));
  }
}
