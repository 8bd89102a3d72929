package io.tributary.common.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.link.Link;
import io.tributary.common.link.LinkShape;
import io.tributary.common.link.VectorCodec;
import io.tributary.common.metrics.TrafficMeter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bytes on the wire, as the algorithms imply, measured by the links' meter while real training
 * runs through {@link PartitionTrainer} and {@link LockstepRunner}; and that every protocol
 * actually learns.
 */
class ProtocolTrafficTest {
  static final int K = 4;
  static final int STEPS = 200;
  static final int BATCH = 8;

  record Result(long bytes, long[] perPartition, double accuracy, long messages) {}

  /** Trains softmax regression on IID partitions of blobs with {@code spec}. */
  static Result train(ProtocolSpec spec) throws Exception {
    SoftmaxRegression all = SoftmaxRegression.blobs(800, 6, 8, 1.0, 3);
    float[] init = SoftmaxRegression.initialParameters(8, 6, 9);
    TrafficMeter meter = new TrafficMeter();
    Link[][] mesh = Mesh.inProcess("run", K, LinkShape.UNSHAPED, meter);
    List<PartitionTrainer> trainers = new ArrayList<>();
    long stepsPerEpoch = all.numSamples() / (K * BATCH); // 25: 8 epochs in 200 steps
    for (int k = 0; k < K; k++) {
      int[] pos = new int[all.numSamples() / K];
      for (int i = 0; i < pos.length; i++) {
        pos[i] = i * K + k;
      }
      SyncProtocol p = spec.create(init, new SgdConfig(0.9, 0.0005), ProtocolContext.of(k, mesh[k]));
      trainers.add(new PartitionTrainer(all.subset(pos), p, BATCH, stepsPerEpoch, new StepDecay(0.05, 10,
          new double[] {6}), 42));
    }
    new LockstepRunner(trainers).run(STEPS);
    long[] per = new long[K];
    long sum = 0;
    for (int k = 0; k < K; k++) {
      per[k] = Mesh.bytesSentBy(meter, "run", k);
      assertEquals(per[k], trainers.get(k).protocol().bytesSent(), "protocol and meter agree");
      sum += per[k];
    }
    assertEquals(meter.totalBytes(), sum, "every byte belongs to a partition");
    all.setParameters(trainers.get(0).protocol().parameters());
    return new Result(sum, per, all.accuracy(), meter.totalMessages());
  }

  static long frameBytes(long iteration, int payload) {
    return 1 + VectorCodec.varintSize(iteration) + payload;
  }

  @Test
  void byteCountsAreOrderedAsTheAlgorithmsImply() throws Exception {
    int m = 8 * 6 + 8;
    int dense = 1 + VectorCodec.varintSize(m) + 4 * m;
    Map<String, Result> r = new LinkedHashMap<>();
    for (String s : new String[] {"bsp", "fedavg:5", "fedavg:20", "gaia:0.01", "gaia:0.1", "gaia:0.3", "dgc:2",
        "dgc:0"}) {
      r.put(s, train(ProtocolSpec.parse(s)));
    }
    r.forEach((s, x) -> System.out.printf("%-10s %9d bytes, accuracy %.3f%n", s, x.bytes(), x.accuracy()));
    // BSP: every partition sends its dense gradient to every other partition, every step.
    long bsp = 0;
    for (int t = 0; t < STEPS; t++) {
      bsp += (long) K * (K - 1) * frameBytes(t, dense);
    }
    assertEquals(bsp, r.get("bsp").bytes());
    assertEquals((long) STEPS * K * (K - 1), r.get("bsp").messages());
    // FedAvg: one dense model per peer every Iter_Local steps.
    for (int local : new int[] {5, 20}) {
      long fed = 0;
      for (int t = local - 1; t < STEPS; t += local) {
        fed += (long) K * (K - 1) * frameBytes(t, dense);
      }
      assertEquals(fed, r.get("fedavg:" + local).bytes(), "FedAvg Iter_Local=" + local);
    }
    // Gaia: sparse significant updates; a larger T0 sends less.
    assertTrue(r.get("gaia:0.01").bytes() < bsp, r.toString());
    assertTrue(r.get("gaia:0.01").bytes() > r.get("gaia:0.1").bytes(), r.toString());
    assertTrue(r.get("gaia:0.1").bytes() > r.get("gaia:0.3").bytes(), r.toString());
    // DGC: at >= 75% sparsity at most a quarter of the entries, 5 bytes each at most, per frame.
    long dgcBound = 0;
    int keep = (int) Math.ceil(0.25 * m);
    for (int t = 0; t < STEPS; t++) {
      dgcBound += (long) K * (K - 1) * frameBytes(t, 3 + keep * 5);
    }
    assertTrue(r.get("dgc:2").bytes() <= dgcBound, r.get("dgc:2") + " vs bound " + dgcBound);
    assertTrue(r.get("dgc:2").bytes() > r.get("dgc:0").bytes(), "shorter warm-up sends less");
    // Ordering of the paper's claim: the communication-efficient algorithms send far less than BSP.
    for (String s : new String[] {"fedavg:20", "gaia:0.1", "dgc:2"}) {
      assertTrue(r.get(s).bytes() * 3 < bsp, s + " sends " + r.get(s).bytes() + " vs BSP " + bsp);
    }
    // Partitions of equal data send alike under the symmetric algorithms.
    for (long b : r.get("bsp").perPartition()) {
      assertEquals(bsp / K, b);
    }
    // And every one of them learns the (IID) problem.
    for (Map.Entry<String, Result> e : r.entrySet()) {
      assertTrue(e.getValue().accuracy() > 0.8, e.getKey() + " accuracy " + e.getValue().accuracy());
    }
  }
}
