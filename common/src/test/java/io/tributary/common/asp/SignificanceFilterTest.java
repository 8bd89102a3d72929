package io.tributary.common.asp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.link.InProcessLink;
import io.tributary.common.link.LinkShape;
import io.tributary.common.metrics.TrafficMeter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The significance filter: what is sent, what accumulates, how the threshold decays. */
class SignificanceFilterTest {

  @Test
  void relativeMagnitudeIsAccumulatedOverValue() {
    double[] out = new double[4];
    SignificanceFunction.relativeMagnitude().evaluate(new float[] {0.5f, -0.01f, 0f, 1f},
        new float[] {1f, 2f, 3f, 0f}, 0, 4, out);
    assertEquals(0.5, out[0], 1e-6);
    assertEquals(0.005, out[1], 1e-6);
    assertEquals(0.0, out[2]);
    assertEquals(Double.POSITIVE_INFINITY, out[3]);
  }

  @Test
  void groupNormJudgesAGroupAsAWhole() {
    double[] out = new double[4];
    // Group 0: value (3,4) norm 5, accumulated (0.3, 0.4) norm 0.5 -> 0.1 for both members.
    SignificanceFunction.groupNorm(2).evaluate(new float[] {0.3f, 0.4f, 0f, 0f}, new float[] {3f, 4f, 1f, 1f}, 0, 4, out);
    assertEquals(0.1, out[0], 1e-6);
    assertEquals(0.1, out[1], 1e-6);
    assertEquals(0.0, out[2]);
  }

  @Test
  void thresholdDecaysAsVOverSqrtT() {
    ThresholdSchedule s = new ThresholdSchedule(0.04);
    assertEquals(0.04, s.at(1), 1e-12);
    assertEquals(0.02, s.at(4), 1e-12);
    assertEquals(0.004, s.at(100), 1e-12);
    for (int t = 1; t < 1000; t++) {
      assertTrue(s.at(t + 1) < s.at(t), "threshold must decrease at every clock");
    }
  }

  @Test
  void storeTakesOnlySignificantUpdatesAndKeepsTheRestAccumulated() {
    ParameterStore store = new ParameterStore(new float[] {1f, 1f, 1f, 1f}, 2);
    store.applyLocal(new float[] {0.5f, 0.001f, 0f, 0.02f});
    ParameterStore.Selection s0 = store.takeSignificant(0, SignificanceFunction.relativeMagnitude(), 0.01, 0.01);
    assertArrayEquals(new int[] {0}, s0.update().indices());
    assertEquals(0.5f, s0.update().values()[0], 1e-7);
    ParameterStore.Selection s1 = store.takeSignificant(1, SignificanceFunction.relativeMagnitude(), 0.01, 0.01);
    assertArrayEquals(new int[] {3}, s1.update().indices());
    float[] acc = store.snapshotAccumulated();
    assertEquals(0f, acc[0]);
    assertEquals(0.001f, acc[1], 1e-7);
    assertEquals(0f, acc[3]);
    // Values always include local updates, sent or not.
    assertArrayEquals(new float[] {1.5f, 1.001f, 1f, 1.02f}, store.snapshotValues(), 1e-6f);
  }

  @Test
  void softBandIsTakenButNotListedAsHard() {
    ParameterStore store = new ParameterStore(new float[] {1f, 1f, 1f}, 3);
    store.applyLocal(new float[] {0.5f, 0.05f, 0.001f});
    ParameterStore.Selection s = store.takeSignificant(0, SignificanceFunction.relativeMagnitude(), 0.1, 0.01);
    assertArrayEquals(new int[] {0, 1}, s.update().indices());
    assertArrayEquals(new int[] {0}, s.hardIndices());
  }

  /** Two nodes over an in-process link: a significant update is always sent. */
  @Test
  void significantUpdateIsAlwaysSentAndInsignificantOnesAccumulateUntilSignificant() throws Exception {
    TrafficMeter meter = new TrafficMeter();
    InProcessLink[] l = InProcessLink.pair("a", "b", LinkShape.UNSHAPED, meter);
    AspConfig cfg = AspConfig.defaults().withInitialThreshold(0.01).withGoal(AspGoal.MINIMISE_COST).withShardSize(2);
    float[] init = {1f, 1f, 1f, 1f};
    try (AspNode a = new AspNode("a", init, cfg, SignificanceFunction.relativeMagnitude(),
        List.of(new AspNode.Peer(l[0], LinkShape.UNSHAPED)), null);
        AspNode b = new AspNode("b", init, cfg, SignificanceFunction.relativeMagnitude(),
            List.of(new AspNode.Peer(l[1], LinkShape.UNSHAPED)), null)) {
      // Clock 1, threshold 1%: parameter 0 changes by 5% (significant), parameter 1 by 0.4%.
      a.update(1, new float[] {0.05f, 0.004f, 0f, 0f});
      awaitValue(b, 0, 1.05f);
      assertEquals(1f, b.store().snapshotValues()[1], 0f, "an insignificant update must not be sent");
      assertEquals(0.004f, a.store().snapshotAccumulated()[1], 1e-7);
      // Clock 1 again: another 0.4% on parameter 1 -> accumulated 0.8%/1.008 < 1%: still not sent.
      a.update(1, new float[] {0f, 0.004f, 0f, 0f});
      Thread.sleep(50);
      assertEquals(1f, b.store().snapshotValues()[1], 0f);
      // A third 0.4% makes the accumulated update 1.2%/1.012 > 1%: it is sent whole.
      a.update(1, new float[] {0f, 0.004f, 0f, 0f});
      awaitValue(b, 1, 1.012f);
      assertEquals(0f, a.store().snapshotAccumulated()[1], "sent updates are no longer accumulated");
      AspNode.Stats st = a.stats();
      assertEquals(4, st.sent().parametersUpdated());
      assertEquals(2, st.sent().parametersSent());
      // The decayed threshold lets a small update through later: at clock 100 it is 0.1%.
      a.update(100, new float[] {0f, 0f, 0.002f, 0f});
      awaitValue(b, 2, 1.002f);
    }
  }

  static void awaitValue(AspNode n, int index, float expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (Math.abs(n.store().snapshotValues()[index] - expected) > 1e-6) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("parameter " + index + " of " + n.id() + " is " + n.store().snapshotValues()[index]
            + ", expected " + expected);
      }
      Thread.sleep(5);
    }
  }

  @Test
  void softThresholdFallsWhenBandwidthIsIdleOnlyWhenOptimisingSpeed() {
    SoftThreshold speed = new SoftThreshold(AspGoal.OPTIMISE_SPEED, 0.1);
    SoftThreshold cost = new SoftThreshold(AspGoal.MINIMISE_COST, 0.1);
    for (int i = 0; i < 10; i++) {
      speed.observe(0.05);
      cost.observe(0.05);
    }
    assertEquals(0.1, speed.ratio(), 1e-12, "idle bandwidth lowers the soft threshold down to its floor");
    assertTrue(speed.active());
    assertEquals(1.0, cost.ratio(), "minimise-cost never activates the soft threshold");
    assertTrue(!cost.active());
    speed.observe(3.0);
    assertEquals(0.2, speed.ratio(), 1e-12, "an over-used link raises it again");
    speed.observe(0.7);
    assertEquals(0.2, speed.ratio(), 1e-12, "a well-used link keeps it");
  }

  @Test
  void bestEffortUpdatesTravelOnAnIdleLinkInSpeedModeOnly() throws Exception {
    for (AspGoal goal : AspGoal.values()) {
      TrafficMeter meter = new TrafficMeter();
      LinkShape shape = LinkShape.ofMbps(100, 0);
      InProcessLink[] l = InProcessLink.pair("a", "b", shape, meter);
      AspConfig cfg = AspConfig.defaults().withInitialThreshold(0.1).withGoal(goal).withShardSize(4);
      float[] init = {1f, 1f, 1f, 1f};
      try (AspNode a = new AspNode("a", init, cfg, SignificanceFunction.relativeMagnitude(),
          List.of(new AspNode.Peer(l[0], shape)), null);
          AspNode b = new AspNode("b", init, cfg, SignificanceFunction.relativeMagnitude(),
              List.of(new AspNode.Peer(l[1], shape)), null)) {
        // Idle clocks: the link carries almost nothing, so in speed mode the soft threshold falls.
        for (int t = 1; t <= 6; t++) {
          Thread.sleep(20);
          a.endClock(t, new double[0]);
        }
        // 5% change: below the hard threshold at clock 1 (10%), above a lowered soft one.
        a.update(1, new float[] {0.05f, 0f, 0f, 0f});
        Thread.sleep(100);
        float seen = b.store().snapshotValues()[0];
        if (goal == AspGoal.OPTIMISE_SPEED) {
          assertEquals(1.05f, seen, 1e-6, "speed mode uses idle bandwidth for best-effort updates");
        } else {
          assertEquals(1f, seen, 0f, "cost mode sends only hard-significant updates");
        }
      }
    }
  }
}
