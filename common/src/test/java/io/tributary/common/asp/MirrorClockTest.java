package io.tributary.common.asp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.link.InProcessLink;
import io.tributary.common.link.LinkShape;
import io.tributary.common.metrics.TrafficMeter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The mirror clock bounds the drift between data centres by DS. */
class MirrorClockTest {

  @Test
  void clockAheadByDsMayNotStartAnother() {
    MirrorClock c = new MirrorClock(List.of("b", "c"), 2);
    assertTrue(c.mayStart(1));
    assertTrue(c.mayStart(2), "1 completed, slowest 0: lead 1 < 2");
    assertFalse(c.mayStart(3), "2 completed, slowest 0: lead 2 = DS");
    c.onRemoteClock("b", 5);
    assertFalse(c.mayStart(3), "c is still at 0");
    c.onRemoteClock("c", 1);
    assertTrue(c.mayStart(3));
    c.onRemoteClock("c", 0);
    assertTrue(c.mayStart(3), "clocks never go back");
    c.onRemoteFinished("c");
    assertTrue(c.mayStart(7), "b at 5: lead 6-5=1");
    assertFalse(c.mayStart(8));
    assertTrue(new MirrorClock(List.of("b"), 0).mayStart(1000), "DS <= 0 disables the clock");
  }

  /**
   * Randomised schedule: data centres with random speeds and random link latencies run many
   * clocks through real ASP nodes; at every completion the true gap between the fastest and the
   * slowest data centre is checked against DS. The bound must also be reached (the clock holds
   * data centres back only as far as DS requires) and everyone must finish.
   */
  @Test
  void clockGapNeverExceedsDsUnderRandomSchedules() throws Exception {
    for (long seed = 1; seed <= 4; seed++) {
      Random rnd = new Random(seed);
      int dcs = 3 + rnd.nextInt(2);
      int ds = 1 + rnd.nextInt(3);
      int clocks = 40;
      runSchedule(seed, dcs, ds, clocks, rnd);
    }
  }

  private void runSchedule(long seed, int dcs, int ds, int clocks, Random rnd) throws Exception {
    List<List<AspNode.Peer>> peers = new ArrayList<>();
    for (int i = 0; i < dcs; i++) {
      peers.add(new ArrayList<>());
    }
    TrafficMeter meter = new TrafficMeter();
    for (int i = 0; i < dcs; i++) {
      for (int j = i + 1; j < dcs; j++) {
        LinkShape shape = new LinkShape(0, rnd.nextInt(4));
        InProcessLink[] l = InProcessLink.pair("dc" + i, "dc" + j, shape, meter);
        peers.get(i).add(new AspNode.Peer(l[0], shape));
        peers.get(j).add(new AspNode.Peer(l[1], shape));
      }
    }
    AspConfig cfg = AspConfig.defaults().withStaleness(ds).withShardSize(4);
    List<AspNode> nodes = new ArrayList<>();
    for (int i = 0; i < dcs; i++) {
      nodes.add(new AspNode("dc" + i, new float[] {1, 1, 1, 1}, cfg, SignificanceFunction.relativeMagnitude(),
          peers.get(i), null));
    }
    long[] completed = new long[dcs];
    Object monitor = new Object();
    AtomicInteger maxGap = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(dcs);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < dcs; i++) {
        int me = i;
        long mySeed = seed * 31 + i;
        futures.add(pool.submit(() -> {
          Random r = new Random(mySeed);
          int slowness = 2 * me; // data centres of different speeds, the first the fastest
          for (int t = 1; t <= clocks; t++) {
            assertTrue(nodes.get(me).awaitClock(t, () -> false, 10, TimeUnit.SECONDS), "clock " + t + " never started");
            Thread.sleep(r.nextInt(2 + slowness * 2));
            nodes.get(me).update(t, new float[] {r.nextFloat() * 0.01f, 0, 0, 0});
            synchronized (monitor) {
              completed[me] = t;
              long max = Long.MIN_VALUE;
              long min = Long.MAX_VALUE;
              for (long c : completed) {
                max = Math.max(max, c);
                min = Math.min(min, c);
              }
              maxGap.accumulateAndGet((int) (max - min), Math::max);
              assertTrue(max - min <= ds, "seed " + seed + ": gap " + (max - min) + " exceeds DS " + ds);
            }
            nodes.get(me).endClock(t, new double[] {t});
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
      nodes.forEach(AspNode::close);
    }
    assertEquals(ds, maxGap.get(), "seed " + seed + ": with uneven speeds the gap reaches DS " + ds);
  }
}
