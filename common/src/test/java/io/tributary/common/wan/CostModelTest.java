package io.tributary.common.wan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.wan.CostModel.Instance;
import io.tributary.common.wan.CostModel.Usage;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostModelTest {
  private static final long GB = 1L << 30;
  private final CostModel ec2 = CostModel.ec2January2017();

  @Test
  void table51PricesAndRegionAliases() {
    assertEquals(11, ec2.regions().size());
    CostModel.RegionPrices sp = ec2.prices("São Paulo");
    assertEquals(1.37, sp.cpuPerHour());
    assertEquals(4.00, sp.gpuPerHour());
    assertEquals(0.34, sp.lowCostPerHour());
    assertEquals(0.16, sp.sendPerGb());
    assertEquals(0.01, sp.receivePerGb());
    assertEquals(sp, ec2.prices("sa-east-1"));
    assertEquals(sp, ec2.prices("sao-paulo"));
    assertEquals(0.86, ec2.prices("us-east-1").perHour(Instance.CPU));
    assertEquals(0.08, ec2.prices("Seoul").sendPerGb());
    for (String r : WanTopology.named("ec2-11").names()) {
      assertEquals(0.01, ec2.prices(r).receivePerGb()); // receiving costs the same everywhere
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ec2.prices("mars-1"));
    assertTrue(e.getMessage().contains("virginia"), e.getMessage());
  }

  @Test
  void runCostArithmetic() {
    WanTopology vc = WanTopology.named("vc");
    CostModel.RunCost c = ec2.cost(vc, Instance.CPU, List.of(
        new Usage("virginia", 7200, 3600, 10 * GB, 4 * GB),
        new Usage("california", 3600, 0, 4 * GB, 10 * GB)));
    double compute = 2 * 0.86 + 1 * 1.01;
    double waiting = 1 * 0.86;
    double transfer = 10 * 0.02 + 4 * 0.01 + 4 * 0.02 + 10 * 0.01;
    assertEquals(compute, c.computeUsd(), 1e-9);
    assertEquals(waiting, c.waitingUsd(), 1e-9);
    assertEquals(transfer, c.transferUsd(), 1e-9);
    assertEquals(compute + waiting + transfer, c.totalUsd(), 1e-9);
    assertEquals(2 * 0.86 + 0.86 + 0.2 + 0.04, c.perDataCenterUsd().get("virginia"), 1e-9);
    assertTrue(c.toString().startsWith("$"));

    CostModel.RunCost gpu = ec2.cost(WanTopology.named("ss"), Instance.GPU,
        List.of(new Usage("sao-paulo", 1800, 0, GB, 0)));
    assertEquals(0.5 * 4.00 + 0.16, gpu.totalUsd(), 1e-9);
    assertEquals(0.0, gpu.perDataCenterUsd().get("singapore"));
  }

  @Test
  void sentOnlyBytesAreSpreadOverTheOtherDataCentres() {
    WanTopology ec211 = WanTopology.named("ec2-11");
    double[] zero = new double[11];
    long[] sent = new long[11];
    sent[ec211.indexOf("sydney")] = 10 * GB;
    CostModel.RunCost c = ec2.cost(ec211, Instance.LOW_COST, zero, zero, sent);
    // Sydney pays 0.14/GB to send; the 10 receivers pay 0.01/GB for 1 GB each
    assertEquals(10 * 0.14 + 10 * 0.01, c.transferUsd(), 1e-6);
    assertEquals(0.01, c.perDataCenterUsd().get("tokyo"), 1e-6);
    assertThrows(IllegalArgumentException.class, () -> ec2.cost(ec211, Instance.CPU, zero, zero, new long[3]));
  }

  @Test
  void trafficMatrixSkipsTheDiagonal() {
    WanTopology ss = WanTopology.named("ss");
    long[][] m = {{100 * GB, 2 * GB}, {3 * GB, 0}};
    assertEquals(2 * (0.09 + 0.01) + 3 * (0.16 + 0.01), ec2.transferUsd(ss, m), 1e-9);
  }

  @Test
  void unknownDataCentreOrRegionIsNamed() {
    WanTopology t = WanTopology.builder("x").dataCenter("a", "atlantis", "g").build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ec2.cost(t, Instance.CPU, List.of(new Usage("a", 1, 0, 0, 0))));
    assertTrue(e.getMessage().contains("atlantis"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ec2.cost(WanTopology.named("vc"), Instance.CPU, List.of(new Usage("b", 1, 0, 0, 0))));
    assertTrue(e.getMessage().contains("no data centre 'b'"), e.getMessage());
    CostModel own = CostModel.of("own", List.of(new CostModel.RegionPrices("atlantis", 1, 2, 0.5, 0.1, 0)));
    assertEquals(1.0, own.cost(t, Instance.CPU, List.of(new Usage("a", 3600, 0, 0, 0))).totalUsd(), 1e-9);
  }
}
