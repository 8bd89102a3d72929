package io.tributary.gaia.deploy;

import io.tributary.common.asp.AspConfig;
import io.tributary.common.asp.HubOverlay;
import io.tributary.common.asp.MirrorRouting;
import io.tributary.common.config.Setting;
import io.tributary.common.config.Settings;
import io.tributary.common.link.DeploymentCa;
import io.tributary.common.link.LinkShape;
import io.tributary.gaia.app.GaiaApp;
import io.tributary.gaia.mf.MatrixFactorization;
import io.tributary.gaia.options.MfOptions;
import io.tributary.gaia.runtime.StopRule;
import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Everything one run of a deployment needs, identical for every data centre: which system runs
 * (Gaia, Gaia_Async, BASELINE, LAN), the data centres with their addresses, regions and worker
 * counts, the link shapes, the ASP settings and Gaia's overlay, SSP inside data centres, the
 * application ({@link AppSettings}: MF, TM or IC) and its data, and the stop rule.
 * Stored as a flat properties file ({@link #write}, {@link #read}) that the launcher hands to
 * every data centre's application, or that an operator writes for {@code spark-submit} on real
 * clusters.
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

  /**
   * The MF application's settings.
   *
   * @param rank model rank
   * @param learningRate initial SGD step size (decays as lr / sqrt(t))
   * @param lambda L2 regularisation
   * @param seed model initialisation seed
   * @param generated the generated matrix (null when reading {@code file})
   * @param file ratings file (null when generated)
   * @param items item count for a file (0: one more than its largest item id)
   * @param perParameterSignificance use |acc/value| per parameter instead of per item vector
   */
  public record MfSettings(int rank, double learningRate, double lambda, long seed,
      MatrixFactorization.LowRankSpec generated, String file, int items, boolean perParameterSignificance)
      implements AppSettings {
    public MfSettings {
      if (rank < 1) {
        throw new IllegalArgumentException("MF rank must be >= 1, got " + rank);
      }
      if ((generated == null) == (file == null)) {
        throw new IllegalArgumentException("MF needs either generated data or a ratings file, not both or neither");
      }
    }

    @Override
    public String name() {
      return "mf";
    }

    @Override
    public GaiaApp<? extends Serializable> build() throws IOException {
      MatrixFactorization m = generated != null
          ? MatrixFactorization.generated(generated, rank, learningRate, lambda, seed)
          : MatrixFactorization.fromFile(file, items, rank, learningRate, lambda, seed);
      return perParameterSignificance ? m.withPerParameterSignificance() : m;
    }

    /** Ratings from a generated matrix or a file: the run file's {@code mf.data}. */
    static final Setting<String> DATA = Setting.key("data").stringType().noDefaultValue()
        .withDescription("MF data: generated or file.");

    /** Model initialisation seed (the CLI uses 1). */
    static final Setting<Long> SEED = Setting.key("seed").longType().noDefaultValue()
        .withDescription("MF model initialisation seed.");

    /** Significance per parameter instead of per item vector. */
    static final Setting<Boolean> PER_PARAMETER_SIGNIFICANCE = Setting.key("per-parameter-significance").flag()
        .withDescription("MF: significance |acc/value| per parameter instead of per item vector.");

    /** The {@code mf.} section of the run file; {@code --ratings} is {@code mf.file}. */
    private static final RunFileSection FILE = RunFileSection.of("mf", List.of(MfOptions.RANK, MfOptions.LR,
        MfOptions.LAMBDA, SEED, PER_PARAMETER_SIGNIFICANCE, DATA, MfOptions.USERS, MfOptions.ITEMS,
        MfOptions.TRUE_RANK, MfOptions.RATINGS_PER_USER, MfOptions.NOISE, MfOptions.ITEM_SKEW, MfOptions.DATA_SEED,
        MfOptions.RATINGS)).renaming(MfOptions.RATINGS, "file");

    @Override
    public void write(Map<String, String> p) {
      Settings s = Settings.empty().with(MfOptions.RANK, rank).with(MfOptions.LR, learningRate)
          .with(MfOptions.LAMBDA, lambda).with(SEED, seed).with(PER_PARAMETER_SIGNIFICANCE, perParameterSignificance);
      if (generated != null) {
        MatrixFactorization.LowRankSpec g = generated;
        s = s.with(DATA, "generated").with(MfOptions.USERS, g.users()).with(MfOptions.ITEMS, g.items())
            .with(MfOptions.TRUE_RANK, g.trueRank()).with(MfOptions.RATINGS_PER_USER, g.ratingsPerUser())
            .with(MfOptions.NOISE, g.noise()).with(MfOptions.ITEM_SKEW, g.itemSkew())
            .with(MfOptions.DATA_SEED, g.seed());
      } else {
        s = s.with(DATA, "file").with(MfOptions.RATINGS, file).with(MfOptions.ITEMS, items);
      }
      FILE.write(s, p);
    }

    static MfSettings read(Properties p) {
      Settings s = FILE.read(p);
      int rank = FILE.require(s, MfOptions.RANK);
      double lr = FILE.require(s, MfOptions.LR);
      double lambda = FILE.require(s, MfOptions.LAMBDA);
      long seed = FILE.require(s, SEED);
      boolean perParameter = FILE.require(s, PER_PARAMETER_SIGNIFICANCE);
      if ("generated".equals(FILE.require(s, DATA))) {
        return new MfSettings(rank, lr, lambda, seed,
            new MatrixFactorization.LowRankSpec(FILE.require(s, MfOptions.USERS), FILE.require(s, MfOptions.ITEMS),
                FILE.require(s, MfOptions.TRUE_RANK), FILE.require(s, MfOptions.RATINGS_PER_USER),
                FILE.require(s, MfOptions.NOISE), FILE.require(s, MfOptions.ITEM_SKEW),
                FILE.require(s, MfOptions.DATA_SEED)),
            null, 0, perParameter);
      }
      return new MfSettings(rank, lr, lambda, seed, null, FILE.require(s, MfOptions.RATINGS),
          FILE.require(s, MfOptions.ITEMS), perParameter);
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

  // ------------------------------------------------------------------ properties form

  /** The run as flat properties. */
  public Properties toProperties() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("label", label);
    p.put("system", system.label());
    p.put("dcs", String.join(",", ids()));
    for (DataCentre d : dataCentres) {
      p.put("dc." + d.id() + ".region", d.region());
      p.put("dc." + d.id() + ".workers", Integer.toString(d.workers()));
      p.put("dc." + d.id() + ".address", d.host() + ":" + d.port());
    }
    for (Map.Entry<String, LinkShape> e : new TreeMap<>(shapes).entrySet()) {
      p.put("link." + e.getKey() + ".bps", num(e.getValue().bitsPerSecond()));
      p.put("link." + e.getKey() + ".latency_ms", num(e.getValue().latencyMillis()));
    }
    AspSection.write(asp, p);
    p.put("ps.staleness", Integer.toString(psStaleness));
    p.put("ssp.staleness", Integer.toString(sspStaleness));
    p.put("app", app.name());
    app.write(p);
    if (overlay != null) {
      p.put("overlay", "hubs");
      for (Map.Entry<String, List<String>> g : overlay.groups().entrySet()) {
        p.put("overlay.group." + g.getKey(), String.join(",", g.getValue()));
      }
      overlay.hubs().forEach((from, row) -> row.forEach((to, dc) -> p.put("overlay.hub." + from + "." + to, dc)));
    } else {
      p.put("overlay", "none");
    }
    p.put("stop.target", num(stop.target()));
    p.put("stop.convergence", Boolean.toString(stop.convergence()));
    p.put("stop.convergence_change", num(stop.convergenceChange()));
    p.put("stop.convergence_window", Integer.toString(stop.convergenceWindow()));
    p.put("stop.max_clocks", Long.toString(stop.maxClocks()));
    p.put("stop.max_seconds", num(stop.maxSeconds()));
    if (tlsDir != null) {
      p.put("tls.dir", tlsDir);
    }
    if (sparkMaster != null) {
      p.put("spark.master", sparkMaster);
    }
    Properties props = new Properties();
    props.putAll(p);
    return props;
  }

  static String num(double d) {
    return Double.toString(d);
  }

  /** Writes the properties file (sorted keys, for people). */
  public void write(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Properties p = toProperties();
    StringBuilder sb = new StringBuilder("# Gaia run " + label + "\n");
    for (String k : new TreeMap<>(p).keySet().stream().map(Object::toString).toList()) {
      sb.append(k).append('=').append(p.getProperty(k).replace("\\", "\\\\")).append('\n');
    }
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(sb.toString());
    }
  }

  /** Reads a run from a properties file; every problem names the file and the key. */
  public static GaiaRunConfig read(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    try {
      return fromProperties(p);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("run configuration " + file + ": " + e.getMessage(), e);
    }
  }

  /** Parses flat properties (see {@link #toProperties}). */
  public static GaiaRunConfig fromProperties(Properties p) {
    Props q = new Props(p);
    List<DataCentre> dcs = new ArrayList<>();
    Map<String, LinkShape> shapes = new LinkedHashMap<>();
    List<String> ids = List.of(q.str("dcs").split(","));
    for (String id : ids) {
      String addr = q.str("dc." + id + ".address");
      int colon = addr.lastIndexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("dc." + id + ".address must be HOST:PORT, got '" + addr + "'");
      }
      dcs.add(new DataCentre(id, q.str("dc." + id + ".region"), q.integer("dc." + id + ".workers"),
          addr.substring(0, colon), Integer.parseInt(addr.substring(colon + 1))));
    }
    for (int i = 0; i < ids.size(); i++) {
      for (int j = i + 1; j < ids.size(); j++) {
        String k = pairKey(ids.get(i), ids.get(j));
        shapes.put(k, new LinkShape(q.dbl("link." + k + ".bps"), q.dbl("link." + k + ".latency_ms")));
      }
    }
    AspConfig asp = AspSection.read(p);
    AppSettings app = AppSettings.read(q);
    HubOverlay overlay = null;
    String ov = q.str("overlay", "none");
    if (ov.equals("hubs")) {
      Map<String, List<String>> groups = new LinkedHashMap<>();
      Map<String, Map<String, String>> hubs = new LinkedHashMap<>();
      for (String k : new TreeMap<>(p).keySet().stream().map(Object::toString).toList()) {
        if (k.startsWith("overlay.group.")) {
          groups.put(k.substring("overlay.group.".length()), List.of(q.str(k).split(",")));
        }
      }
      for (String k : new TreeMap<>(p).keySet().stream().map(Object::toString).toList()) {
        if (k.startsWith("overlay.hub.")) {
          String rest = k.substring("overlay.hub.".length());
          int dot = rest.indexOf('.');
          if (dot <= 0) {
            throw new IllegalArgumentException("key '" + k + "' must be overlay.hub.GROUP.TO-GROUP");
          }
          hubs.computeIfAbsent(rest.substring(0, dot), x -> new LinkedHashMap<>()).put(rest.substring(dot + 1), q.str(k));
        }
      }
      overlay = new HubOverlay(groups, hubs);
    } else if (!ov.equals("none")) {
      throw new IllegalArgumentException("key 'overlay' must be none or hubs, got '" + ov + "'");
    }
    StopRule stop = new StopRule(q.dbl("stop.target"), q.bool("stop.convergence"), q.dbl("stop.convergence_change"),
        q.integer("stop.convergence_window"), q.lng("stop.max_clocks"), q.dbl("stop.max_seconds"));
    return builder(q.str("label"), GaiaSystem.parse(q.str("system"))).dataCentres(dcs).shapes(shapes).asp(asp)
        .psStaleness(q.integer("ps.staleness")).sspStaleness(q.has("ssp.staleness") ? q.integer("ssp.staleness") : 0)
        .app(app).overlay(overlay).stop(stop).tls(p.getProperty("tls.dir"), p.getProperty("spark.master")).build();
  }
}
