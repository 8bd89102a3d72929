package io.tributary.common.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.link.Link;
import io.tributary.common.link.LinkShape;
import io.tributary.common.metrics.TrafficMeter;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Run-time knobs, schedules, participation, parsing and failure reporting of the protocols. */
class ProtocolBehaviourTest {
  static final int K = 3;

  /** K label-skewed workers (partition k holds classes 2k, 2k+1) and protocols of {@code spec}. */
  static final class Cluster {
    final SoftmaxRegression all = SoftmaxRegression.blobs(300, 4, 2 * K, 1.0, 2);
    final SoftmaxRegression[] parts = new SoftmaxRegression[K];
    final SyncProtocol[] p = new SyncProtocol[K];
    final TrafficMeter meter = new TrafficMeter();
    final Random r = new Random(1);
    long t;

    Cluster(ProtocolSpec spec) {
      Link[][] mesh = Mesh.inProcess("c", K, LinkShape.UNSHAPED, meter);
      float[] init = SoftmaxRegression.initialParameters(2 * K, 4, 3);
      for (int k = 0; k < K; k++) {
        final int kk = k;
        parts[k] = all.subset(IntStream.range(0, all.numSamples()).filter(i -> all.y[i] / 2 == kk)
            .toArray());
        p[k] = spec.create(init, new SgdConfig(0.9, 0), ProtocolContext.of(k, mesh[k]));
      }
    }

    void step(double epoch, double lr) throws Exception {
      Step s = new Step(t++, epoch, lr);
      for (int k = 0; k < K; k++) {
        parts[k].setParameters(p[k].parameters());
        float[] g = p[k].needsGradient(s) ? parts[k].gradient(new int[] {r.nextInt(100), r.nextInt(100)}).values()
            : null;
        p[k].send(g, s);
      }
      for (int k = 0; k < K; k++) {
        p[k].receive();
      }
    }

    long messages() {
      return meter.totalMessages();
    }

    double spread() {
      double worst = 0;
      for (int k = 1; k < K; k++) {
        for (int j = 0; j < p[0].parameters().length; j++) {
          worst = Math.max(worst, Math.abs(p[0].parameters()[j] - p[k].parameters()[j]));
        }
      }
      return worst;
    }
  }

  @Test
  void fedAvgIterLocalChangesAtRunTime() throws Exception {
    Cluster c = new Cluster(ProtocolSpec.fedAvg(10));
    for (int i = 0; i < 20; i++) {
      c.step(0, 0.05);
    }
    assertEquals(2 * K * (K - 1), c.messages(), "two rounds of 10");
    for (SyncProtocol p : c.p) {
      ((TunableProtocol) p).setKnob(3);
    }
    for (int i = 0; i < 9; i++) {
      c.step(0, 0.05);
    }
    assertEquals(5 * K * (K - 1), c.messages(), "then a round every 3 steps");
    assertEquals(0.0, c.spread(), "after a round every partition holds the average");
    assertThrows(IllegalArgumentException.class, () -> ((TunableProtocol) c.p[0]).setKnob(2.5));
  }

  @Test
  void gaiaThresholdChangesAtRunTimeAndFollowsTheLearningRate() throws Exception {
    Cluster c = new Cluster(ProtocolSpec.gaia(0.5));
    for (int i = 0; i < 30; i++) {
      c.step(0, 0.1);
    }
    assertTrue(c.spread() > 1e-3, "a loose threshold lets skewed partitions drift: " + c.spread());
    GaiaProtocol g = (GaiaProtocol) c.p[0];
    assertEquals(0.5, g.threshold(new Step(99, 0, 0.1)), 1e-12);
    assertEquals(0.05, g.threshold(new Step(99, 0, 0.01)), 1e-12, "T drops 10x when eta drops 10x");
    for (SyncProtocol p : c.p) {
      ((TunableProtocol) p).setKnob(0);
    }
    c.step(0, 0.1);
    // With T0 = 0 every partition flushes everything it accumulated: the replicas meet again.
    assertTrue(c.spread() < 1e-5, "replicas converge after T0=0: " + c.spread());
  }

  @Test
  void dgcWarmUpScheduleAndRunTimeEWarm() throws Exception {
    Cluster c = new Cluster(ProtocolSpec.dgc(2).with("clip", "0"));
    DgcProtocol d = (DgcProtocol) c.p[0];
    double[] expect = {0.75, 0.75, 0.9375, 0.9375, 0.984375, 0.984375, 0.996, 0.996, 0.999, 0.999, 0.999};
    for (int e = 0; e < expect.length; e++) {
      assertEquals(expect[e], d.sparsity(e + 0.5), "epoch " + e);
    }
    c.step(0.5, 0.05);
    assertEquals(0.75, d.diagnostics().get("sparsity"));
    assertEquals(Math.ceil(0.25 * d.parameters().length) / d.parameters().length,
        d.diagnostics().get("sent_fraction"), 1e-9);
    for (SyncProtocol p : c.p) {
      ((TunableProtocol) p).setKnob(0.25);
    }
    c.step(0.5, 0.05);
    assertEquals(0.984375, d.diagnostics().get("sparsity"), "E_warm=0.25: epoch 0.5 is stage 2");
    assertTrue(d.diagnostics().get("residual_delta") > 0);
  }

  @Test
  void fedAvgPartialParticipationSkipsGradientsAndAveragesParticipantsOnly() throws Exception {
    Cluster c = new Cluster(ProtocolSpec.parse("fedavg:Iter_Local=4,participation=0.34,seed=5"));
    FedAvgProtocol f = (FedAvgProtocol) c.p[0];
    int rounds = 6;
    int[] chosen = new int[K];
    for (int r = 0; r < rounds; r++) {
      int selected = 0;
      for (int k = 0; k < K; k++) {
        boolean in = ((FedAvgProtocol) c.p[k]).participates(k);
        assertEquals(f.participates(k), in, "partitions agree on who takes part");
        selected += in ? 1 : 0;
        chosen[k] += in ? 1 : 0;
      }
      assertEquals(1, selected, "round(0.34 * 3) = 1 partition per round");
      for (int i = 0; i < 4; i++) {
        c.step(0, 0.05);
      }
      assertEquals(0.0, c.spread(), "everyone adopts the participant's model");
    }
    // One participant sends to K-1 peers per round.
    assertEquals((long) rounds * (K - 1), c.messages());
    assertTrue(Arrays.stream(chosen).filter(x -> x > 0).count() >= 2, "selection varies: " + Arrays.toString(chosen));
  }

  @Test
  void kthLargestMatchesSorting() {
    Random r = new Random(4);
    for (int trial = 0; trial < 50; trial++) {
      float[] a = new float[1 + r.nextInt(300)];
      for (int i = 0; i < a.length; i++) {
        a[i] = r.nextInt(4) == 0 ? 0f : (float) Math.abs(r.nextGaussian());
      }
      float[] sorted = a.clone();
      Arrays.sort(sorted);
      int kth = 1 + r.nextInt(a.length);
      assertEquals(sorted[a.length - kth], DgcProtocol.kthLargest(a.clone(), kth));
    }
  }

  @Test
  void specsParseAndPrintBack() {
    assertEquals(ProtocolSpec.gaia(0.1), ProtocolSpec.parse("gaia:T0=10%"));
    assertEquals(ProtocolSpec.gaia(0.1), ProtocolSpec.parse("GAIA:0.1"));
    assertEquals(ProtocolSpec.fedAvg(20), ProtocolSpec.parse("fedavg:Iter_Local=20"));
    assertEquals(ProtocolSpec.dgc(8), ProtocolSpec.parse("dgc:8"));
    assertEquals(ProtocolSpec.bsp(), ProtocolSpec.parse("bsp"));
    ProtocolSpec s = ProtocolSpec.parse("dgc:E_warm=1.5,masking=false,clip=0");
    assertEquals(s, ProtocolSpec.parse(s.toString()));
    assertEquals("dgc:E_warm=1.5,clip=0,masking=false", s.toString());
    assertEquals("Gaia T0=10%", ProtocolSpec.gaia(0.1).label());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProtocolSpec.parse("gaia:x"));
    assertTrue(e.getMessage().contains("'x'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ProtocolSpec.parse("ssp:3"));
    assertThrows(IllegalArgumentException.class, () -> ProtocolSpec.parse("fedavg:0"));
    assertThrows(IllegalArgumentException.class, () -> ProtocolSpec.parse("bsp:iterlocal=3"));
    assertThrows(IllegalArgumentException.class, () -> ProtocolSpec.parse("gaia:0.1,bogus=2"));
  }

  @Test
  void partitionsOutOfStepOrSilentAreReportedByName() throws Exception {
    TrafficMeter meter = new TrafficMeter();
    Link[][] mesh = Mesh.inProcess("x", 2, LinkShape.UNSHAPED, meter);
    float[] init = new float[] {1, 2, 3};
    SyncProtocol a = new BspProtocol(init, new SgdConfig(0, 0), new ProtocolContext(0, mesh[0], UpdateWeighting.MEAN,
        50));
    SyncProtocol b = new BspProtocol(init, new SgdConfig(0, 0), new ProtocolContext(1, mesh[1], UpdateWeighting.MEAN,
        50));
    a.send(new float[3], new Step(0, 0, 0.1));
    IOException silent = assertThrows(IOException.class, a::receive);
    assertTrue(silent.getMessage().contains("partition 1"), silent.getMessage());
    assertThrows(IllegalStateException.class, () -> a.send(new float[3], new Step(1, 0, 0.1)),
        "a failed partition refuses to continue");

    Link[][] mesh2 = Mesh.inProcess("y", 2, LinkShape.UNSHAPED, meter);
    SyncProtocol c = new BspProtocol(init, new SgdConfig(0, 0), ProtocolContext.of(0, mesh2[0]));
    SyncProtocol d = new BspProtocol(init, new SgdConfig(0, 0), ProtocolContext.of(1, mesh2[1]));
    c.send(new float[3], new Step(1, 0, 0.1));
    d.send(new float[3], new Step(7, 0, 0.1));
    // d expects iteration 7 but c's frame is of iteration 1: reported, not mixed in.
    IOException skew = assertThrows(IOException.class, d::receive);
    assertTrue(skew.getMessage().contains("iteration 7") && skew.getMessage().contains("iteration 1"),
        skew.getMessage());
    assertThrows(IllegalStateException.class, () -> c.send(new float[3], new Step(2, 0, 0.1)),
        "send twice without receive");
    assertThrows(IllegalArgumentException.class, () -> new BspProtocol(init, new SgdConfig(0, 0),
        ProtocolContext.of(0, new Link[] {null, null})));
  }
}
