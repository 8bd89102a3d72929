package io.tributary.common.scout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.link.LinkShape;
import io.tributary.common.metrics.TrafficMeter;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Schedules cover every pair, overlays route and combine, and every travelled byte is counted. */
class ModelTravelerTest {

  static Set<List<Integer>> covered(TravelSchedule s, int n, int rounds) {
    Set<List<Integer>> pairs = new HashSet<>();
    for (int r = 0; r < rounds; r++) {
      for (TravelSchedule.Trip t : s.trips(r, n)) {
        assertTrue(t.source() != t.destination());
        pairs.add(List.of(t.source(), t.destination()));
      }
    }
    return pairs;
  }

  @Test
  void schedulesCoverEveryOrderedPairInTheirCoverTime() {
    for (int n : new int[] {2, 3, 5, 6}) {
      for (TravelSchedule s : List.of(TravelSchedule.pairs(), TravelSchedule.broadcast(1), TravelSchedule.broadcast(2))) {
        int rounds = s.roundsToCover(n);
        assertEquals(n * (n - 1), covered(s, n, rounds).size(), s.spec() + " N=" + n + " in " + rounds + " rounds");
        assertTrue(covered(s, n, rounds - 1).size() < n * (n - 1) || rounds == 1);
      }
      // pairs: every partition sends one model and evaluates one per round
      List<TravelSchedule.Trip> round = TravelSchedule.pairs().trips(3, n);
      assertEquals(n, round.stream().map(TravelSchedule.Trip::destination).distinct().count());
    }
    assertEquals(TravelSchedule.broadcast(2), TravelSchedule.parse("broadcast:2"));
    assertThrows(IllegalArgumentException.class, () -> TravelSchedule.parse("random"));
  }

  /** An evaluator whose accuracy depends on which model (params[0]) meets which partition's data. */
  static final double[][] ACC = {
      {0.9, 0.5, 0.3, 0.2, 0.1},
      {0.4, 0.8, 0.4, 0.3, 0.2},
      {0.3, 0.3, 0.7, 0.3, 0.3},
      {0.2, 0.2, 0.2, 0.9, 0.6},
      {0.1, 0.1, 0.1, 0.5, 0.6}};

  static ModelTraveler.ModelAccess models(int numParams) {
    return new ModelTraveler.ModelAccess() {
      @Override
      public float[] parameters(int k) {
        float[] p = new float[numParams];
        Arrays.fill(p, 0.5f);
        p[0] = k;
        return p;
      }

      @Override
      public float[] state(int k) {
        return new float[] {1f, 2f};
      }
    };
  }

  static final ModelTraveler.SampleEvaluator EVAL = (partition, params, state, round) -> {
    assertEquals(2, state.length, "the state travels with the model");
    return ACC[(int) params[0]][partition];
  };

  @Test
  void directTravelMeasuresEveryTripsLossAndCountsItsBytes() throws Exception {
    TrafficMeter meter = new TrafficMeter();
    try (ModelTraveler t = new ModelTraveler("run", 5, TravelSchedule.pairs(), TravelOverlay.direct(),
        LinkShape.UNSHAPED, meter)) {
      ModelTraveler.TravelRound r = t.travel(0, models(1000), EVAL);
      assertEquals(5, r.trips().size());
      double sum = 0;
      for (ModelTraveler.TripResult trip : r.trips()) {
        assertEquals((trip.source() + 1) % 5, trip.destination(), "round 0 shifts by one");
        assertEquals(ACC[trip.source()][trip.source()], trip.localAccuracy());
        assertEquals(ACC[trip.source()][trip.destination()], trip.remoteAccuracy());
        sum += trip.loss();
      }
      assertEquals(sum / 5, r.accuracyLoss(), 1e-12);
      long frame = ModelTraveler.encode(0, 0, 0.9, models(1000).parameters(0), new float[] {1f, 2f}).length;
      assertTrue(frame > 4000, "a dense model of 1,000 floats");
      assertEquals(5 * frame, r.bytes(), "five frames of one model each");
      assertEquals(5, r.messages());
      assertEquals(r.bytes(), meter.totalBytes());
      assertEquals(frame, meter.bytes("run/p0->run/p1"));
    }
  }

  @Test
  void identicalModelsHaveNoAccuracyLossUnderThePairsSchedule() throws Exception {
    // Partition data of different difficulty, one shared model: the round's mean loss is exactly 0.
    double[] difficulty = {0.9, 0.7, 0.5, 0.8, 0.6};
    ModelTraveler.SampleEvaluator eval = (partition, params, state, round) -> difficulty[partition];
    try (ModelTraveler t = new ModelTraveler("x", 5, TravelSchedule.pairs(), TravelOverlay.direct(),
        LinkShape.UNSHAPED, new TrafficMeter())) {
      for (int round = 0; round < 4; round++) {
        assertEquals(0.0, t.travel(round, models(10), eval).accuracyLoss(), 1e-12);
      }
    }
  }

  @Test
  void hubsCombineABroadcastSoEachModelCrossesEachGroupLinkOnce() throws Exception {
    int[] groups = {0, 0, 1, 1, 2};
    TrafficMeter direct = new TrafficMeter();
    TrafficMeter hubs = new TrafficMeter();
    ModelTraveler.TravelRound d;
    ModelTraveler.TravelRound h;
    try (ModelTraveler a = new ModelTraveler("d", 5, TravelSchedule.broadcast(1), TravelOverlay.direct(),
        LinkShape.UNSHAPED, direct);
        ModelTraveler b = new ModelTraveler("h", 5, TravelSchedule.broadcast(1), TravelOverlay.hubs(groups),
            LinkShape.UNSHAPED, hubs)) {
      d = a.travel(1, models(500), EVAL); // source: partition 1 (group 0, whose hub is 0)
      h = b.travel(1, models(500), EVAL);
    }
    assertEquals(d.trips(), h.trips(), "the same trips measure the same losses");
    // Hubs: 1->0 (to its hub), 0->2 and 0->4 (hub to hub, once each), 2->3 (hub to member).
    Map<String, long[]> ch = hubs.snapshot();
    assertEquals(Set.of("h/p1->h/p0", "h/p0->h/p2", "h/p0->h/p4", "h/p2->h/p3"), ch.keySet());
    long crossGroupHubs = ch.get("h/p0->h/p2")[0] + ch.get("h/p0->h/p4")[0];
    long frame = ch.get("h/p1->h/p0")[0];
    assertEquals(2 * frame, crossGroupHubs);
    assertEquals(3 * frame, direct.bytes("d/p1->d/p2") + direct.bytes("d/p1->d/p3") + direct.bytes("d/p1->d/p4"),
        "direct: one copy per destination across groups");
    assertEquals(4 * frame, h.bytes());
  }

  @Test
  void serverClientUploadsEachSourceOnceAndForwardsWithTheDownloads() throws Exception {
    TrafficMeter meter = new TrafficMeter();
    try (ModelTraveler t = new ModelTraveler("fl", 4, TravelSchedule.broadcast(1), TravelOverlay.serverClient(),
        LinkShape.UNSHAPED, meter)) {
      ModelTraveler.TravelRound r = t.travel(2, models(100), (p, params, s, round) -> ACC[(int) params[0]][p]);
      assertEquals(3, r.trips().size());
      assertEquals(4, r.messages(), "one upload, three downloads");
      Map<String, long[]> ch = meter.snapshot();
      assertEquals(1, ch.get("fl/p2->fl/server")[1]);
      assertTrue(ch.containsKey("fl/server->fl/p0") && ch.containsKey("fl/server->fl/p3"));
    }
  }

  @Test
  void overlaysParseAndRejectBadSpecs() {
    assertEquals(TravelOverlay.hubs(new int[] {0, 0, 1, 1}), TravelOverlay.parse("hubs:2", 4));
    assertEquals(TravelOverlay.hubs(new int[] {0, 1, 0}), TravelOverlay.parse("hubs:0,1,0", 3));
    assertEquals(TravelOverlay.serverClient(), TravelOverlay.parse("server", 3));
    assertThrows(IllegalArgumentException.class, () -> TravelOverlay.parse("hubs:0,1", 3));
    assertThrows(IllegalArgumentException.class, () -> TravelOverlay.parse("ring", 3));
    assertThrows(IllegalArgumentException.class, () -> TravelOverlay.parse("hubs:9", 3));
  }
}
