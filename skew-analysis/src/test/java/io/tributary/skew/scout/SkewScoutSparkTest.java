package io.tributary.skew.scout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tributary.common.config.Settings;
import io.tributary.common.data.DatasetLocator;
import io.tributary.common.scout.SkewScout;
import io.tributary.skew.options.ScoutOptions;
import io.tributary.skew.options.SkewTrainingOptions;
import io.tributary.skew.study.RunResult;
import io.tributary.skew.study.SkewStudy;
import io.tributary.skew.study.StudyRun;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SkewScout on real Spark ({@code local[2]}) and real DJL networks over a small label-skewed
 * Fashion-MNIST subset: it keeps BSP's accuracy while communicating less, the knob it picks
 * changes inside the running protocols, and the bench writes every summary key.
 */
class SkewScoutSparkTest {
  /**
   * SkewScout's least saving over BSP (model traveling included) on the label-skew test problem, at a gap
   * of at most 2 points: measured 1.38x at a gap of 1.3 points (it settles at T0 = 20%); the bar leaves
   * room for other CPUs' arithmetic moving a knob decision, not for communicating like BSP.
   */
  static final double MIN_SAVINGS = 1.2;


  @BeforeAll
  static void data() {
    assumeTrue(DatasetLocator.fashionMnist().isPresent(), "Fashion-MNIST not installed (scripts/fetch-data.sh)");
  }

  static Settings options(Path out, List<String> partitioners, String grid, double epochs, int trainPerClass,
      int mtp) {
    return Settings.empty().with(ScoutOptions.DATASET, "fashion-mnist").with(ScoutOptions.MODEL, "mlp")
        .with(ScoutOptions.PARTITIONS, partitioners).with(ScoutOptions.ALGORITHM, "gaia")
        .with(ScoutOptions.GRID, grid).with(SkewTrainingOptions.NUM_PARTITIONS, 5)
        .with(SkewTrainingOptions.BATCH_SIZE, 10).with(SkewTrainingOptions.EPOCHS, epochs)
        .with(SkewTrainingOptions.LR, 0.01).with(SkewTrainingOptions.TRAIN_PER_CLASS, trainPerClass)
        .with(SkewTrainingOptions.TEST_PER_CLASS, 200).with(SkewTrainingOptions.SEED, 3L)
        .with(ScoutOptions.MTP, mtp).with(ScoutOptions.SAMPLE, 60).with(ScoutOptions.SIGMA, 0.05)
        .with(SkewTrainingOptions.EVAL_EVERY, 1.0).with(SkewTrainingOptions.MASTER, "local[2]")
        .with(SkewTrainingOptions.OUT, out);
  }

  static String run(boolean bench, Settings o) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code = bench ? SkewScoutRunner.bench(o, new PrintStream(bytes, true, StandardCharsets.UTF_8))
        : SkewScoutRunner.scout(o, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, text);
    return text;
  }

  @Test
  void onLabelSkewScoutStaysWithinTwoPointsOfBspWithLessCommunication(@TempDir Path out) throws Exception {
    Settings o = options(out, List.of("label-skew"), null, 5, 100, 5);
    ScoutPlan.Plan plan = ScoutPlan.plan(o, false);
    String text = run(false, o);
    // Recompute from what the runner saved, so the assertion sees the real runs.
    ScoutResult scout = SkewScoutRunner.loadCheckpoint(out.resolve("scout-runs"), plan.scout().get(0));
    assertTrue(scout != null && scout.ok(), text);
    var bspRun = plan.fixed().get(0);
    assertEquals("bsp", bspRun.protocol().algorithm());
    List<ScoutReport.Row> rows = ScoutReport.rows(plan, List.of(loadFixed(out, bspRun)), List.of(scout));
    ScoutReport.Row row = rows.get(0);
    double bspTop1 = row.bsp().top1();
    assertTrue(bspTop1 > 0.5, "BSP learns: " + bspTop1);
    System.out.printf("label-skew: SkewScout saves %.2fx over BSP at a gap of %.2f points%n", row.savings(),
        row.accuracyGap());
    assertTrue(row.accuracyGap() <= 2.0, "within 2 points of BSP: gap " + row.accuracyGap() + "\n" + text);
    assertTrue(row.savings() >= MIN_SAVINGS, "saves at least " + MIN_SAVINGS + "x over BSP (model traveling"
        + " included): " + scout.totalBytes() + " vs " + row.bsp().bytes() + " bytes\n" + text);

    List<SkewScout.Period> periods = scout.periods();
    long steps = scout.result().steps();
    assertEquals(steps / 5, periods.size(), "a decision every MTP = 5 iterations");
    assertTrue(periods.stream().anyMatch(p -> p.nextTheta() != p.theta()), "the knob moved");
    assertTrue(scout.travelBytes() > 0);
    assertEquals(scout.travelBytes(), periods.stream().mapToLong(SkewScout.Period::travelBytes).sum(),
        "every travel round's bytes are counted");
    assertEquals(5L * periods.size(), scout.travelMessages(), "pairs: K frames per round");
    // C/CM of a period run at T0 = 0 is BSP's: each partition sends its dense update to K-1 peers.
    SkewScout.Period first = periods.get(0);
    assertEquals(0.0, first.theta());
    assertEquals(4.0, first.communication(), 0.05, "T0 = 0 sends a dense model's worth to each of 4 peers");
    // Label-skewed partitions' models disagree on each other's data once T0 loosens.
    assertTrue(periods.stream().anyMatch(p -> p.accuracyLoss() > 0.02), text);

    for (String f : List.of("runs.parquet", "periods.parquet", "results.csv", "periods.csv", "summary.json",
        "report.txt", "theta.png", "config.txt")) {
      assertTrue(Files.exists(out.resolve(f)), f);
    }
    String summary = Files.readString(out.resolve("summary.json"));
    assertTrue(summary.contains("\"savings_vs_bsp_100\"") && summary.contains("\"accuracy_gap_vs_bsp_100\""), summary);
    assertEquals(periods.size() + 1, Files.readAllLines(out.resolve("periods.csv")).size());
  }

  private static RunResult loadFixed(Path out, StudyRun run) {
    // The study saved BSP's run under <out>/runs (one JSON file per run).
    RunResult r = SkewStudy.loadCheckpoint(out.resolve("runs"), run);
    assertTrue(r != null, "no checkpoint of " + run.id() + " under " + out.resolve("runs"));
    assertNull(r.error(), r.error());
    return r;
  }

  @Test
  void benchWritesSavingsOracleAndGapForEverySetting(@TempDir Path out) throws Exception {
    Settings o = options(out, List.of(), "0,1%,10%", 2, 30, 3);
    String text = run(true, o);
    Map<String, String> summary = flat(Files.readString(out.resolve("summary.json")));
    for (String s : List.of("iid", "20", "60", "100")) {
      for (String key : List.of("savings_vs_bsp_", "oracle_savings_vs_bsp_", "accuracy_gap_vs_bsp_")) {
        assertTrue(summary.containsKey(key + s), key + s + " in " + summary);
        assertTrue(Double.isFinite(Double.parseDouble(summary.get(key + s))), key + s + " = " + summary.get(key + s));
      }
    }
    // ORACLE against the other knobs it was chosen from: per setting, it is the cheapest fixed run within
    // 2 points of BSP (checked here from the runs' own accuracies and bytes, not the report's flag), and
    // every cheaper knob was rejected for missing BSP's accuracy. On this small problem the looser knobs
    // (1%, 10%) are cheaper and lose accuracy, so each setting exercises the rejection.
    int cheaperRejected = 0;
    for (String s : List.of("iid", "20", "60", "100")) {
      List<String[]> runs = csv(out.resolve("sweep.csv")).stream().filter(r -> r[0].equals(s)).toList();
      double bspTop1 = runs.stream().filter(r -> r[1].equals("BSP")).mapToDouble(r -> Double.parseDouble(r[3]))
          .findFirst().orElseThrow();
      String[] oracle = runs.stream().filter(r -> !r[1].equals("BSP"))
          .filter(r -> Double.parseDouble(r[3]) >= bspTop1 - 0.02)
          .min(Comparator.comparingLong(r -> Long.parseLong(r[4]))).orElseThrow();
      assertEquals(Double.parseDouble(oracle[2]), Double.parseDouble(summary.get("oracle_knob_" + s)), 1e-9,
          s + ": ORACLE is the cheapest knob within 2 points of BSP\n" + text);
      for (String[] r : runs) {
        if (!r[1].equals("BSP") && Long.parseLong(r[4]) < Long.parseLong(oracle[4])) {
          assertTrue(Double.parseDouble(r[3]) < bspTop1 - 0.02, s + ": a cheaper knob within 2 points was passed over: "
              + String.join(",", r));
          cheaperRejected++;
        }
      }
    }
    assertTrue(cheaperRejected > 0, "some cheaper knob was compared with ORACLE and rejected\n" + text);
    assertEquals(5, Files.readAllLines(out.resolve("results.csv")).size(), "header + 4 settings");
    assertEquals(1 + 4 * 4, Files.readAllLines(out.resolve("sweep.csv")).size(), "BSP + 3 knob values per setting");
    byte[] png = Files.readAllBytes(out.resolve("fig6_12.png"));
    assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G');
    assertTrue(text.contains("ORACLE"), text);
  }

  /** The rows of a CSV file the report wrote (plain values, no quoting), header dropped. */
  static List<String[]> csv(Path file) throws IOException {
    return Files.readAllLines(file).stream().skip(1).map(l -> l.split(",", -1)).toList();
  }

  /** The flat summary.json as strings. */
  static Map<String, String> flat(String json) {
    Map<String, String> m = new LinkedHashMap<>();
    var matcher = Pattern.compile("\"([^\"]+)\"\\s*:\\s*(\"[^\"]*\"|[^,}\\s]+)").matcher(json);
    while (matcher.find()) {
      m.put(matcher.group(1), matcher.group(2).replace("\"", ""));
    }
    return m;
  }
}
