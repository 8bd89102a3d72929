package io.tributary.common.asp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.link.InProcessLink;
import io.tributary.common.link.LinkShape;
import io.tributary.common.metrics.TrafficMeter;
import io.tributary.common.wan.WanTopology;
import io.tributary.common.wan.WanTopologyFormat;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Gaia's overlay network with hubs (thesis §5.3.5): routing reaches every data centre exactly
 * once, hubs are per destination group, and six live ASP nodes over in-process links deliver every
 * significant update to every data centre exactly once with fewer WAN bytes than a full broadcast.
 */
class HubOverlayTest {

  /**
   * Six data centres in three groups, with group "us" using a different hub per destination group
   * (a towards eu, c towards ap), as in the thesis's Virginia/Oregon example.
   */
  static final String SIX = """
      name six
      dc a virginia us
      dc b california us
      dc c oregon us
      dc d ireland eu
      dc e frankfurt eu
      dc f tokyo ap
      default-link 50 20
      link a b 200 5
      link a c 200 5
      link b c 200 5
      link d e 200 5
      hub us eu a
      hub us ap c
      hub eu us d
      hub eu ap e
      """;

  static WanTopology six() {
    return WanTopologyFormat.parse("six.topology", "six", SIX);
  }

  @Test
  void topologyFileDeclaresHubsPerDestinationGroup() {
    WanTopology t = six();
    assertEquals(Map.of("eu", "a", "ap", "c"), t.hubs().get("us"));
    assertEquals(t, WanTopologyFormat.parse("again", "x", WanTopologyFormat.format(t)), "format() keeps the hub lines");
    HubOverlay o = HubOverlay.of(t);
    assertEquals("a", o.hub("us", "eu"));
    assertEquals("c", o.hub("us", "ap"));
    assertEquals("f", o.hub("ap", "us"), "a one-member group is its own hub");
    assertEquals(List.of("b", "c", "d"), o.neighbours("a"));
    assertEquals(List.of("a", "c"), o.neighbours("b"), "a non-hub talks to its group only");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> WanTopologyFormat.parse("bad", "bad", SIX + "hub us eu d\n"));
    assertTrue(e.getMessage().contains("bad:") && e.getMessage().contains("not in group us"), e.getMessage());
  }

  @Test
  void routingReachesEveryDataCentreExactlyOnceAndCrossesGroupsOnlyBetweenHubs() {
    for (HubOverlay o : List.of(HubOverlay.of(six()), HubOverlay.of(WanTopology.named("ec2-11")))) {
      for (String origin : o.members()) {
        Map<String, Integer> received = new HashMap<>();
        Deque<String[]> queue = new ArrayDeque<>(); // {at, from}
        queue.add(new String[] {origin, origin});
        while (!queue.isEmpty()) {
          String[] x = queue.poll();
          for (MirrorRouting.Hop h : o.next(x[0], origin, x[1])) {
            assertTrue(o.neighbours(x[0]).contains(h.peer()), x[0] + " routes to " + h.peer() + " without a link");
            if (!o.groupOf(x[0]).equals(o.groupOf(h.peer()))) {
              assertEquals(o.hub(o.groupOf(x[0]), o.groupOf(h.peer())), x[0], "only hubs send across groups");
              assertEquals(o.hub(o.groupOf(h.peer()), o.groupOf(x[0])), h.peer(), "to the other group's hub");
              assertTrue(h.aggregate(), "cross-group traffic is aggregated at the hub");
            }
            received.merge(h.peer(), 1, Integer::sum);
            queue.add(new String[] {h.peer(), x[0]});
          }
        }
        for (String dc : o.members()) {
          assertEquals(dc.equals(origin) ? null : Integer.valueOf(1), received.get(dc),
              o + ": " + origin + "'s message at " + dc);
        }
      }
    }
  }

  @Test
  void ec2ElevenRegionsGroupByContinentWithBandwidthChosenHubs() {
    HubOverlay o = HubOverlay.of(WanTopology.named("ec2-11"));
    assertEquals(List.of("north-america", "europe", "asia-pacific", "south-america"), List.copyOf(o.groups().keySet()));
    assertEquals("virginia", o.hub("north-america", "europe"), "Virginia is the best-connected to Europe");
    assertTrue(List.of("oregon", "california").contains(o.hub("north-america", "asia-pacific")),
        "the west coast talks to Asia: " + o.hub("north-america", "asia-pacific"));
    int links = 0;
    for (String dc : o.members()) {
      links += o.neighbours(dc).size();
    }
    assertTrue(links / 2 < 55, "fewer links than the full mesh of 55: " + links / 2);
  }

  /**
   * Six live nodes. Every data centre {@code d} adds {@code 16^d} to a (per clock varying,
   * overlapping) set of parameters each clock, so a parameter's final value spells, one hex digit
   * per data centre, how many of that data centre's updates it received: any loss or duplicate
   * shows. Values are integers below 2^24, exact in floats whatever the order of summation.
   */
  @Test
  void everySignificantUpdateReachesEveryDataCentreExactlyOnceWithFewerBytesThanBroadcast() throws Exception {
    WanTopology t = six();
    Run hubs = run(t, HubOverlay.of(t));
    Run mesh = run(t, MirrorRouting.fullMesh(t.names()));
    for (Run r : List.of(hubs, mesh)) {
      for (String dc : t.names()) {
        float[] v = r.finalValues.get(dc);
        for (int j = 0; j < PARAMS; j++) {
          assertEquals(r.expected[j], v[j], 0f, r.name + ": parameter " + j + " at " + dc + " (hex digits = updates"
              + " received per data centre): got " + Long.toHexString((long) v[j]) + ", expected "
              + Long.toHexString((long) r.expected[j]));
        }
      }
    }
    assertTrue(hubs.relayed > 0, "hubs relayed updates");
    assertTrue(hubs.totalBytes < mesh.totalBytes, "hubs " + hubs.totalBytes + " bytes vs broadcast "
        + mesh.totalBytes);
    assertTrue(hubs.crossGroupBytes < 0.6 * mesh.crossGroupBytes, "cross-group bytes with hubs "
        + hubs.crossGroupBytes + " vs broadcast " + mesh.crossGroupBytes);
    // No traffic between non-hub members of different groups.
    for (String[] pair : new String[][] {{"b", "d"}, {"b", "e"}, {"a", "e"}, {"a", "f"}, {"b", "f"}, {"d", "f"}}) {
      assertEquals(0L, hubs.meter.bytes(pair[0] + "->" + pair[1]) + hubs.meter.bytes(pair[1] + "->" + pair[0]),
          "no link between non-hub members " + pair[0] + " and " + pair[1]);
    }
  }

  static final int PARAMS = 48;
  static final int CLOCKS = 12;

  record Run(String name, Map<String, float[]> finalValues, float[] expected, long totalBytes, long crossGroupBytes,
      long relayed, TrafficMeter meter) {}

  private static Run run(WanTopology t, MirrorRouting routing) throws Exception {
    TrafficMeter meter = new TrafficMeter();
    Map<String, List<AspNode.Peer>> peers = new LinkedHashMap<>();
    List<String> names = t.names();
    for (String n : names) {
      peers.put(n, new ArrayList<>());
    }
    for (int i = 0; i < names.size(); i++) {
      for (int j = i + 1; j < names.size(); j++) {
        String a = names.get(i);
        String b = names.get(j);
        if (!routing.neighbours(a).contains(b)) {
          continue;
        }
        LinkShape shape = t.shape(a, b);
        InProcessLink[] l = InProcessLink.pair(a, b, shape, meter);
        peers.get(a).add(new AspNode.Peer(l[0], shape));
        peers.get(b).add(new AspNode.Peer(l[1], shape));
      }
    }
    AspConfig cfg = AspConfig.defaults().withInitialThreshold(1e-6).withGoal(AspGoal.MINIMISE_COST).withShardSize(16)
        .withStaleness(2);
    List<AspNode> nodes = new ArrayList<>();
    float[] expected = new float[PARAMS];
    ExecutorService pool = Executors.newFixedThreadPool(names.size());
    try {
      for (String n : names) {
        nodes.add(new AspNode(n, new float[PARAMS], cfg, SignificanceFunction.relativeMagnitude(), routing,
            peers.get(n), null));
      }
      List<Future<?>> done = new ArrayList<>();
      for (int d = 0; d < names.size(); d++) {
        AspNode node = nodes.get(d);
        float tag = (float) Math.pow(16, d);
        int dd = d;
        for (int clock = 1; clock <= CLOCKS; clock++) {
          for (int j = 0; j < PARAMS; j++) {
            if (touches(dd, clock, j)) {
              expected[j] += tag;
            }
          }
        }
        done.add(pool.submit(() -> {
          for (int clock = 1; clock <= CLOCKS; clock++) {
            assertTrue(node.awaitClock(clock, () -> false, 30, TimeUnit.SECONDS), node.id() + " stuck at " + clock);
            float[] delta = new float[PARAMS];
            for (int j = 0; j < PARAMS; j++) {
              delta[j] = touches(dd, clock, j) ? tag : 0f;
            }
            node.update(clock, delta);
            node.endClock(clock, new double[] {clock});
          }
          assertTrue(node.finish(CLOCKS, 30, TimeUnit.SECONDS), node.id() + " could not finish");
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
      Map<String, float[]> values = new LinkedHashMap<>();
      long relayed = 0;
      for (AspNode n : nodes) {
        n.checkHealthy();
        values.put(n.id(), n.store().snapshotValues());
        relayed += n.stats().relayed().parametersRelayed();
      }
      long cross = 0;
      for (String a : names) {
        for (String b : names) {
          if (!t.dataCenter(a).group().equals(t.dataCenter(b).group())) {
            cross += meter.bytes(a + "->" + b);
          }
        }
      }
      return new Run(routing.toString(), values, expected, meter.totalBytes(), cross, relayed, meter);
    } finally {
      pool.shutdownNow();
      nodes.forEach(AspNode::close);
    }
  }

  /** Which parameters data centre d updates at a clock: overlapping halves that move each clock. */
  private static boolean touches(int d, int clock, int j) {
    return ((j + clock + d) % 3) != 0;
  }
}
