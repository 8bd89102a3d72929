package io.tributary.gaia.runtime;

import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * LAN: all data in one data centre, so the parameter store is just the driver's copy and every
 * clock's summed update is applied directly. Nothing crosses a WAN.
 */
public final class LocalSync implements SyncLayer {
  private final String id;
  private final float[] values;
  private final GlobalProgress progress;
  private long updated;

  public LocalSync(String id, float[] initial, GlobalProgress progress) {
    this.id = id;
    this.values = initial.clone();
    this.progress = progress;
  }

  @Override
  public void announceReady(long epochMillis) {
    progress.report(id, 0, new double[] {epochMillis});
  }

  @Override
  public boolean beginClock(long clock, BooleanSupplier stop) {
    return !stop.getAsBoolean();
  }

  @Override
  public synchronized float[] read(long clock) {
    return values.clone();
  }

  @Override
  public boolean perWorkerUpdates() {
    return false;
  }

  @Override
  public synchronized void complete(long clock, List<float[]> updates, double[] report) {
    for (float[] u : updates) {
      for (int i = 0; i < values.length; i++) {
        if (u[i] != 0f) {
          values[i] += u[i];
          updated++;
        }
      }
    }
  }

  @Override
  public boolean finish(long clock, long timeoutMillis) {
    return true;
  }

  @Override
  public synchronized SyncUsage usage() {
    return new SyncUsage(0, Map.of(), updated, 0, 0, Double.NaN);
  }

  @Override
  public synchronized float[] parameters() {
    return values.clone();
  }

  @Override
  public void close() {}
}
