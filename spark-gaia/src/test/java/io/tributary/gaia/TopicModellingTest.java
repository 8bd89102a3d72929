package io.tributary.gaia;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.asp.AspConfig;
import io.tributary.common.asp.AspGoal;
import io.tributary.common.asp.AspNode;
import io.tributary.common.asp.HubOverlay;
import io.tributary.common.lda.LdaCorpusSpec;
import io.tributary.common.link.DeploymentCa;
import io.tributary.common.link.LinkShape;
import io.tributary.gaia.deploy.GaiaRunConfig.GaiaSystem;
import io.tributary.gaia.deploy.GaiaRunConfig;
import io.tributary.gaia.deploy.TmSettings;
import io.tributary.gaia.runtime.AspSync;
import io.tributary.gaia.runtime.DataCenterRun;
import io.tributary.gaia.runtime.GaiaHost;
import io.tributary.gaia.runtime.StopRule;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Topic modelling (LDA by collapsed Gibbs sampling) under Gaia: two data centres over TLS reach
 * LAN's log-likelihood within the paper's 2%, with held-out perplexity as good; and four data
 * centres in two groups through the hub overlay end with identical word-topic counts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TopicModellingTest {
  private static final DeploymentCa CA = DeploymentCa.create("gaia-tm");
  private static final LinkShape WAN = LinkShape.ofMbps(50, 10);
  private final TmSettings tm = TmSettings.generated(new LdaCorpusSpec(800, 400, 10, 50, 0.2, 0.05, 3), 10, 0.1, 0.01,
      5, 100);
  private double lanTarget;
  private double lanPerplexity;

  @BeforeAll
  void lanConverges() throws Exception {
    GaiaRunConfig lan = GaiaTestSupport.config(GaiaSystem.LAN, 1, 4, LinkShape.UNSHAPED, tm, AspConfig.defaults(),
        StopRule.converge(300, 240));
    try (GaiaHost h = GaiaHost.start(lan, lan.ids(), GaiaTestSupport.spark(), CA::issue, GaiaHost.Dialing.DIRECT,
        null)) {
      DataCenterRun.Result r = h.await(5, TimeUnit.MINUTES).get(0);
      assertTrue(r.reached(), "LAN must converge: " + r.reason());
      lanTarget = r.target();
      lanPerplexity = r.evaluation().get("heldout_perplexity");
      double first = r.series().get(0).objective();
      assertTrue(lanTarget > first + 0.3, "log-likelihood per token rises: " + first + " -> " + lanTarget);
      assertTrue(lanPerplexity < 400 / 2.0, "held-out perplexity well below a uniform model's 400: " + lanPerplexity);
      assertTrue(r.dataBytes() > 8 * 800 * 50 / 2 && r.dataBytes() <= 8 * 800 * 50,
          "bag of words: 8 bytes per distinct word of a document: " + r.dataBytes());
      System.out.printf("LAN: converged to %.4f at clock %d in %.1f s, perplexity %.1f%n", lanTarget, r.clocks(),
          r.reachedSeconds(), lanPerplexity);
    }
  }

  /** Within the paper's criterion: 2% of LAN's converged log-likelihood (higher is better). */
  private double withinCriterion() {
    return lanTarget - 0.02 * Math.abs(lanTarget);
  }

  @Test
  void gaiaOverTlsReachesLanLogLikelihoodAndPerplexity() throws Exception {
    AspConfig asp = AspConfig.defaults().withShardSize(1024).withStaleness(3).withInitialThreshold(0.05)
        .withGoal(AspGoal.MINIMISE_COST);
    GaiaRunConfig cfg = GaiaTestSupport.config(GaiaSystem.GAIA, 2, 2, WAN, tm, asp,
        StopRule.reach(withinCriterion(), 300, 240));
    try (GaiaHost h = GaiaHost.start(cfg, cfg.ids(), GaiaTestSupport.spark(), CA::issue, GaiaHost.Dialing.DIRECT,
        null)) {
      List<DataCenterRun.Result> rs = h.await(5, TimeUnit.MINUTES);
      for (DataCenterRun.Result r : rs) {
        assertTrue(r.reached(), r.dc() + ": " + r.reason() + " (LAN " + lanTarget + ")");
        assertTrue(r.delivered());
        double p = r.evaluation().get("heldout_perplexity");
        // The stop is at 2% of LAN's log-likelihood per token (-4.57), which alone allows exp(0.02 x 4.57) = 1.096x
        // LAN's perplexity; updates still in flight at the stop add a few percent (measured 1.03-1.10x over four
        // runs, idle and loaded machine). 1.2x bounds both; a Gaia that lost count changes would be far above.
        assertTrue(p < 1.2 * lanPerplexity, r.dc() + " held-out perplexity " + p + " vs LAN " + lanPerplexity);
        assertTrue(r.usage().parametersSent() < r.usage().parametersUpdated(),
            "the significance filter held some count changes back");
        System.out.printf("Gaia %s: reached at clock %d in %.1f s, perplexity %.1f, sent %d of %d%n", r.dc(),
            r.clocks(), r.reachedSeconds(), p, r.usage().parametersSent(), r.usage().parametersUpdated());
      }
      // Counts are integers: after the final flush both copies are exactly equal.
      assertArrayEquals(h.sync("dc0").parameters(), h.sync("dc1").parameters());
      assertCountsConsistent(h.sync("dc0").parameters(), 800 * 50);
    }
  }

  @Test
  void hubOverlayRelaysBetweenGroupsAndEveryCopyEndsEqual() throws Exception {
    AspConfig asp = AspConfig.defaults().withShardSize(1024).withStaleness(3).withInitialThreshold(0.05)
        .withGoal(AspGoal.MINIMISE_COST);
    GaiaRunConfig flat = GaiaTestSupport.config(GaiaSystem.GAIA, 4, 1, WAN, tm, asp, StopRule.clocks(15, 240));
    HubOverlay overlay = new HubOverlay(Map.of("east", List.of("dc0", "dc1"), "west", List.of("dc2", "dc3")),
        Map.of("east", Map.of("west", "dc1"), "west", Map.of("east", "dc2")));
    GaiaRunConfig cfg = GaiaRunConfig.builder("tm-overlay", GaiaSystem.GAIA).dataCentres(flat.dataCentres())
        .shapes(flat.shapes()).asp(flat.asp()).app(tm).overlay(overlay).stop(flat.stop()).build();
    try (GaiaHost h = GaiaHost.start(cfg, cfg.ids(), GaiaTestSupport.spark(), CA::issue, GaiaHost.Dialing.DIRECT,
        null)) {
      List<DataCenterRun.Result> rs = h.await(5, TimeUnit.MINUTES);
      for (DataCenterRun.Result r : rs) {
        assertEquals(15, r.clocks(), r.dc() + ": " + r.reason());
        assertTrue(r.delivered(), r.dc() + " could not deliver everything");
      }
      // dc0 only talks to its group; dc1 and dc2 are the hubs between the groups.
      assertEquals(List.of("dc1"), List.copyOf(h.sync("dc0").usage().sentPerPeer().keySet()));
      AspNode hub = ((AspSync) h.sync("dc1")).node();
      AspNode.Stats.Relayed relayed = hub.stats().relayed();
      assertTrue(relayed.parametersRelayed() > 0 && relayed.aggregatesSent() > 0, "dc1 relayed " + hub.stats());
      assertEquals(0, ((AspSync) h.sync("dc0")).node().stats().relayed().parametersRelayed(), "dc0 is no hub");
      float[] reference = h.sync("dc0").parameters();
      for (String dc : List.of("dc1", "dc2", "dc3")) {
        assertArrayEquals(reference, h.sync(dc).parameters(), dc + " holds other counts than dc0");
      }
      assertCountsConsistent(reference, 800 * 50);
    }
  }

  /** Word-topic counts are non-negative integers summing to the corpus's tokens, as do the totals. */
  private static void assertCountsConsistent(float[] counts, long tokens) {
    int k = 10;
    int v = 400;
    double words = 0;
    for (int i = 0; i < v * k; i++) {
      assertTrue(counts[i] >= 0 && counts[i] == Math.rint(counts[i]), "count " + i + " = " + counts[i]);
      words += counts[i];
    }
    double totals = 0;
    for (int i = v * k; i < v * k + k; i++) {
      totals += counts[i];
    }
    assertEquals(tokens, words, 0.0, "word-topic counts sum to the tokens");
    assertEquals(tokens, totals, 0.0, "topic totals sum to the tokens");
  }
}
