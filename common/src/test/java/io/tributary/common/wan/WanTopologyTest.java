package io.tributary.common.wan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.asp.HubOverlay;
import io.tributary.common.link.LinkShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WanTopologyTest {
  @TempDir Path dir;

  private final WanTopology ec2 = WanTopology.named("ec2-11");

  @Test
  void ec2HasTheElevenRegionsOfTheThesis() {
    assertEquals(List.of("virginia", "california", "oregon", "ireland", "frankfurt", "tokyo", "seoul", "singapore",
        "sydney", "mumbai", "sao-paulo"), ec2.names());
    assertEquals(1000, ec2.lanMbps());
    System.out.print(ec2.describe());
  }

  @Test
  void statedRatiosHold() {
    double lan = ec2.lanMbps();
    // §5.1.1: WAN is 15x below LAN on average and 60x below at worst (Singapore <-> São Paulo)
    assertEquals(15, lan / ec2.meanWanMbps(), 0.15);
    assertEquals(60, lan / ec2.minWanMbps(), 0.5);
    assertEquals(ec2.minWanMbps(), ec2.bandwidthMbps(ec2.indexOf("singapore"), ec2.indexOf("sao-paulo")));
    // close pairs have up to 12x the bandwidth of distant ones
    double distant = ec2.minWanMbps();
    double orCa = ec2.shape("oregon", "california").bitsPerSecond() / 1e6;
    double tkSe = ec2.shape("tokyo", "seoul").bitsPerSecond() / 1e6;
    assertEquals(12, orCa / distant, 0.1);
    assertEquals(12, tkSe / distant, 0.1);
    assertEquals(12, ec2.maxWanMbps() / distant, 0.1);
    // latencies follow geography
    assertTrue(ec2.latencyMs(ec2.indexOf("oregon"), ec2.indexOf("california")) < 15);
    assertTrue(ec2.latencyMs(ec2.indexOf("singapore"), ec2.indexOf("sao-paulo")) > 150);
    double exp = Ec2Calibration.EXPONENT;
    assertTrue(exp > 1 && exp < 2, "bandwidth falls faster than 1/RTT: p=" + exp);
  }

  @Test
  void matrixIsSymmetricAndShapesMatch() {
    for (int a = 0; a < ec2.size(); a++) {
      for (int b = 0; b < ec2.size(); b++) {
        assertEquals(ec2.bandwidthMbps(a, b), ec2.bandwidthMbps(b, a));
        assertEquals(ec2.latencyMs(a, b), ec2.latencyMs(b, a));
        LinkShape s = ec2.shape(a, b);
        assertEquals(ec2.bandwidthMbps(a, b) * 1e6, s.bitsPerSecond(), 1e-6);
        assertEquals(ec2.latencyMs(a, b), s.latencyMillis());
        if (a != b) {
          assertTrue(ec2.bandwidthMbps(a, b) < ec2.lanMbps());
        }
      }
    }
    assertEquals(ec2.lanShape(), ec2.shape("tokyo", "tokyo"));
    assertEquals(LinkShape.ofMbps(1000, 0.1), ec2.lanShape());
  }

  @Test
  void twoRegionSettingsAndLan() {
    WanTopology vc = WanTopology.named("vc");
    WanTopology ss = WanTopology.named("SS");
    assertEquals(List.of("virginia", "california"), vc.names());
    assertEquals(ec2.shape("virginia", "california"), vc.shape("virginia", "california"));
    assertEquals(ec2.minWanMbps(), ss.bandwidthMbps(0, 1));
    assertTrue(vc.bandwidthMbps(0, 1) / ss.bandwidthMbps(0, 1) > 8, "V/C is a within-continent link, S/S the worst");
    WanTopology lan = WanTopology.named("lan");
    assertEquals(1, lan.size());
    assertEquals(lan.lanMbps(), lan.meanWanMbps());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WanTopology.named("mars"));
    assertTrue(e.getMessage().contains("ec2-11"), e.getMessage());
  }

  @Test
  void continentGroupsForHubs() {
    Map<String, List<String>> g = HubOverlay.groupsOf(ec2);
    assertEquals(List.of("north-america", "europe", "asia-pacific", "south-america"), List.copyOf(g.keySet()));
    assertEquals(List.of("virginia", "california", "oregon"), g.get("north-america"));
    assertEquals(List.of("ireland", "frankfurt"), g.get("europe"));
    assertEquals(5, g.get("asia-pacific").size());
    // inside a group links are faster on average than across groups
    double in = 0;
    double across = 0;
    int nIn = 0;
    int nAcross = 0;
    for (int a = 0; a < ec2.size(); a++) {
      for (int b = a + 1; b < ec2.size(); b++) {
        if (ec2.dataCenter(a).group().equals(ec2.dataCenter(b).group())) {
          in += ec2.bandwidthMbps(a, b);
          nIn++;
        } else {
          across += ec2.bandwidthMbps(a, b);
          nAcross++;
        }
      }
    }
    assertTrue(in / nIn > 2 * across / nAcross, in / nIn + " vs " + across / nAcross);
  }

  @Test
  void formatParsesBackToTheSameTopology() throws IOException {
    for (String name : WanTopology.BUILT_IN) {
      WanTopology t = WanTopology.named(name);
      Path f = Files.writeString(dir.resolve(name + ".wan"), WanTopologyFormat.format(t));
      assertEquals(t, WanTopologyFormat.parse(f));
      assertEquals(t, WanTopology.resolve(f.toString()));
    }
  }

  @Test
  void parsesUserFilesWithDefaultsAndComments() throws IOException {
    Path f = Files.writeString(dir.resolve("edge.txt"), """
        # three sites
        lan 10000 0.05
        dc a us-east-1 west   # AWS code as region
        dc b eu-west-1
        dc c sa-east-1 west
        link a b 100 40
        default-link 20 120.5
        """);
    WanTopology t = WanTopologyFormat.parse(f);
    assertEquals("edge", t.name());
    assertEquals(100, t.bandwidthMbps(0, 1));
    assertEquals(20, t.bandwidthMbps(1, 2));
    assertEquals(120.5, t.latencyMs(0, 2));
    assertEquals(10000, t.lanMbps());
    assertEquals(List.of("a", "c"), HubOverlay.groupsOf(t).get("west"));
    assertEquals("b", t.dataCenter("b").group());
    assertEquals(t, WanTopologyFormat.parse("again", "edge", WanTopologyFormat.format(t)));
  }

  @Test
  void parseErrorsNameTheLine() {
    assertError("dc a r\ndc b r\n", "no link between a and b");
    assertError("dc a r\ndc b r\nlink a c 10 1\n", "src:3");
    assertError("dc a r\ndc b r\nlink a b ten 1\n", "bandwidth 'ten' is not a number");
    assertError("dc a r\ndc b r\nlink a b 10 1\nlink b a 10 1\n", "given twice");
    assertError("dc a r\ndc a r\n", "declared twice");
    assertError("dc a\n", "src:1");
    assertError("router x\n", "unknown keyword 'router'");
    assertError("# nothing\n", "no data centres");
    assertError("dc a r\ndc b r\nlink a b 0 1\n", "positive");
  }

  private static void assertError(String text, String expected) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> WanTopologyFormat.parse("src", "t", text));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertTrue(e.getMessage().startsWith("src"), e.getMessage());
  }

  @Test
  void restrictAndScale() {
    WanTopology asia = ec2.restrict("asia", List.of("tokyo", "seoul", "singapore"));
    assertEquals(3, asia.size());
    assertEquals(ec2.shape("seoul", "singapore"), asia.shape("seoul", "singapore"));
    WanTopology fast = ec2.scaled(4);
    assertEquals(4000, fast.lanMbps());
    assertEquals(4 * ec2.bandwidthMbps(2, 7), fast.bandwidthMbps(2, 7), 1e-9);
    assertEquals(ec2.latencyMs(2, 7), fast.latencyMs(2, 7));
    assertEquals(ec2.lanMbps() / ec2.meanWanMbps(), fast.lanMbps() / fast.meanWanMbps(), 1e-9);
    assertThrows(IllegalArgumentException.class, () -> ec2.shape("virginia", "atlantis"));
  }
}
