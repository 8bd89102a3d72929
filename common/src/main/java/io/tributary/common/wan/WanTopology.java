package io.tributary.common.wan;

import io.tributary.common.link.LinkShape;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A named set of data centres with the WAN bandwidth and one-way latency between every pair, and
 * the LAN inside each. Protocols and emulated links take their shapes from here
 * ({@link #shape(String, String)}), and {@link CostModel} prices runs on it.
 *
 * <h2>Built-in topologies ({@link #named})</h2>
 * <ul>
 *   <li>{@code ec2-11}: the 11 Amazon EC2 regions of the Gaia study (thesis §5.1.1, Figure 5.1:
 *       Virginia, California, Oregon, Ireland, Frankfurt, Tokyo, Seoul, Singapore, Sydney, Mumbai,
 *       São Paulo), one data centre per region, grouped by continent for Gaia's hub overlay
 *       (§5.3.5): north-america, europe, asia-pacific, south-america ({@code Ec2Calibration}).</li>
 *   <li>{@code vc}: two data centres with the Virginia-California link ("V/C WAN", §5.1.2), a
 *       distributed setting within a continent.</li>
 *   <li>{@code ss}: two data centres with the Singapore-São Paulo link ("S/S WAN", §5.1.2), the
 *       lowest bandwidth between any two EC2 regions.</li>
 *   <li>{@code lan}: one data centre (the LAN baseline).</li>
 * </ul>
 *
 * The {@code ec2-11} numbers and their derivation are in {@code Ec2Calibration}; the text form
 * ({@code --topology FILE}) is {@link WanTopologyFormat}. A topology carries the {@code hub}
 * lines of its file ({@link #hubs()}) so that it round-trips through that form; the hub overlay
 * itself (groups, hub choice, routing) is {@code io.tributary.common.asp.HubOverlay}.
 *
 * <p>Immutable and serialisable.
 */
public final class WanTopology implements Serializable {
  private static final long serialVersionUID = 1L;

  /** LAN bandwidth assumed inside a data centre when none is given, Mbps. */
  public static final double DEFAULT_LAN_MBPS = 1000;
  /** LAN one-way latency assumed inside a data centre when none is given, ms. */
  public static final double DEFAULT_LAN_LATENCY_MS = 0.1;
  /** Names accepted by {@link #named}. */
  public static final List<String> BUILT_IN = List.of("ec2-11", "vc", "ss", "lan");

  private final String name;
  private final List<DataCenter> dataCenters;
  private final double[][] mbps;
  private final double[][] latencyMs;
  private final double lanMbps;
  private final double lanLatencyMs;
  private final Map<String, Integer> index;
  /** Declared hubs: group -> destination group -> data centre (insertion order). */
  private final Map<String, Map<String, String>> hubs;

  private WanTopology(String name, List<DataCenter> dataCenters, double[][] mbps, double[][] latencyMs, double lanMbps,
      double lanLatencyMs) {
    this(name, dataCenters, mbps, latencyMs, lanMbps, lanLatencyMs, Map.of());
  }

  private WanTopology(String name, List<DataCenter> dataCenters, double[][] mbps, double[][] latencyMs, double lanMbps,
      double lanLatencyMs, Map<String, Map<String, String>> hubs) {
    this.hubs = copyHubs(hubs);
    this.name = name;
    this.dataCenters = List.copyOf(dataCenters);
    this.mbps = mbps;
    this.latencyMs = latencyMs;
    this.lanMbps = lanMbps;
    this.lanLatencyMs = lanLatencyMs;
    Map<String, Integer> idx = new HashMap<>();
    for (int i = 0; i < dataCenters.size(); i++) {
      idx.put(dataCenters.get(i).name(), i);
    }
    this.index = idx;
  }

  // ---------------------------------------------------------------- built-ins

  /**
   * A built-in topology: {@code ec2-11}, {@code vc}, {@code ss} or {@code lan} (case-insensitive).
   *
   * @throws IllegalArgumentException naming the built-ins for any other name
   */
  public static WanTopology named(String name) {
    String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    return switch (n) {
      case "ec2-11", "ec2", "ec2-all" -> Ec2Calibration.EC2_11;
      case "vc", "v/c" -> Ec2Calibration.EC2_11.restrict("vc", List.of("virginia", "california"));
      case "ss", "s/s" -> Ec2Calibration.EC2_11.restrict("ss", List.of("singapore", "sao-paulo"));
      case "lan" -> builder("lan").dataCenter(new DataCenter("lan", "virginia")).build();
      default -> throw new IllegalArgumentException("unknown topology '" + name + "'; built-in topologies are "
          + BUILT_IN + " (or give a topology file)");
    };
  }

  /**
   * A built-in name, or else the path of a topology file: what a {@code --topology} option takes.
   */
  public static WanTopology resolve(String nameOrPath) throws IOException {
    if (BUILT_IN.contains(nameOrPath.strip().toLowerCase(Locale.ROOT))) {
      return named(nameOrPath);
    }
    Path p = Path.of(nameOrPath);
    if (Files.isRegularFile(p)) {
      return WanTopologyFormat.parse(p);
    }
    throw new IllegalArgumentException("'" + nameOrPath + "' is neither a built-in topology " + BUILT_IN
        + " nor a topology file");
  }

  // ---------------------------------------------------------------- accessors

  /** The topology's name. */
  public String name() {
    return name;
  }

  /** Number of data centres. */
  public int size() {
    return dataCenters.size();
  }

  /** The data centres, in order. */
  public List<DataCenter> dataCenters() {
    return dataCenters;
  }

  /** The data centre at position {@code i}. */
  public DataCenter dataCenter(int i) {
    return dataCenters.get(i);
  }

  /** The data centre called {@code name}. */
  public DataCenter dataCenter(String dcName) {
    return dataCenters.get(indexOf(dcName));
  }

  /** Names of the data centres, in order. */
  public List<String> names() {
    return dataCenters.stream().map(DataCenter::name).toList();
  }

  /** Position of the data centre called {@code name}. */
  public int indexOf(String dcName) {
    Integer i = index.get(dcName);
    if (i == null) {
      throw new IllegalArgumentException("topology " + name + " has no data centre '" + dcName + "'; it has "
          + names());
    }
    return i;
  }

  /** WAN bandwidth between {@code a} and {@code b} in Mbps (the LAN's when {@code a == b}). */
  public double bandwidthMbps(int a, int b) {
    return a == b ? lanMbps : mbps[a][b];
  }

  /** One-way latency between {@code a} and {@code b} in ms (the LAN's when {@code a == b}). */
  public double latencyMs(int a, int b) {
    return a == b ? lanLatencyMs : latencyMs[a][b];
  }

  /** The link shape from {@code a} to {@code b}; the LAN shape when they are the same. */
  public LinkShape shape(int a, int b) {
    return LinkShape.ofMbps(bandwidthMbps(a, b), latencyMs(a, b));
  }

  /** The link shape between two data centres by name. */
  public LinkShape shape(String a, String b) {
    return shape(indexOf(a), indexOf(b));
  }

  /** The link shape inside a data centre. */
  public LinkShape lanShape() {
    return LinkShape.ofMbps(lanMbps, lanLatencyMs);
  }

  /** LAN bandwidth inside a data centre, Mbps. */
  public double lanMbps() {
    return lanMbps;
  }

  /** LAN one-way latency inside a data centre, ms. */
  public double lanLatencyMs() {
    return lanLatencyMs;
  }

  /** The distinct groups of the data centres, in order of first appearance. */
  private List<String> groupNames() {
    return dataCenters.stream().map(DataCenter::group).distinct().toList();
  }

  /** The data centres of {@code group}, in order. */
  private List<String> members(String group) {
    return dataCenters.stream().filter(d -> d.group().equals(group)).map(DataCenter::name).toList();
  }

  /**
   * The hubs declared with {@code hub} lines: group, then destination group, then the data centre
   * of the group that exchanges its updates with that destination group. Pairs of groups not listed
   * have no declared hub (the overlay picks one).
   */
  public Map<String, Map<String, String>> hubs() {
    return hubs;
  }

  /** The same topology with these declared hubs (validated like {@code hub} lines). */
  public WanTopology withHubs(Map<String, Map<String, String>> declared) {
    for (Map.Entry<String, Map<String, String>> e : declared.entrySet()) {
      for (Map.Entry<String, String> h : e.getValue().entrySet()) {
        checkHub(e.getKey(), h.getKey(), h.getValue());
      }
    }
    return new WanTopology(name, dataCenters, mbps, latencyMs, lanMbps, lanLatencyMs, declared);
  }

  /**
   * Checks one declared hub ({@code hub GROUP TO-GROUP DC}) against this topology's groups: both
   * groups exist, they differ, and the data centre is in the first.
   */
  void checkHub(String group, String to, String dc) {
    List<String> groups = groupNames();
    if (!groups.contains(group) || !groups.contains(to)) {
      throw new IllegalArgumentException("hub " + group + " -> " + to + " names an unknown group; groups are "
          + groups);
    }
    if (group.equals(to)) {
      throw new IllegalArgumentException("hub " + group + " -> " + to + ": a group needs no hub to itself");
    }
    if (!members(group).contains(dc)) {
      throw new IllegalArgumentException("hub " + group + " -> " + to + ": data centre '" + dc + "' is not in group "
          + group + " " + members(group));
    }
  }

  private static Map<String, Map<String, String>> copyHubs(Map<String, Map<String, String>> h) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    h.forEach((g, m) -> out.put(g, Collections.unmodifiableMap(new LinkedHashMap<>(m))));
    return Collections.unmodifiableMap(out);
  }

  /** Mean WAN bandwidth over all pairs of distinct data centres (the LAN's with one). */
  public double meanWanMbps() {
    return wanStat(0);
  }

  /** Lowest WAN bandwidth between two distinct data centres. */
  public double minWanMbps() {
    return wanStat(1);
  }

  /** Highest WAN bandwidth between two distinct data centres. */
  public double maxWanMbps() {
    return wanStat(2);
  }

  private double wanStat(int which) {
    int n = size();
    if (n < 2) {
      return lanMbps;
    }
    double sum = 0;
    double min = Double.MAX_VALUE;
    double max = 0;
    int pairs = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        sum += mbps[i][j];
        min = Math.min(min, mbps[i][j]);
        max = Math.max(max, mbps[i][j]);
        pairs++;
      }
    }
    return which == 0 ? sum / pairs : which == 1 ? min : max;
  }

  // ---------------------------------------------------------------- derived topologies

  /** The sub-topology of the named data centres (in the given order), called {@code newName}. */
  public WanTopology restrict(String newName, List<String> dcNames) {
    Builder b = builder(newName).lan(lanMbps, lanLatencyMs);
    for (String dc : dcNames) {
      b.dataCenter(dataCenter(dc));
    }
    for (int i = 0; i < dcNames.size(); i++) {
      for (int j = i + 1; j < dcNames.size(); j++) {
        int a = indexOf(dcNames.get(i));
        int c = indexOf(dcNames.get(j));
        b.link(dcNames.get(i), dcNames.get(j), mbps[a][c], latencyMs[a][c]);
      }
    }
    WanTopology t = b.build();
    Map<String, Map<String, String>> kept = new LinkedHashMap<>();
    List<String> g = t.groupNames();
    hubs.forEach((from, m) -> m.forEach((to, dc) -> {
      if (g.contains(from) && g.contains(to) && dcNames.contains(dc)) {
        kept.computeIfAbsent(from, k -> new LinkedHashMap<>()).put(to, dc);
      }
    }));
    return kept.isEmpty() ? t : t.withHubs(kept);
  }

  /**
   * The same topology with every bandwidth (WAN and LAN) multiplied by {@code factor}; latencies
   * unchanged. Useful to emulate a faster LAN, or to slow everything down in proportion on a
   * small test machine.
   */
  public WanTopology scaled(double factor) {
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("scale factor must be positive, got " + factor);
    }
    int n = size();
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        m[i][j] = mbps[i][j] * factor;
      }
    }
    return new WanTopology(name + "x" + WanTopologyFormat.num(factor), dataCenters, m, copy(latencyMs),
        lanMbps * factor, lanLatencyMs, hubs);
  }

  private static double[][] copy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }

  /** A printable summary: the bandwidth matrix (Mbps), latencies (ms) and the WAN/LAN ratios. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    int n = size();
    sb.append(String.format(Locale.ROOT, "topology %s: %d data centre%s, LAN %s Mbps / %s ms%n", name, n,
        n == 1 ? "" : "s", WanTopologyFormat.num(lanMbps), WanTopologyFormat.num(lanLatencyMs)));
    if (n < 2) {
      return sb.toString();
    }
    sb.append(String.format(Locale.ROOT, "  WAN bandwidth: mean %.1f Mbps (LAN/%.1f), min %.1f (LAN/%.1f), max %.1f "
        + "(%.1fx min)%n", meanWanMbps(), lanMbps / meanWanMbps(), minWanMbps(), lanMbps / minWanMbps(), maxWanMbps(),
        maxWanMbps() / minWanMbps()));
    int w = Math.max(7, names().stream().mapToInt(String::length).max().orElse(7));
    for (String[] what : new String[][] {{"bandwidth (Mbps)", "b"}, {"one-way latency (ms)", "l"}}) {
      sb.append("  ").append(what[0]).append('\n');
      sb.append(String.format(Locale.ROOT, "  %-" + w + "s", ""));
      for (DataCenter dc : dataCenters) {
        sb.append(String.format(Locale.ROOT, " %" + w + "s", dc.name()));
      }
      sb.append('\n');
      for (int i = 0; i < n; i++) {
        sb.append(String.format(Locale.ROOT, "  %-" + w + "s", dataCenters.get(i).name()));
        for (int j = 0; j < n; j++) {
          double v = what[1].equals("b") ? bandwidthMbps(i, j) : latencyMs(i, j);
          sb.append(i == j ? String.format(Locale.ROOT, " %" + w + "s", "-")
              : String.format(Locale.ROOT, " %" + w + ".1f", v));
        }
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WanTopology t && name.equals(t.name) && dataCenters.equals(t.dataCenters)
        && Arrays.deepEquals(mbps, t.mbps) && Arrays.deepEquals(latencyMs, t.latencyMs) && lanMbps == t.lanMbps
        && lanLatencyMs == t.lanLatencyMs && hubs.equals(t.hubs);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, dataCenters, Arrays.deepHashCode(mbps), lanMbps);
  }

  @Override
  public String toString() {
    return "WanTopology[" + name + ", " + names() + "]";
  }

  // ---------------------------------------------------------------- builder

  /** A builder for custom topologies. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Builds a {@link WanTopology}; links are symmetric. */
  public static final class Builder {
    private final String name;
    private final List<DataCenter> dcs = new ArrayList<>();
    private final Map<String, double[]> links = new HashMap<>();
    private double lanMbps = DEFAULT_LAN_MBPS;
    private double lanLatencyMs = DEFAULT_LAN_LATENCY_MS;
    private double[] defaultLink;

    private Builder(String name) {
      if (name == null || name.isBlank() || name.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("topology name must be a non-empty word, got '" + name + "'");
      }
      this.name = name;
    }

    /** Adds a data centre; names must be unique. */
    public Builder dataCenter(DataCenter dc) {
      for (DataCenter d : dcs) {
        if (d.name().equals(dc.name())) {
          throw new IllegalArgumentException("data centre '" + dc.name() + "' is declared twice");
        }
      }
      dcs.add(dc);
      return this;
    }

    /** Adds {@code dc NAME REGION GROUP}. */
    public Builder dataCenter(String dcName, String region, String group) {
      return dataCenter(new DataCenter(dcName, region, group));
    }

    /** The LAN inside each data centre. */
    public Builder lan(double mbps, double latencyMs) {
      check(mbps, latencyMs);
      this.lanMbps = mbps;
      this.lanLatencyMs = latencyMs;
      return this;
    }

    /** The link for every pair that has no {@link #link} of its own. */
    public Builder defaultLink(double mbps, double latencyMs) {
      check(mbps, latencyMs);
      this.defaultLink = new double[] {mbps, latencyMs};
      return this;
    }

    /** A symmetric WAN link between two declared data centres. */
    public Builder link(String a, String b, double mbps, double latencyMs) {
      check(mbps, latencyMs);
      if (a.equals(b)) {
        throw new IllegalArgumentException("link from '" + a + "' to itself (the LAN is set with 'lan')");
      }
      for (String x : new String[] {a, b}) {
        if (dcs.stream().noneMatch(d -> d.name().equals(x))) {
          throw new IllegalArgumentException("link names undeclared data centre '" + x + "'");
        }
      }
      if (links.put(key(a, b), new double[] {mbps, latencyMs}) != null) {
        throw new IllegalArgumentException("link " + a + " - " + b + " is given twice");
      }
      return this;
    }

    private static void check(double mbps, double latencyMs) {
      if (!(mbps > 0) || Double.isInfinite(mbps)) {
        throw new IllegalArgumentException("bandwidth must be a positive number of Mbps, got " + mbps);
      }
      if (!(latencyMs >= 0) || Double.isInfinite(latencyMs)) {
        throw new IllegalArgumentException("latency must be >= 0 ms, got " + latencyMs);
      }
    }

    private static String key(String a, String b) {
      return a.compareTo(b) < 0 ? a + "\u0000" + b : b + "\u0000" + a;
    }

    /**
     * The topology.
     *
     * @throws IllegalArgumentException when there are no data centres or a pair has no link
     */
    public WanTopology build() {
      if (dcs.isEmpty()) {
        throw new IllegalArgumentException("topology " + name + " has no data centres");
      }
      int n = dcs.size();
      double[][] m = new double[n][n];
      double[][] l = new double[n][n];
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          double[] link = links.get(key(dcs.get(i).name(), dcs.get(j).name()));
          if (link == null) {
            link = defaultLink;
          }
          if (link == null) {
            throw new IllegalArgumentException("no link between " + dcs.get(i).name() + " and " + dcs.get(j).name()
                + " (add 'link " + dcs.get(i).name() + " " + dcs.get(j).name() + " MBPS MS' or a default-link)");
          }
          m[i][j] = m[j][i] = link[0];
          l[i][j] = l[j][i] = link[1];
        }
      }
      return new WanTopology(name, dcs, m, l, lanMbps, lanLatencyMs);
    }
  }
}
