package io.tributary.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The focus commands parse, print help, and report bad usage (2) and bad input (1) by exit code.
 * (This module's tests run without the Flink classpath the launcher adds; ingest is tested in flink-focus.)
 */
class FocusCommandTest {
  @TempDir Path dir;

  @Test
  void helpAndExitCodes() {
    for (String sub : new String[] {"generate", "ingest", "query", "bench"}) {
      assertEquals(0, Tributary.execute("focus", sub, "--help"), sub);
    }
    assertEquals(2, Tributary.execute("focus", "query", "--class", "car"), "missing --index is bad usage");
    assertEquals(2, Tributary.execute("focus", "ingest", "--index", dir.toString()), "no video is bad usage");
    assertEquals(1, Tributary.execute("focus", "query", "--index", dir.resolve("none").toString(), "--class", "car",
        "--gt-model", dir.resolve("missing.onnx").toString(), "--gt-labels", dir.resolve("l.txt").toString()),
        "a missing model is a failure with a message");
  }

  @Test
  void declaredOptionsKeepTheirShortNamesAndAreCheckedWhereParsed() {
    String[] r = CliRun.run("focus", "bench", "-k", "0");
    assertEquals("2", r[0], "K below 1 is bad usage: " + r[2]);
    assertTrue(r[2].lines().findFirst().orElse("").contains("--top-k") && r[2].contains("'0'"), r[2]);
    r = CliRun.run("focus", "ingest", "video.mp4");
    assertEquals("2", r[0], "--index is required: " + r[2]);
    assertTrue(r[2].contains("--index"), r[2]);
  }
}
