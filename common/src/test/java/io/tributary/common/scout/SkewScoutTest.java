package io.tributary.common.scout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.link.Link;
import io.tributary.common.link.LinkShape;
import io.tributary.common.metrics.TrafficMeter;
import io.tributary.common.protocol.GaiaProtocol;
import io.tributary.common.protocol.LockstepRunner;
import io.tributary.common.protocol.Mesh;
import io.tributary.common.protocol.PartitionTrainer;
import io.tributary.common.protocol.ProtocolContext;
import io.tributary.common.protocol.ProtocolSpec;
import io.tributary.common.protocol.SgdConfig;
import io.tributary.common.protocol.SoftmaxRegression;
import io.tributary.common.protocol.SyncProtocol;
import io.tributary.common.protocol.TunableProtocol;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * SkewScout driving real protocols over label-skewed partitions of a plain-Java softmax
 * regression: the knob it picks is in force on every partition at the next step, model traveling
 * is counted, and on a skewed problem it keeps BSP's accuracy with less communication.
 */
class SkewScoutTest {
  static final int K = 4;
  static final int CLASSES = 8;
  static final int DIMS = 6;

  /** K label-skewed partitions (partition k holds classes k and k + K) trained by {@code spec}. */
  static final class Cluster {
    final SoftmaxRegression all = SoftmaxRegression.blobs(1600, DIMS, CLASSES, 2.5, 11);
    final SoftmaxRegression test = SoftmaxRegression.blobs(1600, DIMS, CLASSES, 2.5, 11);
    final List<SoftmaxRegression> parts = new ArrayList<>();
    final List<SoftmaxRegression> evalParts = new ArrayList<>();
    final List<PartitionTrainer> trainers = new ArrayList<>();
    final List<SyncProtocol> protocols = new ArrayList<>();
    final TrafficMeter meter = new TrafficMeter();
    final LockstepRunner runner;

    Cluster(ProtocolSpec spec, double lr) {
      Link[][] mesh = Mesh.inProcess("c", K, LinkShape.UNSHAPED, meter);
      float[] init = SoftmaxRegression.initialParameters(CLASSES, DIMS, 3);
      for (int k = 0; k < K; k++) {
        final int kk = k;
        // blobs label sample i with i % CLASSES
        int[] mine = IntStream.range(0, all.numSamples()).filter(i -> (i % CLASSES) % K == kk).toArray();
        parts.add(all.subset(mine));
        evalParts.add(all.subset(mine));
        SyncProtocol p = spec.create(init, new SgdConfig(0.9, 0), ProtocolContext.of(k, mesh[k]));
        protocols.add(p);
        trainers.add(new PartitionTrainer(parts.get(k), p, 8, 50, e -> lr, 5));
      }
      runner = new LockstepRunner(trainers);
    }

    ModelTraveler.ModelAccess models() {
      return new ModelTraveler.ModelAccess() {
        @Override
        public float[] parameters(int k) {
          return protocols.get(k).parameters();
        }

        @Override
        public float[] state(int k) {
          return new float[0];
        }
      };
    }

    /** Accuracy on the whole partition (small data: the sample is everything). */
    final ModelTraveler.SampleEvaluator evaluator = (partition, params, state, round) -> {
      SoftmaxRegression w = evalParts.get(partition);
      w.setParameters(params);
      return w.accuracy();
    };

    /** Mean over partitions of each model's accuracy on the test blobs (Gaia's headline). */
    double accuracy() {
      double s = 0;
      for (SyncProtocol p : protocols) {
        test.setParameters(p.parameters());
        s += test.accuracy();
      }
      return s / K;
    }
  }

  static SkewScout.Config config(int mtp, KnobGrid grid, double start, double sigma) {
    return new SkewScout.Config(mtp, new SkewScout.Search(grid, Objective.withSigma(sigma),
        CommunicationController.Strategy.HILL_CLIMBING, start, 0, 1, 1, 0.8), "pairs", "direct");
  }

  @Test
  void theChosenKnobIsInForceOnEveryPartitionAtTheNextStep() throws Exception {
    Cluster c = new Cluster(ProtocolSpec.gaia(0.3), 0.05);
    TrafficMeter travel = new TrafficMeter();
    KnobGrid grid = KnobGrid.of("gaia", 0.01, 0.3);
    try (SkewScout scout = new SkewScout(config(5, grid, 0.3, 0.0), "c", K, CLASSES * DIMS + CLASSES, travel)) {
      scout.begin(c.protocols);
      SkewScout.Period p = null;
      long it = 0;
      while (p == null || p.nextTheta() == p.theta()) {
        c.runner.step();
        it++;
        p = scout.afterIteration(it, c.protocols, c.models(), c.evaluator);
        if (it % 5 != 0) {
          assertNull(p, "no decision inside a period");
        }
        assertTrue(it < 100, "a zero bound on skewed data must tighten T0");
      }
      assertNotNull(p);
      assertTrue(p.accuracyLoss() > 0, "label-skewed models lose accuracy on each other's data");
      assertEquals(0.01, p.nextTheta());
      for (SyncProtocol proto : c.protocols) {
        assertEquals(0.01, ((TunableProtocol) proto).knob(), "set on partition " + proto.partition());
      }
      c.runner.step();
      for (SyncProtocol proto : c.protocols) {
        assertEquals(0.01, ((GaiaProtocol) proto).diagnostics().get("threshold"), 1e-12,
            "the next step uses the new threshold (constant learning rate)");
      }
      // Travel bytes: a dense model per trip, K trips per period, all in the travel meter.
      long frame = ModelTraveler.encode(0, 0, 0.5, c.protocols.get(0).parameters(), new float[0]).length;
      assertEquals(scout.periods().size() * K * frame, travel.totalBytes());
      assertEquals(travel.totalBytes(), scout.travelBytes());
      assertEquals(K * frame, p.travelBytes());
      assertTrue(p.communication() > 0 && p.protocolBytes() > 0);
    }
  }

  @Test
  void scoutRefusesProtocolsWithoutItsKnob() {
    Cluster c = new Cluster(ProtocolSpec.bsp(), 0.05);
    try (SkewScout scout = new SkewScout(config(5, KnobGrid.defaults("gaia"), 0.1, 0.05), "c", K, 10,
        new TrafficMeter())) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> scout.begin(c.protocols));
      assertTrue(e.getMessage().contains("bsp"), e.getMessage());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void onASkewedProblemScoutKeepsBspAccuracyWithLessCommunication() throws Exception {
    int steps = 400;
    Cluster bsp = new Cluster(ProtocolSpec.bsp(), 0.05);
    bsp.runner.run(steps);
    long bspBytes = bsp.meter.totalBytes();

    Cluster loose = new Cluster(ProtocolSpec.gaia(0.5), 0.05);
    loose.runner.run(steps);

    Cluster scouted = new Cluster(ProtocolSpec.gaia(0.0), 0.05);
    TrafficMeter travel = new TrafficMeter();
    try (SkewScout scout = new SkewScout(config(20, KnobGrid.defaults("gaia"), 0.0, 0.05), "s", K,
        CLASSES * DIMS + CLASSES, travel)) {
      scout.begin(scouted.protocols);
      for (long it = 1; it <= steps; it++) {
        scouted.runner.step();
        scout.afterIteration(it, scouted.protocols, scouted.models(), scouted.evaluator);
      }
      long scoutBytes = scouted.meter.totalBytes() + travel.totalBytes();
      double gap = bsp.accuracy() - scouted.accuracy();
      String trace = scout.periods().stream().map(p -> KnobGrid.label("gaia", p.theta()) + String.format(
          " AL=%.3f", p.accuracyLoss())).toList().toString();
      assertTrue(gap <= 0.02, "within 2 points of BSP: " + bsp.accuracy() + " vs " + scouted.accuracy() + " " + trace);
      assertTrue(scoutBytes < bspBytes, "less communication than BSP: " + scoutBytes + " vs " + bspBytes);
      assertTrue(scout.periods().stream().anyMatch(p -> p.theta() > 0), "loosened T0 at some point: " + trace);
      assertNotEquals(0, travel.totalBytes());
      // The problem is skewed enough that an untuned loose threshold hurts.
      assertTrue(bsp.accuracy() - loose.accuracy() > 0.02 || scouted.accuracy() >= loose.accuracy(),
          "loose T0: " + loose.accuracy());
    }
  }
}
