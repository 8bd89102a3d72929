package io.tributary.gaia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.asp.AspConfig;
import io.tributary.common.asp.AspGoal;
import io.tributary.common.link.DeploymentCa;
import io.tributary.common.link.LinkShape;
import io.tributary.gaia.deploy.GaiaRunConfig.GaiaSystem;
import io.tributary.gaia.deploy.GaiaRunConfig;
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
 * TLS reach, under the stopping rule, LAN's converged test accuracy less one percentage point, and
 * end with the same model, within 4 points of LAN's final model.
 *
 * <p>Why two figures: the stopping rule reads test accuracy every clock on the shared model (each
 * data centre scores its slice of the 600 test images on its copy less its held-back updates),
 * and stops at the first clock at the target. One reading varies by 2-3 points from one clock to
 * the next, so the first reading over the target is a favourable one, and the final model (after
 * the clocks still in flight and the final flush), scored once on the whole test set, reads lower.
 * Measured on generated images with seeds 11/21, 12/22 and 13/23: Gaia's final model was 3.0, 2.8
 * and 2.5 points below LAN's final model scored the same way.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageClassificationTest {
  private static final DeploymentCa CA = DeploymentCa.create("gaia-ic");
  private final IcSettings ic = new IcSettings(new IcSettings.Training("gn-lenet", 0.05, 0.9, 1e-4, 32, 4, 11),
      IcSettings.IcData.generated(new GeneratedImages(10, 12, 3000, 600, 0.35, 21)));
  private double lanAccuracy;
  private double lanFinal;

  @BeforeAll
  void lanConverges() throws Exception {
    GaiaRunConfig lan = GaiaTestSupport.config(GaiaSystem.LAN, 1, 4, LinkShape.UNSHAPED, ic, AspConfig.defaults(),
        StopRule.converge(300, 240));
    try (GaiaHost h = GaiaHost.start(lan, lan.ids(), GaiaTestSupport.spark(), CA::issue, GaiaHost.Dialing.DIRECT,
        null)) {
      DataCenterRun.Result r = h.await(5, TimeUnit.MINUTES).get(0);
      assertTrue(r.reached(), "LAN must converge: " + r.reason());
      lanAccuracy = r.target();
      lanFinal = r.evaluation().get("test_accuracy");
      double first = r.series().get(0).objective();
      System.out.printf("IC LAN: accuracy %.4f -> %.4f at clock %d in %.1f s; final model %.4f%n", first, lanAccuracy,
          r.clocks(), r.reachedSeconds(), r.evaluation().get("test_accuracy"));
      assertTrue(first < 0.3 && lanAccuracy > 0.8, "training learns the classes: " + first + " -> " + lanAccuracy);
      assertEquals(3000 * (12 * 12 + 1), r.dataBytes(), "every training image is in the LAN data centre");
    }
  }

  @Test
  void gaiaOverTlsReachesLanAccuracyLessOnePointAndEndsWithinFourPointsOfLansFinalModel() throws Exception {
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
        // The final model (after the flush of everything still accumulated) against LAN's final
        // model, both scored once on the whole test set of 600 images.
        assertTrue(r.evaluation().get("test_accuracy") >= lanFinal - 0.04, r.dc() + "'s final model on the whole"
            + " test set: " + r.evaluation() + " vs LAN's final model " + lanFinal);
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
