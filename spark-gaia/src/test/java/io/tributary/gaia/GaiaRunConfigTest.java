package io.tributary.gaia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.asp.AspConfig;
import io.tributary.common.asp.AspGoal;
import io.tributary.common.link.LinkShape;
import io.tributary.gaia.deploy.GaiaRunConfig;
import io.tributary.gaia.deploy.GaiaRunConfig.GaiaSystem;
import io.tributary.gaia.runtime.StopRule;
import java.nio.file.Files;
import java.nio.file.Path;
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
