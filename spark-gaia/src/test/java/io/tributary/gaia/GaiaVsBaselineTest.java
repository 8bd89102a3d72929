package io.tributary.gaia;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.asp.AspConfig;
import io.tributary.common.link.DeploymentCa;
import io.tributary.common.link.LinkShape;
import io.tributary.gaia.deploy.GaiaRunConfig.GaiaSystem;
import io.tributary.gaia.deploy.GaiaRunConfig;
import io.tributary.gaia.deploy.MfSettings;
import io.tributary.gaia.launch.GaiaCli;
import io.tributary.gaia.runtime.DataCenterRun;
import io.tributary.gaia.runtime.GaiaHost;
import io.tributary.gaia.runtime.StopRule;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Gaia against BASELINE (one parameter server spread over the WAN) where the WAN dominates: two
 * data centres joined by a 1 Mbps, 20 ms link, matrix factorisation to the same target (LAN's
 * converged loss + 2%), the same workers, the same stopping rule and the bench's MF significance
 * threshold. The claims:
 * <ul>
 *   <li>Gaia sends at most three quarters of BASELINE's WAN bytes. A Gaia that sent every update
 *       would send about as many as BASELINE here (8 bytes per sparse entry for each item factor,
 *       against BASELINE's 4 bytes per value, pushed and read back), so this fails for it. How far
 *       below it Gaia lands depends on how many clocks the asynchronous run takes, which the
 *       machine's load moves: 0.26-0.42x idle, 0.49x beside two busy loops, 0.55x at load average
 *       28; hence the bar between those and 1.</li>
 *   <li>Gaia reaches the target in less modelled time than BASELINE: what a run takes on that
 *       link with the shared CPU's load set aside, clocks to the target times a per-clock compute
 *       cost common to both runs, plus the busiest data centre's WAN bytes (Gaia's final flush
 *       included) over the link's bandwidth (measured 0.43-0.80x idle or beside two busy loops,
 *       0.93x at load average 28, where the asynchronous run needs more clocks). Wall-clock time
 *       on a shared 2-core machine says little about a WAN, so it is not asserted.</li>
 * </ul>
 */
class GaiaVsBaselineTest {
  private static final DeploymentCa CA = DeploymentCa.create("gaia-vs-baseline");
  private static final LinkShape NARROW = LinkShape.ofMbps(1, 20);
  private final MfSettings mf = GaiaTestSupport.mf(GaiaTestSupport.smallMatrix());

  @Test
  void gaiaSendsFewerWanBytesAndReachesTheTargetInLessModelledTimeThanBaseline() throws Exception {
    double target = 1.02 * lanConverged();
    StopRule stop = StopRule.reach(target, 1000, 400);
    AspConfig asp = AspConfig.defaults().withShardSize(8 * 32).withStaleness(3)
        .withInitialThreshold(GaiaCli.defaultThreshold("mf"));
    Run base = run(GaiaTestSupport.config(GaiaSystem.BASELINE, 2, 2, NARROW, mf, asp, stop));
    Run gaia = run(GaiaTestSupport.config(GaiaSystem.GAIA, 2, 2, NARROW, mf, asp, stop));
    // One compute cost per clock for both runs, so that only clocks and bytes tell them apart.
    double perClock = (base.computeSeconds + gaia.computeSeconds) / (base.clocks + gaia.clocks);
    double baseModel = base.modelledSeconds(perClock);
    double gaiaModel = gaia.modelledSeconds(perClock);
    System.out.printf("MF at %.4f over 1 Mbps: BASELINE %d clocks, %d B (busiest %d), modelled %.2f s; Gaia %d clocks,"
        + " %d B (busiest %d), modelled %.2f s; bytes ratio %.3f, modelled time ratio %.3f%n", target, base.clocks,
        base.totalBytes, base.busiestBytes, baseModel, gaia.clocks, gaia.totalBytes, gaia.busiestBytes, gaiaModel,
        (double) gaia.totalBytes / base.totalBytes, gaiaModel / baseModel);
    assertTrue(4 * gaia.totalBytes <= 3 * base.totalBytes, "Gaia sends at most three quarters of BASELINE's WAN"
        + " bytes: " + gaia.totalBytes + " vs " + base.totalBytes);
    assertTrue(gaiaModel < baseModel, "Gaia reaches the target in less modelled time than BASELINE: " + gaiaModel
        + " s vs " + baseModel + " s");
  }

  /** LAN (all four workers in one data centre) to convergence: the target's reference. */
  private double lanConverged() throws Exception {
    GaiaRunConfig lan = GaiaTestSupport.config(GaiaSystem.LAN, 1, 4, LinkShape.UNSHAPED, mf, AspConfig.defaults(),
        StopRule.converge(400, 240));
    try (GaiaHost h = GaiaHost.start(lan, lan.ids(), GaiaTestSupport.spark(), CA::issue, GaiaHost.Dialing.DIRECT,
        null)) {
      DataCenterRun.Result r = h.await(5, TimeUnit.MINUTES).get(0);
      assertTrue(r.reached(), "LAN must converge: " + r.reason());
      return r.target();
    }
  }

  /** What the modelled time needs from a run that reached the target. */
  private record Run(long clocks, double computeSeconds, long totalBytes, long busiestBytes) {
    double modelledSeconds(double perClock) {
      return clocks * perClock + busiestBytes * 8.0 / NARROW.bitsPerSecond();
    }
  }

  private static Run run(GaiaRunConfig cfg) throws Exception {
    try (GaiaHost h = GaiaHost.start(cfg, cfg.ids(), GaiaTestSupport.spark(), CA::issue, GaiaHost.Dialing.DIRECT,
        null)) {
      List<DataCenterRun.Result> rs = h.await(8, TimeUnit.MINUTES);
      long clocks = 0;
      double compute = 0;
      long total = 0;
      long busiest = 0;
      for (DataCenterRun.Result r : rs) {
        assertTrue(r.reached(), cfg.system().label() + " " + r.dc() + ": " + r.reason());
        assertTrue(r.delivered(), r.dc() + " could not deliver everything at the end");
        clocks = Math.max(clocks, r.clocks());
        compute = Math.max(compute, r.timing().computeSeconds());
        total += r.usage().wanBytesSent();
        busiest = Math.max(busiest, r.usage().wanBytesSent());
      }
      var app = GaiaHost.app(cfg);
      double finalLoss = DataCenterRun.finalObjective(app, rs);
      // The model every data centre holds at the end is as good as the stopping rule said: to 1% for BASELINE's
      // one consistent model; for Gaia within what its updates still held back or in flight at the stop cost.
      double tolerance = cfg.system() == GaiaSystem.BASELINE ? 1.01 : GaiaTestSupport.GAIA_FINAL_MODEL_TOLERANCE;
      assertTrue(finalLoss <= cfg.stop().target() * tolerance, cfg.system().label() + "'s final model scores "
          + finalLoss + " against the target " + cfg.stop().target() + " (tolerance " + tolerance + "x)");
      return new Run(clocks, compute, total, busiest);
    }
  }
}
