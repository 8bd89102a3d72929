package io.tributary.jobs;

import static io.tributary.jobs.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad values that used to be accepted or to fail obscurely: each is refused with an error naming
 * the option (or file) and the value, before any engine, JVM or encoder starts.
 */
class BadInputSweepTest {
  @TempDir Path dir;

  private static void assertUsageError(String[] r, String... named) {
    assertEquals("2", r[0], r[2]);
    String first = r[2].lines().findFirst().orElse("");
    for (String n : named) {
      assertTrue(first.contains(n), "the first error line names " + n + ": " + r[2]);
    }
  }

  @Test
  void focusQueryRejectsASkipThresholdOfZeroOrLess() {
    for (String bad : new String[] {"-1", "0", "NaN"}) {
      assertUsageError(run("focus", "query", "--index", dir.toString(), "--class", "car", "--skip-threshold", bad),
          "--skip-threshold", bad);
    }
    assertUsageError(run("focus", "bench", "--skip-threshold", "-0.5"), "--skip-threshold", "-0.5");
    // In range (0-1 skips by confidence, above 1 never skips): parsed, and the run then fails (exit 1, not 2)
    // on the missing model, before any model loads.
    for (String ok : new String[] {"0.9", "1", "2"}) {
      assertEquals("1", run("focus", "query", "--index", dir.resolve("none").toString(), "--class", "car",
          "--gt-model", dir.resolve("missing.onnx").toString(), "--gt-labels", dir.resolve("l.txt").toString(),
          "--skip-threshold", ok)[0], ok);
    }
  }

  @Test
  void gaiaRejectsARankBelowOne() {
    assertUsageError(run("gaia", "launch", "--rank", "0"), "--rank", "'0'");
    assertUsageError(run("gaia", "bench", "--rank", "-3"), "--rank", "'-3'");
  }

  @Test
  void gaiaRejectsAValueOfTheWrongTypeByFlag() {
    assertUsageError(run("gaia", "launch", "--dcs", "x"), "--dcs", "'x'");
    assertUsageError(run("gaia", "bench", "--max-seconds", "soon"), "--max-seconds", "'soon'");
  }

  @Test
  void gaiaRejectsAHeapThatIsNotAJvmSize() {
    for (String bad : new String[] {"lots", "4", "4gb", "1k", "-1g"}) {
      assertUsageError(run("gaia", "launch", "--heap", bad), "--heap", bad);
    }
    assertUsageError(run("gaia", "bench", "--heap", "lots"), "--heap", "lots");
  }

  @Test
  void focusGenerateRejectsAnExtensionNoContainerHas() {
    Path txt = dir.resolve("x.txt");

    assertUsageError(run("focus", "generate", "--out", txt.toString(), "--seconds", "1"), "--out", "x.txt", ".mp4");

    assertFalse(Files.exists(txt), "nothing was written");
  }

  @Test
  void skewProfileNamesAGarbageParquetFileInOneLine() throws Exception {
    byte[] junk = new byte[4096];
    new Random(1).nextBytes(junk);
    Path a = Files.write(dir.resolve("a.parquet"), junk);
    Path b = Files.write(dir.resolve("b.parquet"), junk);

    String[] r = run("skew", "profile", "--partitions", a.toString(), b.toString(), "--out", dir.resolve("o").toString());

    assertEquals("1", r[0], r[2]);
    assertTrue(r[2].contains(a.toString()) && r[2].contains("not a Parquet file"), r[2]);
    assertEquals(1, r[2].strip().lines().count(), "one line, no stack trace: " + r[2]);
  }
}
