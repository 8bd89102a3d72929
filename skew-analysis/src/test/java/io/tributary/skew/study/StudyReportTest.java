package io.tributary.skew.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.protocol.ProtocolSpec;
import io.tributary.common.protocol.SgdConfig;
import io.tributary.common.protocol.StepDecay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's tables, flags, summary keys and finding checks on hand-made results. */
class StudyReportTest {

  static RunResult result(String id, String model, String partitioner, ProtocolSpec p, double top1, long bytes,
      double bn) {
    StudyRun run = new StudyRun(id, new StudyRun.Data("cifar10", 10, 10, partitioner, 5), model, 2, p, p.knob(),
        new StudyRun.Training(20, 4, new StepDecay(0.01, 10, new double[] {2, 3}), SgdConfig.PAPER, 1, 1, 100));
    return new RunResult(run, null,
        new RunResult.Execution(100, 100, new int[] {20, 20, 20, 20, 20}, "", 10, 1, false),
        new RunResult.Curve(new double[] {1, 2}, new double[] {top1 / 2, top1}, new double[] {2, 1},
            new double[] {0.3, 0.5}, new long[] {bytes / 2, bytes}),
        new RunResult.Accuracy(top1, top1, new double[] {top1, top1, top1, top1, top1}),
        new RunResult.Traffic(bytes, new long[] {bytes / 5, bytes / 5, bytes / 5, bytes / 5, bytes / 5}, 5),
        new RunResult.BatchNorm(bn, new double[] {bn, bn}),
        Map.of());
  }

  static List<RunResult> paperLike() {
    List<RunResult> rs = new ArrayList<>();
    int i = 0;
    // The paper's shape: algorithms fine IID, bad non-IID; BN bad under BSP non-IID, GN fine.
    double[][] bn = {{0.78, 0.65}, {0.77, 0.40}, {0.775, 0.50}, {0.78, 0.30}};
    double[][] gn = {{0.79, 0.785}, {0.785, 0.60}, {0.78, 0.70}, {0.79, 0.62}};
    List<ProtocolSpec> ps = List.of(ProtocolSpec.bsp(), ProtocolSpec.gaia(0.1), ProtocolSpec.fedAvg(20),
        ProtocolSpec.dgc(8));
    long[] bytes = {1000, 100, 50, 40};
    for (int a = 0; a < 4; a++) {
      rs.add(result("r" + i++, "bn-lenet", "iid", ps.get(a), bn[a][0], bytes[a], 0.03));
      rs.add(result("r" + i++, "bn-lenet", "label-skew", ps.get(a), bn[a][1], bytes[a], 0.25));
      rs.add(result("r" + i++, "gn-lenet", "iid", ps.get(a), gn[a][0], bytes[a], Double.NaN));
      rs.add(result("r" + i++, "gn-lenet", "label-skew", ps.get(a), gn[a][1], bytes[a], Double.NaN));
    }
    double[] skew = {0.02, 0.05, 0.09, 0.15};
    String[] parts = {"noniid:20", "noniid:40", "noniid:60", "noniid:80"};
    for (int s = 0; s < 4; s++) {
      for (int a = 0; a < 4; a++) {
        rs.add(result("r" + i++, "gn-lenet", parts[s], ps.get(a), 0.79 - (a == 0 ? 0 : skew[s]), bytes[a], Double.NaN));
      }
    }
    return rs;
  }

  @Test
  void tablesFlagLossesAboveTwoPointsAndSummaryHasThePaperKeys(@TempDir Path dir) throws Exception {
    StudyReport.Report report = StudyReport.write(paperLike(), dir, 12.5);
    String text = report.text();
    assertTrue(text.contains("BSP                   78.0%"), text);
    assertTrue(text.contains("65.0% (-13.0)*"), "BN non-IID under BSP flagged:\n" + text);
    assertTrue(text.contains("78.5% (-0.5) "), "GN non-IID under BSP not flagged:\n" + text);
    assertTrue(text.contains("(10.0x)"), "Gaia's savings vs BSP:\n" + text);
    Map<String, Object> s = report.summary().asMap();
    assertEquals(0.65, s.get("bsp_bn-lenet_noniid"));
    assertEquals(0.785, s.get("gaia_gn-lenet_iid"));
    assertEquals(0.7, s.get("fedavg_gn-lenet_noniid"));
    assertEquals(0.79 - 0.15, (double) s.get("dgc_gn-lenet_noniid80"), 1e-12);
    assertEquals(12.5, s.get("minutes"));
    for (Map.Entry<String, Object> e : s.entrySet()) {
      if (e.getKey().matches("(bsp|gaia|fedavg|dgc)_[a-z-]+_(iid|noniid\\d*)")) {
        double v = (double) e.getValue();
        assertTrue(v >= 0 && v <= 1, e.toString());
      }
    }
    assertEquals(4, report.findings().size());
    assertTrue(report.findings().stream().allMatch(StudyReport.Finding::reproduced), report.findings().toString());
    for (String f : List.of("summary.json", "report.txt", "table6_1.csv", "communication.csv", "fig6_1_bn-lenet.png",
        "fig6_8_bn_vs_gn.png", "fig6_9_gn-lenet.png", "curves_gn-lenet_noniid.png")) {
      assertTrue(Files.size(dir.resolve(f)) > 0, f);
    }
  }

  @Test
  void findingsThatDoNotHoldAreReportedAsSuch() {
    List<RunResult> rs = new ArrayList<>(paperLike());
    // Make GN-LeNet lose as much as BN-LeNet under BSP: finding 2 no longer holds.
    rs.replaceAll(r -> r.run().model().equals("gn-lenet") && r.run().protocol().algorithm().equals("bsp")
        && r.run().setting().equals("noniid") ? result("x", "gn-lenet", "label-skew", ProtocolSpec.bsp(), 0.60, 1000,
        Double.NaN) : r);
    StudyReport.Report report = StudyReport.build(rs, 1);
    assertFalse(report.findings().get(2).reproduced(), report.findings().toString());
    assertEquals(false, report.summary().get("finding_2"));
    assertEquals(true, report.summary().get("finding_1b"));
    assertTrue(report.text().contains("NOT reproduced"));
  }

  @Test
  void batchNormDivergenceComparesPartitionsWindowByWindow() {
    List<List<float[]>> same = List.of(List.of(new float[] {1, 2}), List.of(new float[] {1, 2}));
    assertEquals(0.0, BatchNormDivergence.compute(same)[0]);
    List<List<float[]>> apart = List.of(List.of(new float[] {1, 1}, new float[] {2, 2}),
        List.of(new float[] {3, 1}, new float[] {2, 2}));
    double[] d = BatchNormDivergence.compute(apart);
    // Window 0: ||(-2, 0)|| / ||(2, 1)|| = 2 / sqrt(5); window 1: 0. Channel 0: (2/2 + 0)/2, channel 1: 0.
    assertEquals((2 / Math.sqrt(5)) / 2, d[0], 1e-9);
    assertEquals(0.5, d[1], 1e-9);
    assertEquals(0.0, d[2], 1e-9);
    assertTrue(Double.isNaN(BatchNormDivergence.compute(List.of(List.of(), List.of()))[0]), "no windows, no number");
  }
}
