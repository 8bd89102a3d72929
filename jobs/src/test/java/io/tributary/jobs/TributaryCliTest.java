package io.tributary.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The root command lists every command group, and bad usage exits 2 with a usage message. */
class TributaryCliTest {
  @Test
  void helpListsCommandsAndBadUsageExitsTwo() {
    PrintStream saved = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int rc;
    try {
      System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
      rc = Tributary.execute("--help");
    } finally {
      System.setOut(saved);
    }
    assertEquals(0, rc);
    String help = buf.toString(StandardCharsets.UTF_8);
    for (String command : new String[] {"demo", "focus", "gaia", "skew"}) {
      assertTrue(help.lines().anyMatch(l -> l.trim().startsWith(command + " ") || l.trim().equals(command)),
          "--help lists '" + command + "':\n" + help);
    }
    assertEquals(0, Tributary.execute("demo", "--help"));
    assertEquals(2, Tributary.execute("demo", "--part", "nonsense"), "an unknown part is bad usage");
    assertEquals(2, Tributary.execute("no-such-command"), "an unknown command is bad usage");
  }
}
