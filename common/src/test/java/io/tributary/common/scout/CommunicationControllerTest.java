package io.tributary.common.scout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.scout.CommunicationController.Strategy;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The controller on synthetic AL(theta)/C(theta) landscapes: accuracy loss grows and
 * communication falls along the grid, so eq. 6.2's optimum is the loosest theta whose AL stays
 * within the bound.
 */
class CommunicationControllerTest {
  static final KnobGrid GRID = KnobGrid.defaults("gaia"); // 8 values
  static final Objective OBJ = Objective.withSigma(0.05);

  /** AL(i) = 0.012 i^2: within 5% up to index 2 (AL 0.048); C/CM(i) = 4 / (1 + i). */
  static double al(int i) {
    return 0.012 * i * i;
  }

  static double comm(int i) {
    return 4.0 / (1 + i);
  }

  static int optimum() {
    int best = 0;
    for (int i = 0; i < GRID.size(); i++) {
      if (OBJ.value(al(i), comm(i)) < OBJ.value(al(best), comm(best))) {
        best = i;
      }
    }
    return best;
  }

  static int[] run(CommunicationController c, int decisions, double noise, long seed) {
    Random r = new Random(seed);
    int[] visited = new int[decisions];
    for (int d = 0; d < decisions; d++) {
      int i = c.index();
      visited[d] = i;
      c.observe(100L * (d + 1), al(i) + noise * r.nextGaussian(), comm(i));
    }
    return visited;
  }

  @Test
  void theLandscapesOptimumIsTheLoosestFeasibleTheta() {
    assertEquals(2, optimum());
    assertTrue(OBJ.value(al(3), comm(3)) > OBJ.value(al(0), comm(0)), "one point over the bound costs more than BSP");
  }

  @Test
  void hillClimbingFromEitherEndReachesTheOptimumAndStays() {
    for (int start : new int[] {0, GRID.size() - 1}) {
      CommunicationController c = new CommunicationController(GRID, OBJ, start, 0);
      int[] visited = run(c, 20, 0, 1);
      assertEquals(optimum(), c.index(), "from " + start + ": " + Arrays.toString(visited));
      for (int d = 12; d < 20; d++) {
        assertEquals(optimum(), visited[d], "settled by decision 12 from " + start);
      }
      assertEquals(20, c.history().size());
      // Memoised per theta: the optimum's neighbour was measured and remembered as worse.
      assertTrue(c.knownObjective(optimum() + 1, 20) > c.knownObjective(optimum(), 20));
    }
  }

  @Test
  void hillClimbingStaysInTheOptimumsNeighbourhoodUnderNoisyAccuracyLoss() {
    CommunicationController c = new CommunicationController(GRID, OBJ, 0, 4);
    int[] visited = run(c, 60, 0.01, 7);
    int near = 0;
    for (int d = 20; d < 60; d++) {
      near += Math.abs(visited[d] - optimum()) <= 1 ? 1 : 0;
    }
    assertTrue(near >= 36, "near the optimum in " + near + " of the last 40 decisions");
  }

  @Test
  void stochasticHillClimbingAndSimulatedAnnealingEndNearTheOptimum() {
    for (Strategy s : List.of(Strategy.STOCHASTIC_HILL_CLIMBING, Strategy.SIMULATED_ANNEALING)) {
      for (long seed = 1; seed <= 3; seed++) {
        CommunicationController c = new CommunicationController(GRID, OBJ, s, 0, 0, seed, 2.0, 0.85);
        int[] visited = run(c, 50, 0, seed);
        int near = 0;
        for (int d = 30; d < 50; d++) {
          near += Math.abs(visited[d] - optimum()) <= 1 ? 1 : 0;
        }
        assertTrue(near >= 18, s + " seed " + seed + ": " + Arrays.toString(visited));
        assertTrue(Math.abs(c.index() - optimum()) <= 1, s + " ends at " + c.index());
      }
    }
  }

  @Test
  void forgottenMemosLetTheControllerFollowALandscapeThatLoosensOverTraining() {
    // Early in training only T0 <= 1% keeps the loss within bounds; later everything up to 20% does.
    CommunicationController forgetful = new CommunicationController(GRID, OBJ, 0, 3);
    CommunicationController remembering = new CommunicationController(GRID, OBJ, 0, 0);
    for (CommunicationController c : List.of(forgetful, remembering)) {
      for (int d = 0; d < 40; d++) {
        int i = c.index();
        double loss = d < 10 ? 0.04 * i : 0.0099 * i;
        c.observe(d, loss, comm(i));
      }
    }
    assertEquals(5, forgetful.index(), "re-explores looser values once their old AL expires");
    assertEquals(1, remembering.index(), "never revisits the values it once saw fail");
  }

  @Test
  void badSettingsAndObservationsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new CommunicationController(GRID, OBJ, 8, 0));
    CommunicationController c = new CommunicationController(GRID, OBJ, 0, 0);
    assertThrows(IllegalArgumentException.class, () -> c.observe(1, Double.NaN, 1));
    assertThrows(IllegalArgumentException.class, () -> KnobGrid.of("bsp", 1));
    assertThrows(IllegalArgumentException.class, () -> new KnobGrid("gaia", new double[] {0.1, 0.05}));
    assertThrows(IllegalArgumentException.class, () -> KnobGrid.parse("fedavg", "1,2.5"));
    assertEquals(Strategy.SIMULATED_ANNEALING, Strategy.parse("sa"));
    assertThrows(IllegalArgumentException.class, () -> Strategy.parse("gradient-descent"));
  }

  @Test
  void gridsAreOrderedFromMostToLeastCommunication() {
    assertEquals(0.0, KnobGrid.parse("gaia", "10%, 2%, 0").value(0));
    assertEquals(0.1, KnobGrid.parse("gaia", "10%, 2%, 0").value(2), 1e-12);
    KnobGrid dgc = KnobGrid.of("dgc", 0, 8, 2);
    assertEquals(8.0, dgc.value(0), "DGC: a longer warm-up communicates more");
    assertEquals(0.0, dgc.value(2));
    assertEquals("T0=5%", GRID.label(GRID.nearest(0.049)));
  }
}
