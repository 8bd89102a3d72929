package io.tributary.gaia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.asp.AspConfig;
import io.tributary.common.wan.WanTopology;
import io.tributary.gaia.deploy.GaiaRunConfig.GaiaSystem;
import io.tributary.gaia.deploy.GaiaRunConfig;
import io.tributary.gaia.deploy.MfSettings;
import io.tributary.gaia.launch.GaiaLauncher;
import io.tributary.gaia.launch.RunOutcome;
import io.tributary.gaia.runtime.StopRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher starts data-centre JVMs with certificates from files and collects their results.
 * One JVM hosts both data centres here (each with its own link server and certificate, talking
 * TLS over loopback) to keep the test cheap; the bench starts one JVM per core.
 */
class GaiaLauncherTest {

  @Test
  void twoDataCentreJvmsTrainOverTlsAndReportBack(@TempDir Path out) throws Exception {
    MfSettings mf = GaiaTestSupport.mf(GaiaTestSupport.smallMatrix());
    GaiaLauncher.LaunchSpec spec = new GaiaLauncher.LaunchSpec("it",
        new GaiaLauncher.Deployment(GaiaSystem.GAIA, WanTopology.named("ss"), 2, 1, false), mf,
        AspConfig.defaults().withShardSize(256), GaiaLauncher.Staleness.BSP, StopRule.clocks(12, 120),
        new GaiaLauncher.Jvms(1, 2, "1g"), out);
    RunOutcome r = GaiaLauncher.launch(spec, GaiaLauncher.defaultPrices());
    assertEquals(12, r.clocks(), "both data centres ran the 12 clocks");
    assertTrue(r.reason().contains("clock limit"), r.reason());
    assertTrue(r.wanBytes() > 0);
    assertTrue(r.curve().size() >= 10, "the global objective is known for (almost) every clock");
    assertTrue(r.curve().get(r.curve().size() - 1)[2] < r.curve().get(0)[2], "objective falls");
    assertTrue(r.totalUsd() > 0 && r.transferUsd() > 0, "Table 5.1 prices both machine time and WAN transfer");
    Path dir = out.resolve("it");
    for (String dc : new String[] {"singapore", "sao-paulo"}) {
      assertTrue(Files.exists(dir.resolve("trace-" + dc + ".csv")));
    }
    // The JVMs read their key stores from tls/ (they trained over TLS); the run's end removes it.
    assertFalse(Files.exists(dir.resolve("tls")), "key stores and their password outlived the run");
    // The configuration every JVM read is the one planned, with real ports.
    GaiaRunConfig back = GaiaRunConfig.read(dir.resolve("run.properties"));
    assertEquals(2, back.dataCentres().size());
    assertTrue(back.dataCentres().get(0).port() > 0);
    assertEquals(WanTopology.named("ss").shape("singapore", "sao-paulo"), back.shape("sao-paulo", "singapore"));
    assertTrue(Files.readString(dir.resolve("logs").resolve("jvm-0.log")).contains("[gaia]"));
  }

  @Test
  void credentialsAreRemovedWhenADataCentreJvmFails(@TempDir Path out) {
    MfSettings mf = GaiaTestSupport.mf(GaiaTestSupport.smallMatrix());
    // "-Xmx1x" is not a heap size: the JVM exits at once, after the launcher wrote the credentials.
    GaiaLauncher.LaunchSpec spec = new GaiaLauncher.LaunchSpec("broken",
        new GaiaLauncher.Deployment(GaiaSystem.GAIA, WanTopology.named("ss"), 2, 1, false), mf,
        AspConfig.defaults().withShardSize(256), GaiaLauncher.Staleness.BSP, StopRule.clocks(12, 120),
        new GaiaLauncher.Jvms(1, 2, "1x"), out);
    IOException e = assertThrows(IOException.class, () -> GaiaLauncher.launch(spec, GaiaLauncher.defaultPrices()));
    assertTrue(e.getMessage().contains("failed"), e.getMessage());
    assertTrue(Files.isDirectory(out.resolve("broken").resolve("logs")), "the run got as far as starting JVMs");
    assertFalse(Files.exists(out.resolve("broken").resolve("tls")), "key stores outlived a failed run");
  }
}
