package io.tributary.skew.scout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tributary.common.scout.ModelTraveler;
import io.tributary.common.scout.SkewScout;
import io.tributary.skew.study.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SkewScout's checkpoints: a result with its periods and travel rounds saved as JSON reads back
 * equal; a truncated one is re-run (null), not trusted.
 */
class ScoutCheckpointTest {
  @TempDir Path out;

  private ScoutResult result(ScoutRun run) {
    RunResult r = new RunResult(run.run(), null,
        new RunResult.Execution(100, 50, new int[] {50, 50}, "h", 10, 3.5, false),
        new RunResult.Curve(new double[] {1}, new double[] {0.5}, new double[] {1.2}, new double[] {0.4},
            new long[] {300}),
        new RunResult.Accuracy(0.5, 0.45, new double[] {0.5, 0.5}),
        new RunResult.Traffic(300, new long[] {150, 150}, 6),
        new RunResult.BatchNorm(Double.NaN, new double[0]),
        Map.of());
    var round = new ModelTraveler.TravelRound(2, List.of(new ModelTraveler.TripResult(0, 1, 0.8, 0.6),
        new ModelTraveler.TripResult(1, 0, 0.7, Double.NaN)), 4096, 2);
    List<SkewScout.Period> periods = List.of(
        new SkewScout.Period(0, 0, 5, 0.1, 0.2, 0.5, 1.5, 0.05, "climb", 100, 4096, round),
        new SkewScout.Period(1, 5, 10, 0.05, Double.NaN, 0.4, 1.2, 0.05, "stay", 200, 0, null));
    return new ScoutResult(run, r, periods, 4096, 2, 1234);
  }

  @Test
  void aSavedScoutRunReadsBackEqual() throws Exception {
    ScoutRun run = ScoutPlan.plan(SkewScoutSparkTest.options(out, List.of("label-skew"), null, 5, 100, 5), false)
        .scout().get(0);
    ScoutResult r = result(run);

    SkewScoutRunner.saveCheckpoint(out, r);
    ScoutResult back = SkewScoutRunner.loadCheckpoint(out, run);

    assertNotNull(back);
    assertEquals(r.periods(), back.periods(), "periods, travel rounds and trips (records) compare by value");
    assertEquals(r.travelBytes(), back.travelBytes());
    assertEquals(r.travelMessages(), back.travelMessages());
    assertEquals(r.modelBytes(), back.modelBytes());
    assertEquals(r.result().top1(), back.result().top1());
    assertArrayEquals(r.result().curveBytes(), back.result().curveBytes());
    assertEquals(r.totalBytes(), back.totalBytes());
  }

  @Test
  void aTruncatedScoutCheckpointIsNotUsed() throws Exception {
    ScoutRun run = ScoutPlan.plan(SkewScoutSparkTest.options(out, List.of("label-skew"), null, 5, 100, 5), false)
        .scout().get(0);
    SkewScoutRunner.saveCheckpoint(out, result(run));
    Path f = SkewScoutRunner.checkpointFile(out, run);
    byte[] b = Files.readAllBytes(f);
    Files.write(f, Arrays.copyOf(b, b.length / 2));

    assertNull(SkewScoutRunner.loadCheckpoint(out, run));
  }
}
