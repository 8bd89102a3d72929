package io.tributary.gaia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.asp.AspConfig;
import io.tributary.common.asp.AspGoal;
import io.tributary.common.link.DeploymentCa;
import io.tributary.common.link.LinkShape;
import io.tributary.gaia.deploy.GaiaRunConfig;
import io.tributary.gaia.deploy.GaiaRunConfig.GaiaSystem;
import io.tributary.gaia.deploy.IcSettings;
import io.tributary.gaia.ic.GeneratedImages;
import io.tributary.gaia.runtime.DataCenterRun;
import io.tributary.gaia.runtime.GaiaHost;
import io.tributary.gaia.runtime.StopRule;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Image classification (GN-LeNet by momentum SGD through DJL) under Gaia: two data centres over
 * TLS reach test accuracy within 1% of LAN's converged accuracy, and end with the same model.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageClassificationTest {
  private static final DeploymentCa CA = DeploymentCa.create("gaia-ic");
  private final IcSettings ic = new IcSettings("gn-lenet", 0.05, 0.9, 1e-4, 32, 4, 11, "generated",
      new GeneratedImages(10, 12, 3000, 600, 0.35, 21), null, 0, 0);
  private double lanAccuracy;

  @BeforeAll
  void lanConverges() throws Exception {
    GaiaRunConfig lan = GaiaTestSupport.config(GaiaSystem.LAN, 1, 4, LinkShape.UNSHAPED, ic, AspConfig.defaults(),
        StopRule.converge(300, 240));
    try (GaiaHost h = GaiaHost.start(lan, lan.ids(), GaiaTestSupport.spark(), CA::issue, GaiaHost.Dialing.DIRECT,
        null)) {
      DataCenterRun.Result r = h.await(5, TimeUnit.MINUTES).get(0);
      assertTrue(r.reached(), "LAN must converge: " + r.reason());
      lanAccuracy = r.target();
      double first = r.series().get(0).objective();
      System.out.printf("IC LAN: accuracy %.4f -> %.4f at clock %d in %.1f s; final model %.4f%n", first, lanAccuracy,
          r.clocks(), r.reachedSeconds(), r.evaluation().get("test_accuracy"));
      assertTrue(first < 0.3 && lanAccuracy > 0.8, "training learns the classes: " + first + " -> " + lanAccuracy);
      assertEquals(3000 * (12 * 12 + 1), r.dataBytes(), "every training image is in the LAN data centre");
    }
  }

  @Test
  void gaiaOverTlsReachesWithinOnePercentOfLanAccuracy() throws Exception {
    AspConfig asp = AspConfig.defaults().withShardSize(4096).withStaleness(3).withInitialThreshold(0.05)
        .withGoal(AspGoal.MINIMISE_COST);
    GaiaRunConfig cfg = GaiaTestSupport.config(GaiaSystem.GAIA, 2, 2, LinkShape.ofMbps(50, 10), ic, asp,
        StopRule.reach(lanAccuracy - 0.01, 300, 240));
    try (GaiaHost h = GaiaHost.start(cfg, cfg.ids(), GaiaTestSupport.spark(), CA::issue, GaiaHost.Dialing.DIRECT,
        null)) {
      List<DataCenterRun.Result> rs = h.await(5, TimeUnit.MINUTES);
      long data = 0;
      for (DataCenterRun.Result r : rs) {
        System.out.printf("IC Gaia %s: reached %s at %.1f s (clock %d), final model %.4f, sent %d of %d%n", r.dc(),
            r.reached(), r.reachedSeconds(), r.clocks(), r.evaluation().get("test_accuracy"),
            r.usage().parametersSent(), r.usage().parametersUpdated());
        assertTrue(r.reached(), r.dc() + ": " + r.reason() + " (LAN accuracy " + lanAccuracy + ")");
        assertTrue(r.delivered());
        // The final model (after the flush of everything still accumulated) on the whole test set of
        // 600 images; it is scored once, so allow for that figure's own noise.
        assertTrue(r.evaluation().get("test_accuracy") >= lanAccuracy - 0.05, r.dc() + "'s final model on the whole"
            + " test set: " + r.evaluation());
        data += r.dataBytes();
      }
      assertEquals(3000 * (12 * 12 + 1), data, "the data centres hold all training images between them");
      float[] a = h.sync("dc0").parameters();
      float[] b = h.sync("dc1").parameters();
      double maxDiff = 0;
      for (int i = 0; i < a.length; i++) {
        maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
      }
      assertTrue(maxDiff < 1e-3, "after the final flush both data centres hold the same weights: " + maxDiff);
    }
  }
}
