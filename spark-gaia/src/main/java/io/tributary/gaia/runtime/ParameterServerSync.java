package io.tributary.gaia.runtime;

import io.tributary.common.link.Link;
import io.tributary.common.metrics.TrafficMeter;
import io.tributary.common.ps.WanParameterServer;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * BASELINE (thesis §5.5): a data centre synchronises through one ordinary parameter server spread
 * over the data centres, the engine-free {@link WanParameterServer}; this adapts it to the
 * driver's {@link SyncLayer} and reports its WAN usage.
 */
public final class ParameterServerSync implements SyncLayer {
  private final WanParameterServer server;
  private final List<Link> links;
  private final TrafficMeter meter;

  /**
   * @param setup the deployment: data centres, workers, shard size, staleness
   * @param links one link per other data centre (closed by {@link #close})
   * @param meter counts the bytes sent over {@code links}
   */
  public ParameterServerSync(String id, WanParameterServer.Setup setup, float[] initial, List<Link> links,
      TrafficMeter meter, GlobalProgress progress) {
    this.server = new WanParameterServer(id, setup, initial, links, progress::report);
    this.links = List.copyOf(links);
    this.meter = meter;
  }

  @Override
  public void announceReady(long epochMillis) {
    server.announceReady(epochMillis);
  }

  @Override
  public boolean beginClock(long clock, BooleanSupplier stop) throws InterruptedException {
    return server.beginClock(clock, stop);
  }

  @Override
  public float[] read(long clock) {
    return server.read(clock);
  }

  @Override
  public boolean perWorkerUpdates() {
    return true;
  }

  @Override
  public void complete(long clock, List<float[]> updates, double[] report) {
    server.complete(clock, updates, report);
  }

  @Override
  public boolean finish(long clock, long timeoutMillis) throws InterruptedException {
    return server.finish(clock, timeoutMillis);
  }

  @Override
  public SyncUsage usage() {
    Map<String, Long> perPeer = SyncLayer.bytesPerPeer(links, meter);
    long sent = perPeer.values().stream().mapToLong(Long::longValue).sum();
    return new SyncUsage(sent, perPeer, server.parametersUpdated(), server.parametersSent(), 0, Double.NaN);
  }

  @Override
  public float[] parameters() {
    return server.parameters();
  }

  @Override
  public void close() {
    server.close();
  }
}
