package io.tributary.gaia.runtime;

import io.tributary.common.link.Link;
import io.tributary.common.metrics.TrafficMeter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * How a data centre's driver synchronises its parameter copy with the rest of the deployment:
 * {@link AspSync} (Gaia: ASP between data centres), {@link ParameterServerSync} (BASELINE: one
 * parameter server spread over the data centres) or {@link LocalSync} (LAN: one data centre).
 * Inside the data centre the runtime is BSP (one Spark job per clock) for all of them.
 */
public interface SyncLayer extends AutoCloseable {

  /** Announces this data centre's ready time (epoch ms) to the others (clock-0 report). */
  void announceReady(long epochMillis);

  /**
   * Waits until clock {@code clock} may start.
   *
   * @return false when {@code stop} turned true meanwhile
   */
  boolean beginClock(long clock, BooleanSupplier stop) throws InterruptedException;

  /** The parameters workers compute clock {@code clock} with. */
  float[] read(long clock) throws InterruptedException;

  /**
   * The model every data centre would hold, given {@code read}, what {@link #read} just returned:
   * what the run's objective is scored on. For LAN and BASELINE that is {@code read} itself (one
   * consistent copy); Gaia overrides it, since its copy holds its own not-yet-significant updates
   * that no other data centre has (scoring them would overstate its progress).
   */
  default float[] consensus(float[] read) {
    return read;
  }

  /** Whether {@link #complete} needs each worker's update separately (else their sum). */
  boolean perWorkerUpdates();

  /**
   * Ends clock {@code clock}: this data centre's updates (one per worker, or one sum) and its
   * progress report (application figures + elapsed seconds), which is forwarded to the others.
   */
  void complete(long clock, List<float[]> updates, double[] report);

  /**
   * Leaves after {@code clock}, delivering what is still owed to the others.
   *
   * @return whether everything was delivered in time
   */
  boolean finish(long clock, long timeoutMillis) throws InterruptedException;

  /** WAN usage and synchronisation figures so far. */
  SyncUsage usage();

  /** This data centre's current copy of the parameters (for checks). */
  float[] parameters();

  @Override
  void close();

  /**
   * What a data centre's synchronisation cost.
   *
   * @param wanBytesSent bytes this data centre sent over the WAN
   * @param sentPerPeer bytes sent to each other data centre (what they received from it)
   * @param parametersUpdated non-zero local parameter updates
   * @param parametersSent parameter updates that crossed the WAN (per parameter, once)
   * @param barriers selective barriers sent (ASP only)
   * @param softRatio soft/hard threshold ratio at the end (ASP only, NaN otherwise)
   */
  record SyncUsage(long wanBytesSent, Map<String, Long> sentPerPeer, long parametersUpdated, long parametersSent,
      long barriers, double softRatio) {}

  /** Bytes {@code meter} counted on each of {@code links}, by the remote data centre's id (sorted). */
  static Map<String, Long> bytesPerPeer(List<Link> links, TrafficMeter meter) {
    Map<String, Long> perPeer = new TreeMap<>();
    for (Link l : links) {
      perPeer.put(l.remoteId(), meter.bytes(l.channel()));
    }
    return perPeer;
  }
}
