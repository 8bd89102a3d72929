package io.tributary.common.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.link.Link;
import io.tributary.common.link.LinkShape;
import io.tributary.common.metrics.TrafficMeter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The acceptance equalities of the non-IID study's protocols, on softmax regression over label-
 * skewed partitions (so that the partitions' gradients really differ): BSP is centralised momentum
 * SGD on the union of the minibatches; FedAvg with Iter_Local = 1, DGC at 0% sparsity (without
 * momentum masking) and Gaia at T0 = 0 are BSP.
 */
class ProtocolEquivalenceTest {
  static final int K = 4;
  static final int CLASSES = 8;
  static final int DIMS = 6;
  static final int BATCH = 5;
  static final SgdConfig SGD = new SgdConfig(0.9, 0.0005);
  static final double LR = 0.05;

  /** K label-skewed partitions of a blob dataset (partition k holds classes 2k and 2k+1). */
  static final class Fixture {
    final SoftmaxRegression all = SoftmaxRegression.blobs(400, DIMS, CLASSES, 1.0, 11);
    final int[][] positions = new int[K][];
    final SoftmaxRegression[] parts = new SoftmaxRegression[K];
    final float[] init = SoftmaxRegression.initialParameters(CLASSES, DIMS, 5);

    Fixture() {
      for (int k = 0; k < K; k++) {
        List<Integer> pos = new ArrayList<>();
        for (int i = 0; i < all.numSamples(); i++) {
          if (all.y[i] / 2 == k) {
            pos.add(i);
          }
        }
        positions[k] = pos.stream().mapToInt(Integer::intValue).toArray();
        parts[k] = all.subset(positions[k]);
      }
    }

    /** Partition k's minibatch at step t (local positions), the same for every protocol. */
    int[] batch(int k, int t) {
      Random r = new Random(1000L * t + k);
      int[] b = new int[BATCH];
      for (int i = 0; i < BATCH; i++) {
        b[i] = r.nextInt(parts[k].numSamples());
      }
      return b;
    }

    /** The union minibatch at step t, in positions of the whole dataset. */
    int[] unionBatch(int t) {
      int[] u = new int[K * BATCH];
      for (int k = 0; k < K; k++) {
        int[] b = batch(k, t);
        for (int i = 0; i < BATCH; i++) {
          u[k * BATCH + i] = positions[k][b[i]];
        }
      }
      return u;
    }

    /** Centralised momentum SGD on the union minibatches, {@code steps} steps. */
    float[] centralised(int steps, double momentum) {
      float[] w = init.clone();
      float[] u = new float[w.length];
      for (int t = 0; t < steps; t++) {
        all.setParameters(w);
        float[] g = all.gradient(unionBatch(t)).values();
        for (int j = 0; j < w.length; j++) {
          u[j] = (float) (momentum * u[j] - LR * (g[j] + SGD.weightDecay() * w[j]));
          w[j] += u[j];
        }
      }
      return w;
    }

    /** Runs the protocol on all K partitions for {@code steps} steps; returns every replica's parameters. */
    float[][] run(ProtocolSpec spec, int steps, TrafficMeter meter) throws Exception {
      Link[][] mesh = Mesh.inProcess("t", K, LinkShape.UNSHAPED, meter);
      SyncProtocol[] p = new SyncProtocol[K];
      for (int k = 0; k < K; k++) {
        p[k] = spec.create(init, SGD, ProtocolContext.of(k, mesh[k]));
      }
      for (int t = 0; t < steps; t++) {
        Step step = new Step(t, t / 10.0, LR);
        for (int k = 0; k < K; k++) {
          parts[k].setParameters(p[k].parameters());
          p[k].send(parts[k].gradient(batch(k, t)).values(), step);
        }
        for (int k = 0; k < K; k++) {
          p[k].receive();
        }
      }
      float[][] out = new float[K][];
      for (int k = 0; k < K; k++) {
        out[k] = p[k].parameters().clone();
        p[k].close();
      }
      return out;
    }
  }

  static void assertClose(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length);
    double scale = 0;
    double worst = 0;
    for (int j = 0; j < expected.length; j++) {
      scale = Math.max(scale, Math.abs(expected[j]));
      worst = Math.max(worst, Math.abs(expected[j] - actual[j]));
    }
    assertTrue(worst <= 2e-5 * (1 + scale), what + ": max difference " + worst + " (scale " + scale + ")");
  }

  static void assertFar(float[] a, float[] b, String what) {
    double worst = 0;
    for (int j = 0; j < a.length; j++) {
      worst = Math.max(worst, Math.abs(a[j] - b[j]));
    }
    assertTrue(worst > 1e-3, what + ": expected a clearly different model, max difference " + worst);
  }

  @Test
  void bspEqualsCentralisedSgdOnTheUnionForOneStepAndMany() throws Exception {
    Fixture f = new Fixture();
    float[][] one = f.run(ProtocolSpec.bsp(), 1, new TrafficMeter());
    assertClose(f.centralised(1, SGD.momentum()), one[0], "BSP, 1 step");
    assertFar(f.init, one[0], "one BSP step moved the model");
    float[][] many = f.run(ProtocolSpec.bsp(), 30, new TrafficMeter());
    assertClose(f.centralised(30, SGD.momentum()), many[0], "BSP, 30 steps");
    for (int k = 1; k < K; k++) {
      assertArrayEquals(many[0], many[k], "BSP replicas stay bit-identical");
    }
  }

  @Test
  void sumWeightingIsMeanWeightingWithKTimesTheLearningRate() throws Exception {
    Fixture f = new Fixture();
    Link[][] mesh = Mesh.inProcess("s", K, LinkShape.UNSHAPED, new TrafficMeter());
    SyncProtocol[] p = new SyncProtocol[K];
    for (int k = 0; k < K; k++) {
      p[k] = new BspProtocol(f.init, SGD,
          new ProtocolContext(k, mesh[k], UpdateWeighting.SUM, ProtocolContext.DEFAULT_TIMEOUT_MILLIS));
    }
    for (int t = 0; t < 10; t++) {
      Step step = new Step(t, 0, LR / K);
      for (int k = 0; k < K; k++) {
        f.parts[k].setParameters(p[k].parameters());
        p[k].send(f.parts[k].gradient(f.batch(k, t)).values(), step);
      }
      for (int k = 0; k < K; k++) {
        p[k].receive();
      }
    }
    assertClose(f.centralised(10, SGD.momentum()), p[0].parameters(), "SUM with eta/K");
  }

  @Test
  void fedAvgWithOneLocalStepAndFullParticipationIsBsp() throws Exception {
    Fixture f = new Fixture();
    float[] bsp = f.run(ProtocolSpec.bsp(), 25, new TrafficMeter())[0];
    float[][] fed = f.run(ProtocolSpec.fedAvg(1), 25, new TrafficMeter());
    for (int k = 0; k < K; k++) {
      assertClose(bsp, fed[k], "FedAvg Iter_Local=1, partition " + k);
    }
    // And more local steps is a different algorithm on skewed data.
    assertFar(bsp, f.run(ProtocolSpec.fedAvg(5), 25, new TrafficMeter())[0], "FedAvg Iter_Local=5");
  }

  @Test
  void dgcAtZeroSparsityIsBsp() throws Exception {
    Fixture f = new Fixture();
    float[] bsp = f.run(ProtocolSpec.bsp(), 25, new TrafficMeter())[0];
    ProtocolSpec dense = ProtocolSpec.dgc(8).with("sparsity", "0").with("clip", "0").with("masking", "false");
    float[][] dgc = f.run(dense, 25, new TrafficMeter());
    for (int k = 0; k < K; k++) {
      assertClose(bsp, dgc[k], "DGC 0% sparsity, partition " + k);
      assertArrayEquals(dgc[0], dgc[k], "DGC keeps one global model");
    }
    // Momentum factor masking (Algorithm 3, line 13) clears all velocity when everything is sent:
    // DGC at 0% sparsity is then SGD without momentum.
    float[] masked = f.run(dense.with("masking", "true"), 25, new TrafficMeter())[0];
    assertClose(f.centralised(25, 0.0), masked, "DGC 0% sparsity with masking = SGD without momentum");
    assertFar(bsp, f.run(ProtocolSpec.dgc(8).with("clip", "0"), 25, new TrafficMeter())[0], "DGC 75% sparsity");
  }

  @Test
  void gaiaAtZeroThresholdIsBsp() throws Exception {
    Fixture f = new Fixture();
    float[] bsp = f.run(ProtocolSpec.bsp(), 25, new TrafficMeter())[0];
    float[][] gaia = f.run(ProtocolSpec.gaia(0), 25, new TrafficMeter());
    for (int k = 0; k < K; k++) {
      assertClose(bsp, gaia[k], "Gaia T0=0, partition " + k);
      assertArrayEquals(gaia[0], gaia[k], "Gaia T0=0 replicas are bit-identical");
    }
    float[][] loose = f.run(ProtocolSpec.gaia(0.3), 25, new TrafficMeter());
    assertFar(loose[0], loose[1], "Gaia T0=30% lets partitions' models drift apart");
  }
}
