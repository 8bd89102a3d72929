package io.tributary.gaia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.asp.AspConfig;
import io.tributary.common.asp.AspGoal;
import io.tributary.common.asp.HubOverlay;
import io.tributary.common.config.Settings;
import io.tributary.common.lda.LdaCorpusSpec;
import io.tributary.common.link.LinkShape;
import io.tributary.common.wan.WanTopology;
import io.tributary.gaia.deploy.AppSettings;
import io.tributary.gaia.deploy.GaiaRunConfig.GaiaSystem;
import io.tributary.gaia.deploy.GaiaRunConfig;
import io.tributary.gaia.deploy.IcSettings;
import io.tributary.gaia.deploy.MfSettings;
import io.tributary.gaia.deploy.TmSettings;
import io.tributary.gaia.ic.GeneratedImages;
import io.tributary.gaia.options.MfOptions;
import io.tributary.gaia.runtime.StopRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run configuration every data centre reads survives its file form, and bad files say what is wrong. */
class GaiaRunConfigTest {

  @Test
  void propertiesRoundTrip(@TempDir Path dir) throws Exception {
    AspConfig asp = AspConfig.defaults().withInitialThreshold(0.02).withStaleness(7).withGoal(AspGoal.MINIMISE_COST)
        .withShardSize(512).withSelectiveBarrier(false);
    GaiaRunConfig cfg = GaiaTestSupport.config(GaiaSystem.GAIA, 3, 2, LinkShape.ofMbps(16.7, 165),
        GaiaTestSupport.mf(GaiaTestSupport.smallMatrix()), asp, StopRule.reach(0.123, 500, 60));
    Path f = dir.resolve("run.properties");
    cfg.write(f);
    GaiaRunConfig back = GaiaRunConfig.read(f);
    assertEquals(cfg.ids(), back.ids());
    assertEquals(cfg.asp(), back.asp());
    assertEquals(cfg.mf(), back.mf());
    assertEquals(cfg.stop(), back.stop());
    assertEquals(cfg.shapes(), back.shapes());
    assertEquals(cfg.dataCentres(), back.dataCentres());
    assertEquals(GaiaSystem.GAIA, back.system());
  }

  @Test
  void topicModellingImageClassificationAndTheOverlayRoundTrip(@TempDir Path dir) throws Exception {
    TmSettings tm = TmSettings.generated(
        new LdaCorpusSpec(100, 50, 4, 20, 0.2, 0.05, 9), 5, 0.5, 0.01, 3, 10);
    IcSettings ic = new IcSettings(new IcSettings.Training("gn-lenet", 0.05, 0.9, 1e-4, 16, 2, 4),
        IcSettings.IcData.generated(new GeneratedImages(4, 8, 100, 20, 0.3, 5)));
    WanTopology ec2 = WanTopology.named("ec2-11");
    HubOverlay overlay = HubOverlay.of(ec2);
    for (AppSettings app : List.<AppSettings>of(tm, ic)) {
      GaiaRunConfig flat = GaiaTestSupport.config(GaiaSystem.GAIA, 2, 1, LinkShape.UNSHAPED, app,
          AspConfig.defaults(), StopRule.clocks(3, 10));
      List<GaiaRunConfig.DataCentre> dcs = new ArrayList<>();
      Map<String, LinkShape> shapes = new LinkedHashMap<>();
      for (String a : ec2.names()) {
        dcs.add(new GaiaRunConfig.DataCentre(a, a, 1, "127.0.0.1", 0));
        for (String b : ec2.names()) {
          if (a.compareTo(b) < 0) {
            shapes.put(GaiaRunConfig.pairKey(a, b), ec2.shape(a, b));
          }
        }
      }
      GaiaRunConfig cfg = GaiaRunConfig.builder("x", GaiaSystem.GAIA).dataCentres(dcs).shapes(shapes).asp(flat.asp())
          .sspStaleness(2).app(app).overlay(overlay).stop(flat.stop()).build();
      Path f = dir.resolve(app.name() + ".properties");
      cfg.write(f);
      GaiaRunConfig back = GaiaRunConfig.read(f);
      assertEquals(app, back.app());
      assertEquals(overlay, back.overlay());
      assertEquals(2, back.sspStaleness());
    }
    GaiaRunConfig.Builder two = GaiaTestSupport.config(GaiaSystem.GAIA, 2, 1, LinkShape.UNSHAPED, tm,
        AspConfig.defaults(), StopRule.clocks(3, 10)).toBuilder().overlay(overlay);
    assertThrows(IllegalArgumentException.class, two::build,
        "an overlay over other data centres than the run's is refused");
  }

  @Test
  void rankBelowOneIsRefusedByNameNotByADivisionByZero() {
    IllegalArgumentException cli = assertThrows(IllegalArgumentException.class,
        () -> Settings.empty().withText(MfOptions.RANK, "0"));
    assertTrue(cli.getMessage().contains("bad rank '0': expected at least 1"), cli.getMessage());
    IllegalArgumentException lib = assertThrows(IllegalArgumentException.class,
        () -> new MfSettings(0, 0.01, 0.01, 1, null, "ratings.csv", 0, false));
    assertTrue(lib.getMessage().contains("rank must be >= 1"), lib.getMessage());
  }

  @Test
  void asyncSystemDropsBarrierAndMirrorClock() {
    GaiaRunConfig cfg = GaiaTestSupport.config(GaiaSystem.GAIA_ASYNC, 2, 1, LinkShape.UNSHAPED,
        GaiaTestSupport.mf(GaiaTestSupport.smallMatrix()), AspConfig.defaults(), StopRule.clocks(3, 10));
    assertTrue(!cfg.asp().selectiveBarrier() && !cfg.asp().mirrorClock());
  }

  @Test
  void badFilesNameTheFileAndKey(@TempDir Path dir) throws Exception {
    GaiaRunConfig cfg = GaiaTestSupport.config(GaiaSystem.BASELINE, 2, 1, LinkShape.UNSHAPED,
        GaiaTestSupport.mf(GaiaTestSupport.smallMatrix()), AspConfig.defaults(), StopRule.clocks(3, 10));
    Path f = dir.resolve("run.properties");
    cfg.write(f);
    Files.writeString(f, Files.readString(f).replace("asp.staleness=4", "asp.staleness=four"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GaiaRunConfig.read(f));
    assertTrue(e.getMessage().contains("run.properties") && e.getMessage().contains("asp.staleness"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> GaiaTestSupport.config(GaiaSystem.LAN, 2, 1, LinkShape.UNSHAPED,
        GaiaTestSupport.mf(GaiaTestSupport.smallMatrix()), AspConfig.defaults(), StopRule.clocks(3, 10)));
  }
}
