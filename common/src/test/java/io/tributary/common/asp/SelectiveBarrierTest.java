package io.tributary.common.asp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.link.InProcessLink;
import io.tributary.common.link.LinkShape;
import io.tributary.common.metrics.TrafficMeter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** ASP selective barriers block reads of exactly their parameters until the update lands. */
class SelectiveBarrierTest {

  @Test
  void budgetIsTheConfiguredOneOrAMovingAverageOfClocks() {
    SelectiveBarrier fixed = new SelectiveBarrier(AspConfig.defaults().withBarrierBudgetMillis(250));
    fixed.clockEnded(9);
    assertEquals(0.25, fixed.budgetSeconds(), "a configured budget ignores clock durations");
    SelectiveBarrier measured = new SelectiveBarrier(AspConfig.defaults());
    assertEquals(1.0, measured.budgetSeconds(), "one second before the first clock ends");
    measured.clockEnded(2);
    assertEquals(2.0, measured.budgetSeconds(), 1e-12);
    measured.clockEnded(4);
    assertEquals(0.7 * 2 + 0.3 * 4, measured.budgetSeconds(), 1e-12);
    measured.clockEnded(0);
    assertEquals(0.7 * (0.7 * 2 + 0.3 * 4), measured.budgetSeconds(), 1e-12);
    SelectiveBarrier tiny = new SelectiveBarrier(AspConfig.defaults());
    tiny.clockEnded(0);
    assertEquals(1e-3, tiny.budgetSeconds(), "never below a millisecond");
  }

  @Test
  void barrierBlocksOnlyItsParametersAndLiftsWhenTheUpdateLands() throws Exception {
    float[] init = new float[8];
    Arrays.fill(init, 1f);
    ParameterStore store = new ParameterStore(init, 4);
    store.block("dc1", 0, 3, new int[] {1, 2});
    float[] out = new float[8];
    assertTrue(store.read(0, 1, out, 0, 0, TimeUnit.MILLISECONDS), "parameter 0 is not behind the barrier");
    assertTrue(store.read(3, 8, out, 3, 0, TimeUnit.MILLISECONDS), "parameters 3..7 are not behind the barrier");
    assertFalse(store.read(2, 3, out, 2, 50, TimeUnit.MILLISECONDS), "parameter 2 is behind the barrier");
    // An earlier update from the same source, or an update from another source, does not lift it.
    store.applyRemote("dc1", 0, 2, new int[] {3}, new float[] {0.1f});
    store.applyRemote("dc2", 0, 9, new int[] {1}, new float[] {0.1f});
    assertTrue(store.isBlocked(1) && store.isBlocked(2));
    CompletableFuture<float[]> reader = CompletableFuture.supplyAsync(() -> {
      float[] o = new float[2];
      try {
        store.read(1, 3, o, 0, 5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        throw new RuntimeException(e);
      }
      return o;
    });
    Thread.sleep(50);
    assertFalse(reader.isDone(), "the read must wait for the announced update");
    store.applyRemote("dc1", 0, 3, new int[] {1, 2}, new float[] {0.5f, 0.25f});
    float[] got = reader.get(2, TimeUnit.SECONDS);
    assertEquals(1.6f, got[0], 1e-6, "the read sees the update that lifted the barrier");
    assertEquals(1.25f, got[1], 1e-6);
    assertFalse(store.isBlocked(1));
    // A barrier for an update that already arrived is ignored.
    store.block("dc1", 0, 3, new int[] {1});
    assertFalse(store.isBlocked(1));
  }

  /**
   * End to end over a slow link: the update cannot cross within the budget, so the mirror client
   * sends the barrier first on the control queue; the receiver blocks reads of exactly the
   * updated parameters until the update lands, and then reads its value.
   */
  @Test
  void slowLinkMakesTheMirrorClientSendABarrierAhead() throws Exception {
    int n = 4096;
    float[] init = new float[n];
    Arrays.fill(init, 1f);
    LinkShape slow = new LinkShape(200_000, 5); // 200 kbit/s: a dense 8 KB shard takes ~0.33 s
    InProcessLink[] l = InProcessLink.pair("a", "b", slow, new TrafficMeter());
    AspConfig cfg = AspConfig.defaults().withShardSize(2048).withBarrierBudgetMillis(50)
        .withGoal(AspGoal.MINIMISE_COST);
    try (AspNode a = new AspNode("a", init, cfg, SignificanceFunction.relativeMagnitude(),
        List.of(new AspNode.Peer(l[0], slow)), null);
        AspNode b = new AspNode("b", init, cfg, SignificanceFunction.relativeMagnitude(),
            List.of(new AspNode.Peer(l[1], slow)), null)) {
      float[] delta = new float[n];
      Arrays.fill(delta, 0, 2048, 1f); // shard 0 doubles: significant; shard 1 untouched
      a.update(1, delta);
      assertEquals(1, a.stats().sent().barriersSent(), "one barrier for the one significant shard update");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (!b.store().isBlocked(0)) {
        assertTrue(System.nanoTime() < deadline, "barrier never arrived");
        Thread.sleep(2);
      }
      assertEquals(1f, b.store().snapshotValues()[0], 0f, "the barrier arrives before the update");
      float[] out = new float[n];
      long t0 = System.nanoTime();
      assertTrue(b.read(2048, n, out, 2048, 0, TimeUnit.MILLISECONDS), "unrelated parameters stay readable");
      assertTrue(b.read(0, 1, out, 0, 5, TimeUnit.SECONDS), "the blocked read completes once the update lands");
      long waitedMs = (System.nanoTime() - t0) / 1_000_000;
      assertEquals(2f, out[0], 0f, "the blocked read returns the new value, not the stale one");
      assertTrue(waitedMs > 20, "the read actually waited for the update (" + waitedMs + " ms)");
      assertEquals(1, b.stats().received().barriersReceived());
    }
  }
}
