package io.tributary.gaia.runtime;

import io.tributary.common.asp.AspConfig;
import io.tributary.common.asp.AspNode;
import io.tributary.common.asp.MirrorRouting;
import io.tributary.common.asp.SignificanceFunction;
import io.tributary.common.link.Link;
import io.tributary.common.metrics.TrafficMeter;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Gaia's synchronisation between data centres: the driver's parameter store, significance filter,
 * mirror client/server and mirror clock of {@link AspNode}, over one link per other data centre.
 * Progress reports ride on MIRROR CLOCK messages. With {@link AspConfig#asyncOnly()} this is
 * Gaia_Async (§5.5.5); with a {@link io.tributary.common.asp.HubOverlay} routing, hubs relay and
 * aggregate (§5.3.5).
 */
public final class AspSync implements SyncLayer {
  private final AspNode node;
  private final TrafficMeter meter;
  private final List<Link> links;
  private final String id;
  private final GlobalProgress progress;

  /**
   * @param routing where the ASP traffic goes (null: directly to every linked peer); with a hub
   *     overlay, {@code peers} are the routing's neighbours of {@code id}
   * @param peers one link per neighbour with its emulated (or known) shape (links owned by the
   *     caller, closed by {@link #close})
   */
  public AspSync(String id, float[] initial, AspConfig config, SignificanceFunction significance,
      MirrorRouting routing, List<AspNode.Peer> peers, TrafficMeter meter, GlobalProgress progress) {
    this.id = id;
    this.progress = progress;
    this.meter = meter;
    this.links = peers.stream().map(AspNode.Peer::link).toList();
    this.node = routing == null ? new AspNode(id, initial, config, significance, peers, progress::report)
        : new AspNode(id, initial, config, significance, routing, peers, progress::report);
  }

  /** The ASP node (for tests and inspection). */
  public AspNode node() {
    return node;
  }

  @Override
  public void announceReady(long epochMillis) {
    progress.report(id, 0, new double[] {epochMillis});
    node.endClock(0, new double[] {epochMillis});
  }

  @Override
  public boolean beginClock(long clock, BooleanSupplier stop) throws InterruptedException {
    return node.awaitClock(clock, stop, 1, TimeUnit.HOURS);
  }

  @Override
  public float[] read(long clock) throws InterruptedException {
    float[] out = new float[node.store().size()];
    node.readAll(out);
    return out;
  }

  /**
   * {@code read} less the updates this data centre still holds back (accumulated, not yet
   * significant): the shared part of the model, which every data centre holds once the updates
   * already sent have arrived. Scoring it rather than the local copy keeps a data centre from
   * scoring its own data against changes only it has seen.
   */
  @Override
  public float[] consensus(float[] read) {
    float[] held = node.store().snapshotAccumulated();
    float[] out = read.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] -= held[i];
    }
    return out;
  }

  @Override
  public boolean perWorkerUpdates() {
    return false;
  }

  @Override
  public void complete(long clock, List<float[]> updates, double[] report) {
    node.update(clock, updates.get(0));
    node.endClock(clock, report);
  }

  @Override
  public boolean finish(long clock, long timeoutMillis) throws InterruptedException {
    return node.finish(clock, timeoutMillis, TimeUnit.MILLISECONDS);
  }

  @Override
  public SyncUsage usage() {
    AspNode.Stats s = node.stats();
    Map<String, Long> perPeer = SyncLayer.bytesPerPeer(links, meter);
    long sent = perPeer.values().stream().mapToLong(Long::longValue).sum();
    AspNode.Stats.Sent own = s.sent();
    return new SyncUsage(sent, perPeer, own.parametersUpdated(), own.parametersSent(), own.barriersSent(), s.softRatio());
  }

  @Override
  public float[] parameters() {
    return node.store().snapshotValues();
  }

  @Override
  public void close() {
    node.close();
    for (Link l : links) {
      try {
        l.close();
      } catch (IOException e) {
        // Closing at the end of a run: the link's own error is already recorded.
      }
    }
  }
}
