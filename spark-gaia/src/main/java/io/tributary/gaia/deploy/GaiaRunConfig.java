package io.tributary.gaia.deploy;

import io.tributary.common.asp.AspConfig;
import io.tributary.common.asp.HubOverlay;
import io.tributary.common.asp.MirrorRouting;
import io.tributary.common.link.DeploymentCa;
import io.tributary.common.link.LinkShape;
import io.tributary.gaia.runtime.StopRule;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Everything one run of a deployment needs, identical for every data centre: which system runs
 * (Gaia, Gaia_Async, BASELINE, LAN), the data centres with their addresses, regions and worker
 * counts, the link shapes, the ASP settings and Gaia's overlay, SSP inside data centres, the
 * application ({@link AppSettings}: MF, TM or IC) and its data, and the stop rule.
 * Stored as a flat properties file ({@link #write}, {@link #read}; the format is
 * {@link GaiaRunFile}'s) that the launcher hands to every data centre's application, or that an
 * operator writes for {@code spark-submit} on real clusters.
 */
public final class GaiaRunConfig implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The systems of the Gaia evaluation. */
  public enum GaiaSystem {
    /** ASP between data centres: significance filter, selective barrier, mirror clock. */
    GAIA,
    /** ASP's significance filter only, no barrier, no mirror clock (§5.5.5). */
    GAIA_ASYNC,
    /** One parameter server with shards spread over the data centres (§5.5). */
    BASELINE,
    /** All data in one data centre. */
    LAN;

    /** Lower-case name used in file names and tables. */
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses {@code gaia}, {@code gaia-async}, {@code baseline} or {@code lan}. */
    public static GaiaSystem parse(String s) {
      try {
        return valueOf(s.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown system '" + s + "'; use gaia, gaia-async, baseline or lan", e);
      }
    }
  }

  /**
   * One data centre.
   *
   * @param id its id (also its certificate's common name)
   * @param region the region it stands for (prices)
   * @param workers its number of workers (Spark partitions)
   * @param host address its link server listens on
   * @param port its link server's port (0: pick one; only for in-process runs)
   */
  public record DataCentre(String id, String region, int workers, String host, int port) implements Serializable {
    public DataCentre {
      DeploymentCa.checkId(id);
      if (workers < 1) {
        throw new IllegalArgumentException("data centre " + id + " needs at least one worker, got " + workers);
      }
    }
  }

  private final String label;
  private final GaiaSystem system;
  private final List<DataCentre> dataCentres;
  private final Map<String, LinkShape> shapes;
  private final AspConfig asp;
  private final int psStaleness;
  private final int sspStaleness;
  private final AppSettings app;
  private final HubOverlay overlay;
  private final StopRule stop;
  private final String tlsDir;
  private final String sparkMaster;

  /**
   * Starts a run's description: the name of the run and the system it runs; the rest is set on the
   * {@link Builder} (data centres, link shapes, ASP, stop rule and the application are required).
   */
  public static Builder builder(String label, GaiaSystem system) {
    return new Builder(label, system);
  }

  /** A builder holding this run's values, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder(label, system);
    b.dataCentres = dataCentres;
    b.shapes = shapes;
    b.asp = asp;
    b.psStaleness = psStaleness;
    b.sspStaleness = sspStaleness;
    b.app = app;
    b.overlay = overlay;
    b.stop = stop;
    b.tlsDir = tlsDir;
    b.sparkMaster = sparkMaster;
    return b;
  }

  /** The values of one {@link GaiaRunConfig}, checked together by {@link #build}. */
  public static final class Builder {
    private final String label;
    private final GaiaSystem system;
    private List<DataCentre> dataCentres = List.of();
    private Map<String, LinkShape> shapes = Map.of();
    private AspConfig asp;
    private int psStaleness;
    private int sspStaleness;
    private AppSettings app;
    private HubOverlay overlay;
    private StopRule stop;
    private String tlsDir;
    private String sparkMaster;

    private Builder(String label, GaiaSystem system) {
      this.label = label;
      this.system = system;
    }

    /** The data centres, in order. */
    public Builder dataCentres(List<DataCentre> dcs) {
      this.dataCentres = dcs;
      return this;
    }

    /** The link between every pair of data centres, by {@link #pairKey}. */
    public Builder shapes(Map<String, LinkShape> linkShapes) {
      this.shapes = linkShapes;
      return this;
    }

    /** ASP's settings (Gaia_Async drops the barrier and mirror clock from them). */
    public Builder asp(AspConfig aspConfig) {
      this.asp = aspConfig;
      return this;
    }

    /** BASELINE's SSP staleness at the parameter server (0, the default: BSP). */
    public Builder psStaleness(int staleness) {
      this.psStaleness = staleness;
      return this;
    }

    /**
     * SSP staleness inside every data centre (0, the default: BSP), see
     * {@link io.tributary.gaia.runtime.DataCenterRun}.
     */
    public Builder sspStaleness(int staleness) {
      this.sspStaleness = staleness;
      return this;
    }

    /** The application and its data. */
    public Builder app(AppSettings settings) {
      this.app = settings;
      return this;
    }

    /**
     * Gaia's hub overlay (§5.3.5) over exactly these data centres, or null (the default) for the
     * direct broadcast; only Gaia and Gaia_Async use it.
     */
    public Builder overlay(HubOverlay hubs) {
      this.overlay = hubs;
      return this;
    }

    /** When the run ends. */
    public Builder stop(StopRule rule) {
      this.stop = rule;
      return this;
    }

    /** The TLS directory (null: credentials given in process) and Spark master (null: spark-submit's). */
    public Builder tls(String dir, String master) {
      this.tlsDir = dir;
      this.sparkMaster = master;
      return this;
    }

    /** The run; throws naming the first inconsistency. */
    public GaiaRunConfig build() {
      return new GaiaRunConfig(this);
    }
  }

  private GaiaRunConfig(Builder b) {
    String label = b.label;
    GaiaSystem system = b.system;
    List<DataCentre> dataCentres = b.dataCentres;
    Map<String, LinkShape> shapes = b.shapes;
    AspConfig asp = b.asp;
    int psStaleness = b.psStaleness;
    int sspStaleness = b.sspStaleness;
    AppSettings app = b.app;
    HubOverlay overlay = b.overlay;
    StopRule stop = b.stop;
    String tlsDir = b.tlsDir;
    String sparkMaster = b.sparkMaster;
    if (app == null) {
      throw new IllegalArgumentException("a run needs an application");
    }
    if (dataCentres.isEmpty()) {
      throw new IllegalArgumentException("a run needs at least one data centre");
    }
    if (system == GaiaSystem.LAN && dataCentres.size() != 1) {
      throw new IllegalArgumentException("LAN runs in one data centre, got " + dataCentres.size());
    }
    if (system != GaiaSystem.LAN && dataCentres.size() < 2) {
      throw new IllegalArgumentException(system.label() + " needs at least two data centres");
    }
    if (psStaleness < 0 || sspStaleness < 0) {
      throw new IllegalArgumentException("staleness must be >= 0, got " + psStaleness + "/" + sspStaleness);
    }
    this.sspStaleness = sspStaleness;
    this.label = label;
    this.system = system;
    this.dataCentres = List.copyOf(dataCentres);
    this.shapes = Map.copyOf(shapes);
    this.asp = system == GaiaSystem.GAIA_ASYNC ? asp.asyncOnly() : asp;
    this.psStaleness = psStaleness;
    this.app = app;
    this.overlay = overlay;
    this.stop = stop;
    this.tlsDir = tlsDir;
    this.sparkMaster = sparkMaster;
    for (int i = 0; i < dataCentres.size(); i++) {
      for (int j = i + 1; j < dataCentres.size(); j++) {
        shape(dataCentres.get(i).id(), dataCentres.get(j).id());
      }
    }
    if (overlay != null && !new HashSet<>(overlay.members()).equals(new HashSet<>(ids()))) {
      throw new IllegalArgumentException("the overlay's data centres " + overlay.members() + " are not the run's "
          + ids());
    }
  }

  public String label() {
    return label;
  }

  /** Key of an unordered pair of data centres in {@link #shapes()}. */
  public static String pairKey(String a, String b) {
    return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
  }

  public GaiaSystem system() {
    return system;
  }

  public List<DataCentre> dataCentres() {
    return dataCentres;
  }

  public List<String> ids() {
    return dataCentres.stream().map(DataCentre::id).toList();
  }

  public DataCentre dataCentre(String id) {
    return dataCentres.stream().filter(d -> d.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("run " + label + " has no data centre '" + id + "'; it has "
            + ids()));
  }

  public int indexOf(String id) {
    return ids().indexOf(dataCentre(id).id());
  }

  /** The link between two data centres. */
  public LinkShape shape(String a, String b) {
    LinkShape s = shapes.get(pairKey(a, b));
    if (s == null) {
      throw new IllegalArgumentException("run " + label + " has no link shape between " + a + " and " + b);
    }
    return s;
  }

  public AspConfig asp() {
    return asp;
  }

  /** SSP staleness inside data centres (0: BSP). */
  public int sspStaleness() {
    return sspStaleness;
  }

  /** BASELINE's SSP staleness (0: BSP). */
  public int psStaleness() {
    return psStaleness;
  }

  /** The application's settings. */
  public AppSettings app() {
    return app;
  }

  /** The MF settings (for MF runs). */
  public MfSettings mf() {
    if (app instanceof MfSettings m) {
      return m;
    }
    throw new IllegalStateException("run " + label + " trains " + app.name() + ", not mf");
  }

  /** Gaia's hub overlay, or null when data centres broadcast directly. */
  public HubOverlay overlay() {
    return overlay;
  }

  /** How this data centre's ASP traffic is routed: the overlay, or a full mesh. */
  public MirrorRouting routing() {
    return overlay != null ? overlay : MirrorRouting.fullMesh(ids());
  }

  public StopRule stop() {
    return stop;
  }

  /** Directory with {@code ca.pem}, {@code <dc>.p12} and {@code keystore.pass} (null: credentials given in process). */
  public String tlsDir() {
    return tlsDir;
  }

  /** Spark master for the embedded default (null: whatever spark-submit configured). */
  public String sparkMaster() {
    return sparkMaster;
  }

  /** The same run with another stop rule. */
  public GaiaRunConfig withStop(StopRule s) {
    return toBuilder().stop(s).build();
  }

  /** The same run with other data centre addresses. */
  public GaiaRunConfig withDataCentres(List<DataCentre> dcs) {
    return toBuilder().dataCentres(dcs).build();
  }

  /** The same run with a TLS directory and Spark master. */
  public GaiaRunConfig withTls(String dir, String master) {
    return toBuilder().tls(dir, master).build();
  }

  /** Link shapes by pair key. */
  public Map<String, LinkShape> shapes() {
    return shapes;
  }

  // ------------------------------------------------------------------ file form (GaiaRunFile)

  /** The run as flat properties ({@link GaiaRunFile} has the format). */
  public Properties toProperties() {
    return GaiaRunFile.toProperties(this);
  }

  /** Writes the properties file (sorted keys, for people). */
  public void write(Path file) throws IOException {
    GaiaRunFile.write(this, file);
  }

  /** Reads a run from a properties file; every problem names the file and the key. */
  public static GaiaRunConfig read(Path file) throws IOException {
    return GaiaRunFile.read(file);
  }

  /** Parses flat properties (see {@link #toProperties}). */
  public static GaiaRunConfig fromProperties(Properties p) {
    return GaiaRunFile.fromProperties(p);
  }
}
