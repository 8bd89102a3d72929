package io.tributary.jobs;

import static io.tributary.jobs.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The thin {@code tributary skew} commands: help, usage errors and bad input. */
class SkewCommandTest {

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

  @Test
  void scoutAndProfileHaveHelpAndNameBadInput(@TempDir Path dir) {
    String[] scout = run("skew", "scout", "--help");
    assertEquals("0", scout[0]);
    assertTrue(scout[1].contains("--bench") && scout[1].contains("--mtp") && scout[1].contains("--sigma"), scout[1]);
    String[] profile = run("skew", "profile", "--help");
    assertEquals("0", profile[0]);
    assertTrue(profile[1].contains("--partitions") && profile[1].contains("--architecture"), profile[1]);
    assertEquals("2", run("skew", "profile")[0], "--partitions is required");
    assertEquals("2", run("skew", "scout", "--mtp", "often")[0]);
    String[] missing = run("skew", "profile", "--partitions", dir.resolve("nope").toString(),
        dir.resolve("nada").toString(), "--out", dir.resolve("o").toString());
    assertEquals("1", missing[0]);
    assertTrue(missing[2].contains("nope"), missing[2]);
    String[] badStrategy = run("skew", "scout", "--strategy", "gradient-descent", "--dry-run", "--out",
        dir.resolve("s").toString());
    assertEquals("1", badStrategy[0]);
    assertTrue(badStrategy[2].contains("gradient-descent"), badStrategy[2]);
  }
}
