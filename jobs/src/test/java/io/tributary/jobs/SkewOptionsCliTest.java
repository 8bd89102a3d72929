package io.tributary.jobs;

import static io.tributary.jobs.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.config.Settings;
import io.tributary.skew.options.ScoutOptions;
import io.tributary.skew.options.SkewTrainingOptions;
import io.tributary.skew.options.StudyOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The skew commands' flags are the declared settings: a flag parses into its setting, a value that
 * breaks the setting's rule is a usage error naming the flag, and the value reaches the runner (which
 * records it in its config file on a dry run).
 */
class SkewOptionsCliTest {

  @Test
  void helpShowsADeclaredSettingsDescriptionAndDefault() {
    String[] r = run("skew", "scout", "--help");
    assertEquals("0", r[0]);
    assertTrue(r[1].contains("--mtp") && r[1].contains(ScoutOptions.MTP.description()), r[1]);
    assertTrue(r[1].contains("Default: 4"), r[1]);
    assertTrue(r[1].contains("--num-partitions") && r[1].contains("-k"), r[1]);
  }

  @Test
  void aValueBreakingASettingsRuleIsAUsageErrorNamingTheFlag(@TempDir Path dir) {
    String[] epochs = run("skew", "study", "--preset", "smoke", "--epochs", "0", "--dry-run", "--out",
        dir.toString());
    assertEquals("2", epochs[0], epochs[2]);
    assertTrue(epochs[2].contains("--epochs") && epochs[2].contains("positive"), epochs[2]);
    String[] mtp = run("skew", "scout", "--mtp", "-1", "--dry-run", "--out", dir.toString());
    assertEquals("2", mtp[0], mtp[2]);
    assertTrue(mtp[2].contains("--mtp"), mtp[2]);
    String[] sigma = run("skew", "scout", "--sigma", "lots", "--dry-run", "--out", dir.toString());
    assertEquals("2", sigma[0], sigma[2]);
    assertTrue(sigma[2].contains("--sigma") && sigma[2].contains("lots"), sigma[2]);
    String[] k = run("skew", "study", "-k", "0", "--dry-run", "--out", dir.toString());
    assertEquals("2", k[0], k[2]);
    assertTrue(k[2].contains("-k"), k[2]);
  }

  @Test
  void studyFlagsReachTheRunnerAndItsConfigFile(@TempDir Path dir) throws Exception {
    String[] r = run("skew", "study", "--preset", "smoke", "--epochs", "2.5", "-k", "3", "--algorithms", "bsp,gaia:5%",
        "--no-scale-epoch-knobs", "--dry-run", "--out", dir.toString());
    Path config = dir.resolve("study-config.txt");
    String text = Files.readString(config, StandardCharsets.UTF_8);
    Settings back = Settings.parse(text, StudyOptions.ALL, config.toString());
    assertEquals(2.5, back.get(SkewTrainingOptions.EPOCHS));
    assertEquals(3, back.get(SkewTrainingOptions.NUM_PARTITIONS));
    assertEquals(List.of("bsp", "gaia:5%"), back.get(StudyOptions.ALGORITHMS));
    assertEquals(false, back.get(StudyOptions.SCALE_EPOCH_KNOBS));
    assertEquals(true, back.get(SkewTrainingOptions.DRY_RUN));
    assertEquals("0", r[0], r[2]);
    // 2 settings x 2 algorithms, each with the given K and epochs.
    assertTrue(r[1].contains("[skew study] preset smoke: 4 runs"), r[1]);
  }

  @Test
  void scoutFlagsReachTheRunnerAndItsConfigFile(@TempDir Path dir) throws Exception {
    String[] r = run("skew", "scout", "--mtp", "7", "--sigma", "10%", "--no-baseline", "--dry-run", "--out",
        dir.toString());
    Path config = dir.resolve("config.txt");
    Settings back = Settings.parse(Files.readString(config, StandardCharsets.UTF_8), ScoutOptions.ALL,
        config.toString());
    assertEquals(7, back.get(ScoutOptions.MTP));
    assertEquals(0.10, back.get(ScoutOptions.SIGMA), 1e-12);
    assertEquals(true, back.get(ScoutOptions.NO_BASELINE));
    assertEquals("0", r[0], r[2]);
    assertTrue(r[1].contains("1 SkewScout runs and 0 fixed runs"), r[1]);
  }
}
