package io.tributary.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The thin {@code tributary skew} commands: help, usage errors and bad input. */
class SkewCommandTest {

  private static String[] run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      code = Tributary.execute(args);
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    return new String[] {String.valueOf(code), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
  }

  @Test
  void helpListsThePresetsAndGridOptions() {
    String[] r = run("skew", "study", "--help");
    assertEquals("0", r[0]);
    assertTrue(r[1].contains("paper-cifar10") && r[1].contains("--algorithms") && r[1].contains("--placement"), r[1]);
    assertEquals("0", run("skew", "report", "--help")[0]);
  }

  @Test
  void usageErrorsExitTwoAndBadInputExitsOneNamingIt(@TempDir Path dir) {
    assertEquals("2", run("skew", "study", "--epochs", "many")[0]);
    assertEquals("2", run("skew", "frobnicate")[0]);
    String[] bad = run("skew", "study", "--preset", "paper-imagenet", "--dry-run", "--out", dir.toString());
    assertEquals("1", bad[0]);
    assertTrue(bad[2].contains("paper-imagenet"), bad[2]);
    String[] badAlgo = run("skew", "study", "--preset", "smoke", "--algorithms", "bsp,ssp:3", "--dry-run", "--out",
        dir.toString());
    assertEquals("1", badAlgo[0]);
    assertTrue(badAlgo[2].contains("ssp"), badAlgo[2]);
    String[] missing = run("skew", "report", "--runs", dir.resolve("nothing.parquet").toString());
    assertEquals("1", missing[0]);
    assertTrue(missing[2].contains("nothing.parquet"), missing[2]);
  }
}
