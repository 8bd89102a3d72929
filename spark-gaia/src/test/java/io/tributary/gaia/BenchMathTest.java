package io.tributary.gaia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.wan.CostModel;
import io.tributary.common.wan.WanTopology;
import io.tributary.gaia.deploy.GaiaRunConfig.GaiaSystem;
import io.tributary.gaia.launch.Centralized;
import io.tributary.gaia.launch.GaiaBenchApp;
import io.tributary.gaia.launch.GaiaBenchFigures;
import io.tributary.gaia.launch.RunOutcome.Cost;
import io.tributary.gaia.launch.RunOutcome.FinalModel;
import io.tributary.gaia.launch.RunOutcome.Goal;
import io.tributary.gaia.launch.RunOutcome.Key;
import io.tributary.gaia.launch.RunOutcome.Timing;
import io.tributary.gaia.launch.RunOutcome.Traffic;
import io.tributary.gaia.launch.RunOutcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CENTRALIZED (thesis Table 5.2): move every data centre's data to the cheapest one, then train there. */
class BenchMathTest {
  private static final Traffic NO_TRAFFIC = new Traffic(0, 0, 0, 0);
  private static final Cost FREE = new Cost(0, 0, 0);

  @Test
  void centralizedMovesDataInParallelToTheCheapestDataCentre() {
    WanTopology ss = WanTopology.named("ss");
    Map<String, Long> data = new LinkedHashMap<>();
    data.put("singapore", 1L << 30);
    data.put("sao-paulo", 1L << 30);
    // LAN: 100 s to converge, 4 workers x 100 s of machine time.
    RunOutcome lan = new RunOutcome(new Key("lan", GaiaSystem.LAN, 1), new Goal(true, "converged", -1, 100),
        List.of(), new Timing(100, 10, 120, 400, 0), NO_TRAFFIC, FREE, Map.of("lan", 0L), FinalModel.NONE);
    CostModel prices = CostModel.ec2January2017();
    Centralized c = Centralized.cheapest(ss, data, lan, prices);
    // 1 GiB over 16.7 Mbps: ~514 s, whichever way.
    double move = (1L << 30) * 8.0 / 16.7e6 + 0.165;
    assertEquals(move, c.moveSeconds(), 1e-6);
    assertEquals(move + 100, c.totalSeconds(), 1e-6);
    // Either Singapore sends ($0.09/GB, low-cost instance $0.27/h) and Sao Paulo trains ($1.37/h per CPU
    // instance), or the other way round ($0.16/GB, $0.34/h; $1.07/h): the cheaper plan wins.
    double toSaoPaulo = 0.09 + 0.01 + move / 3600 * 0.27 + 400 / 3600.0 * 1.37;
    double toSingapore = 0.16 + 0.01 + move / 3600 * 0.34 + 400 / 3600.0 * 1.07;
    assertEquals(toSaoPaulo < toSingapore ? "sao-paulo" : "singapore", c.destination());
    assertEquals(Math.min(toSaoPaulo, toSingapore), c.totalUsd(), 1e-9);
    assertTrue(c.transferUsd() > 0 && c.moveMachinesUsd() > 0 && c.trainUsd() > 0);
  }

  @Test
  void baselineOutOfTimeGivesItsTrainingTimeAsALowerBound() {
    RunOutcome reached = new RunOutcome(new Key("b", GaiaSystem.BASELINE, 2), new Goal(true, "reached", -1, 80),
        List.of(), new Timing(95, 10, 120, 0, 0), NO_TRAFFIC, FREE, Map.of(), FinalModel.NONE);
    RunOutcome cut = new RunOutcome(new Key("b", GaiaSystem.BASELINE, 2), new Goal(false, "time limit", -1, Double.NaN),
        List.of(), new Timing(100, 10, 120, 0, 0), NO_TRAFFIC, FREE, Map.of(), FinalModel.NONE);
    assertEquals(80, GaiaBenchFigures.baselineTime(reached), 0);
    assertEquals(100, GaiaBenchFigures.baselineTime(cut), 0, "ran 100 s without reaching: at least 100 s");
  }

  @Test
  void aRunWhoseFinalModelMissesTheTargetItStoppedAtHasNotReachedIt() {
    GaiaBenchApp tm = new GaiaBenchApp("tm", null, null, 0);
    // Stopped at clock 3 with a log-likelihood of -7.04 or better; the final model scores -7.41.
    RunOutcome early = new RunOutcome(new Key("g", GaiaSystem.GAIA, 11), new Goal(true, "reached target -7.04", -7.04, 2.3),
        List.of(), new Timing(4.4, 3, 60, 0, 0), NO_TRAFFIC, FREE, Map.of(), FinalModel.NONE);
    RunOutcome checked = tm.verified(early, -7.41);
    assertFalse(checked.reached(), checked.reason());
    assertTrue(Double.isNaN(checked.timeToTarget()));
    assertTrue(checked.reason().contains("final model"), checked.reason());
    // Within 1% of the target (higher is better) it stands.
    assertTrue(tm.verified(early, -7.09).reached());
    // IC: 3 points of accuracy.
    GaiaBenchApp ic = new GaiaBenchApp("ic", null, null, 0.01);
    assertTrue(ic.bearsOut(0.86, 0.888));
    assertFalse(ic.bearsOut(0.85, 0.888));
    // MF, lower is better.
    GaiaBenchApp mf = new GaiaBenchApp("mf", null, null, 0);
    assertTrue(mf.bearsOut(0.272, 0.270));
    assertFalse(mf.bearsOut(0.28, 0.270));
  }

  @Test
  void lanIsTimedToTheFirstPointAtTheTargetEvenWhenItsCurveWasRoundedOnTheWay() {
    // LAN converged at -7.040921687: its result JSON says -7.04092 (the target), its CSV curve -7.04092169.
    List<double[]> curve = List.of(new double[] {1, 1.0, -7.4}, new double[] {2, 5.0, -7.05},
        new double[] {3, 9.8, -7.04092169});
    RunOutcome lan = new RunOutcome(new Key("lan", GaiaSystem.LAN, 1), new Goal(true, "converged", -7.04092, 9.8),
        curve, new Timing(9.8, 3, 20, 0, 0), NO_TRAFFIC, FREE, Map.of(), FinalModel.NONE);
    RunOutcome timed = lan.timedTo(-7.04092, false);
    assertTrue(timed.reached(), timed.reason());
    assertEquals(9.8, timed.timeToTarget(), 0);
    assertEquals(5.0, lan.timedTo(-7.06, false).timeToTarget(), 0, "a lower target is met earlier");
    assertFalse(lan.timedTo(-7.0, false).reached(), "a target above the curve is never met");
  }
}
