package io.tributary.gaia.runtime;

import io.tributary.common.asp.AspNode;
import io.tributary.common.asp.MirrorRouting;
import io.tributary.common.asp.SignificanceFunction;
import io.tributary.common.link.EndpointCredentials;
import io.tributary.common.link.Link;
import io.tributary.common.link.LinkServer;
import io.tributary.common.link.LinkShape;
import io.tributary.common.metrics.TrafficMeter;
import io.tributary.common.ps.WanParameterServer;
import io.tributary.gaia.app.GaiaApp;
import io.tributary.gaia.deploy.GaiaRunConfig.GaiaSystem;
import io.tributary.gaia.deploy.GaiaRunConfig;
import java.io.IOException;
import java.io.Serializable;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Runs one or more data centres of a deployment in this JVM, each its own Gaia "application"
 * sharing the JVM's Spark context (its jobs in a fair-scheduler pool of its own): a link server
 * with the data centre's certificate, a link to every other data centre, the synchronisation layer
 * of the configured system, and the driver loop ({@link DataCenterRun}). The launcher starts one
 * JVM per data centre when cores allow, and several data centres per JVM when not (11 regions on a
 * 2-core machine); on real clusters each data centre is its own {@code spark-submit}.
 */
public final class GaiaHost implements AutoCloseable {

  /** Where a hosted data centre finds its TLS credentials. */
  @FunctionalInterface
  public interface Credentials {
    EndpointCredentials of(String dc) throws IOException;
  }

  /** Where data centre {@code from} dials {@code to}, whose link server listens at {@code server}. */
  @FunctionalInterface
  public interface Dialing {
    InetSocketAddress address(String from, String to, InetSocketAddress server);

    /** Dial the peer's server directly. */
    Dialing DIRECT = (from, to, server) -> server;
  }

  private final GaiaRunConfig config;
  private final List<String> hosted;
  private final Map<String, LinkServer> servers = new LinkedHashMap<>();
  private final Map<String, SyncLayer> syncs = new LinkedHashMap<>();
  private final Map<String, DataCenterRun<?>> runs = new LinkedHashMap<>();
  private final Map<String, Future<DataCenterRun.Result>> futures = new LinkedHashMap<>();
  private final ExecutorService pool;

  private GaiaHost(GaiaRunConfig config, List<String> hosted) {
    this.config = config;
    this.hosted = List.copyOf(hosted);
    this.pool = Executors.newFixedThreadPool(hosted.size(), r -> {
      Thread t = new Thread(r, "gaia-dc-driver");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Starts the {@code hosted} data centres of {@code config} and returns at once; {@link #await}
   * collects their results.
   *
   * @param outDir where every data centre writes its trace and result (null: nowhere)
   */
  public static GaiaHost start(GaiaRunConfig config, List<String> hosted, JavaSparkContext sc, Credentials credentials,
      Dialing dialing, Path outDir) throws IOException {
    GaiaHost h = new GaiaHost(config, hosted);
    try {
      h.begin(sc, credentials, dialing, outDir);
    } catch (IOException | RuntimeException e) {
      h.close();
      throw e;
    }
    return h;
  }

  /** The application a run configures. */
  public static GaiaApp<? extends Serializable> app(GaiaRunConfig config) throws IOException {
    return config.app().build();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void begin(JavaSparkContext sc, Credentials credentials, Dialing dialing, Path outDir) throws IOException {
    GaiaApp app = app(config);
    List<String> all = config.ids();
    boolean lan = config.system() == GaiaSystem.LAN;
    boolean asp = config.system() == GaiaSystem.GAIA || config.system() == GaiaSystem.GAIA_ASYNC;
    // Gaia talks to the neighbours its routing names (everyone, or group members and hub peers of
    // an overlay); BASELINE's parameter-server shards are everywhere, so it links every pair.
    MirrorRouting routing = asp ? config.routing() : MirrorRouting.fullMesh(all);
    Map<String, TrafficMeter> meters = new LinkedHashMap<>();
    if (!lan) {
      for (String id : hosted) {
        GaiaRunConfig.DataCentre d = config.dataCentre(id);
        List<String> peers = routing.neighbours(id);
        TrafficMeter meter = new TrafficMeter();
        meters.put(id, meter);
        servers.put(id, LinkServer.start(id, new InetSocketAddress(InetAddress.getByName(d.host()), d.port()),
            credentials.of(id), peers, meter));
      }
    }
    for (String id : hosted) {
      int index = config.indexOf(id);
      GlobalProgress progress = new GlobalProgress(all, app, config.stop());
      float[] initial = app.initialParameters();
      SyncLayer sync;
      if (lan) {
        sync = new LocalSync(id, initial, progress);
      } else {
        List<Link> links = new ArrayList<>();
        List<AspNode.Peer> peers = new ArrayList<>();
        LinkServer server = servers.get(id);
        for (String peer : routing.neighbours(id)) {
          InetSocketAddress peerServer = servers.containsKey(peer) ? servers.get(peer).address()
              : new InetSocketAddress(config.dataCentre(peer).host(), config.dataCentre(peer).port());
          LinkShape shape = config.shape(id, peer);
          Link link = server.connect(peer, dialing.address(id, peer, peerServer), shape);
          links.add(link);
          peers.add(new AspNode.Peer(link, shape));
        }
        if (config.system() == GaiaSystem.BASELINE) {
          int[] workers = config.dataCentres().stream().mapToInt(GaiaRunConfig.DataCentre::workers).toArray();
          WanParameterServer.Setup setup = new WanParameterServer.Setup(all, workers, config.asp().shardSize(),
              config.psStaleness());
          sync = new ParameterServerSync(id, setup, initial, links, meters.get(id), progress);
        } else {
          SignificanceFunction fn = app.significance();
          sync = new AspSync(id, initial, config.asp(), fn, routing, peers, meters.get(id), progress);
        }
      }
      syncs.put(id, sync);
      DataCenterRun.Place place = new DataCenterRun.Place(id, index, all.size(), config.dataCentre(id).workers());
      DataCenterRun<?> run = new DataCenterRun(place, app, sync, progress, sc, outDir, TimeUnit.MINUTES.toMillis(2),
          config.sspStaleness());
      runs.put(id, run);
    }
    for (Map.Entry<String, DataCenterRun<?>> e : runs.entrySet()) {
      futures.put(e.getKey(), pool.submit(e.getValue()));
    }
  }

  /** The synchronisation layer of a hosted data centre. */
  public SyncLayer sync(String dc) {
    return syncs.get(dc);
  }

  /** The driver loop of a hosted data centre. */
  public DataCenterRun<?> run(String dc) {
    return runs.get(dc);
  }

  /** The link server of a hosted data centre (null for LAN). */
  public LinkServer server(String dc) {
    return servers.get(dc);
  }

  /**
   * Waits for every hosted data centre to finish and returns their results in hosted order; the
   * first failure is rethrown (and the others are stopped by closing).
   */
  public List<DataCenterRun.Result> await(long timeout, TimeUnit unit) throws Exception {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    List<DataCenterRun.Result> out = new ArrayList<>();
    for (Map.Entry<String, Future<DataCenterRun.Result>> e : futures.entrySet()) {
      try {
        out.add(e.getValue().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
      } catch (ExecutionException ex) {
        Throwable c = ex.getCause();
        throw c instanceof Exception x ? new IllegalStateException("data centre " + e.getKey() + " failed: "
            + x.getMessage(), x) : new IllegalStateException("data centre " + e.getKey() + " failed", c);
      } catch (TimeoutException ex) {
        throw new TimeoutException("data centre " + e.getKey() + " did not finish within " + unit.toSeconds(timeout)
            + " s (at clock " + runs.get(e.getKey()).completedClock() + ")");
      }
    }
    return out;
  }

  @Override
  public void close() {
    pool.shutdownNow();
    for (SyncLayer s : syncs.values()) {
      s.close();
    }
    for (LinkServer s : servers.values()) {
      s.close();
    }
  }
}
