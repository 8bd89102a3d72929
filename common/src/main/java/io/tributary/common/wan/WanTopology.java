package io.tributary.common.wan;

import io.tributary.common.link.LinkShape;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
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
 *       (§5.3.5): north-america, europe, asia-pacific, south-america.</li>
 *   <li>{@code vc}: two data centres with the Virginia-California link ("V/C WAN", §5.1.2), a
 *       distributed setting within a continent.</li>
 *   <li>{@code ss}: two data centres with the Singapore-São Paulo link ("S/S WAN", §5.1.2), the
 *       lowest bandwidth between any two EC2 regions.</li>
 *   <li>{@code lan}: one data centre (the LAN baseline).</li>
 * </ul>
 *
 * <h2>How the {@code ec2-11} numbers are derived</h2>
 * The thesis gives Figure 5.1 only as a picture; its text states the shape: WAN bandwidth is
 * <b>15x below LAN on average</b>, <b>60x below at worst</b> (Singapore-São Paulo), and close
 * pairs (Oregon-California, Tokyo-Seoul) have <b>up to 12x</b> the bandwidth of distant ones.
 * It states no absolute LAN bandwidth (§5.1.1 and §5.4.1 only say the emulation slowed the LAN to
 * EC2's speed), so the LAN is taken as {@value #DEFAULT_LAN_MBPS} Mbps. Then:
 * <ol>
 *   <li>One-way latency = half the typical inter-region round-trip time (a geographic table
 *       from public EC2 ping measurements of the period: 20 ms Oregon-California RTT, 62 ms
 *       Virginia-California, 330 ms Singapore-São Paulo...).</li>
 *   <li>Single-stream TCP throughput (what {@code iperf3} measured) falls with RTT, so
 *       bandwidth = {@code min(cap, worst * (RTTworst / RTT)^p)} with worst = LAN/60 = 16.7 Mbps
 *       at the longest RTT (Singapore-São Paulo), cap = 12 x worst = 200 Mbps, and the exponent
 *       {@code p} (about 1.39) solved so the mean over the 55 pairs is LAN/15 = 66.7 Mbps.</li>
 *   <li>Values are rounded to 0.1 Mbps. Results include Oregon-California, Ireland-Frankfurt and
 *       Tokyo-Seoul 200 Mbps, Virginia-California 171.2 Mbps (so {@code vc}), Singapore-São Paulo
 *       16.7 Mbps ({@code ss}). {@link #describe()} prints the whole matrix.</li>
 * </ol>
 * A cross-check that points the other way: §5.1.1's "two machines communicating at the average
 * WAN bandwidth cost up to 38x their rent" would need an average of a few hundred Mbps with
 * Table 5.1's prices, i.e. a LAN of several Gbps. Use {@link #scaled} for such a setting; every
 * ratio above is preserved.
 *
 * <h2>Topology files ({@link #parse(Path)})</h2>
 * <pre>
 * # comments and blank lines are ignored; all fields are separated by whitespace
 * name   my-wan                     # optional; default: the file name without extension
 * lan    1000 0.1                   # optional LAN: Mbps, one-way ms (default 1000 Mbps, 0.1 ms)
 * dc     NAME REGION [GROUP]        # one per data centre; GROUP defaults to NAME
 * link   A B MBPS MS                # symmetric WAN link: bandwidth in Mbps, one-way latency in ms
 * default-link MBPS MS              # optional: for every pair without a link line
 * hub    GROUP TO-GROUP DC          # optional: GROUP's hub for traffic to TO-GROUP (Gaia's overlay)
 * </pre>
 * Every pair of data centres needs a link (or the default). {@code hub} lines name, for Gaia's
 * overlay network (thesis §5.3.5), which data centre of a group exchanges the group's updates with
 * another group; a group may use a different hub per destination group. Pairs of groups without a
 * {@code hub} line get one chosen by the overlay (see {@link #hubs()}). {@link #format()} writes this format;
 * parsing it gives an equal topology.
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
      case "ec2-11", "ec2", "ec2-all" -> Ec2Holder.EC2_11;
      case "vc", "v/c" -> Ec2Holder.EC2_11.restrict("vc", List.of("virginia", "california"));
      case "ss", "s/s" -> Ec2Holder.EC2_11.restrict("ss", List.of("singapore", "sao-paulo"));
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
      return parse(p);
    }
    throw new IllegalArgumentException("'" + nameOrPath + "' is neither a built-in topology " + BUILT_IN
        + " nor a topology file");
  }

  /** Built lazily, once: the calibration solves for the bandwidth exponent. */
  private static final class Ec2Holder {
    static final double EXPONENT;
    static final WanTopology EC2_11;

    static {
      double[][] rtt = Ec2Regions.rttMillis();
      int n = rtt.length;
      double worstRtt = 0;
      for (double[] row : rtt) {
        for (double v : row) {
          worstRtt = Math.max(worstRtt, v);
        }
      }
      double worst = DEFAULT_LAN_MBPS / 60;
      double cap = 12 * worst;
      double target = DEFAULT_LAN_MBPS / 15;
      double lo = 0;
      double hi = 4;
      for (int it = 0; it < 200; it++) { // the mean bandwidth grows with p: bisect for the target mean
        double mid = (lo + hi) / 2;
        if (meanModel(rtt, worstRtt, worst, cap, mid) > target) {
          hi = mid;
        } else {
          lo = mid;
        }
      }
      EXPONENT = (lo + hi) / 2;
      Builder b = builder("ec2-11");
      for (int i = 0; i < n; i++) {
        b.dataCenter(new DataCenter(Ec2Regions.IDS.get(i), Ec2Regions.IDS.get(i), Ec2Regions.GROUPS.get(i)));
      }
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          double bw = Math.min(cap, worst * Math.pow(worstRtt / rtt[i][j], EXPONENT));
          b.link(Ec2Regions.IDS.get(i), Ec2Regions.IDS.get(j), Math.round(bw * 10) / 10.0, rtt[i][j] / 2);
        }
      }
      EC2_11 = b.build();
    }
  }

  /** Exponent {@code p} of the ec2-11 bandwidth model (see the class comment). */
  static double ec2BandwidthExponent() {
    return Ec2Holder.EXPONENT;
  }

  private static double meanModel(double[][] rtt, double worstRtt, double worst, double cap, double p) {
    double s = 0;
    int pairs = 0;
    for (int i = 0; i < rtt.length; i++) {
      for (int j = i + 1; j < rtt.length; j++) {
        s += Math.min(cap, worst * Math.pow(worstRtt / rtt[i][j], p));
        pairs++;
      }
    }
    return s / pairs;
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

  /** Data centre names per group, groups in order of first appearance. */
  public Map<String, List<String>> groups() {
    Map<String, List<String>> g = new LinkedHashMap<>();
    for (DataCenter dc : dataCenters) {
      g.computeIfAbsent(dc.group(), k -> new ArrayList<>()).add(dc.name());
    }
    g.replaceAll((k, v) -> List.copyOf(v));
    return Collections.unmodifiableMap(g);
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
    Map<String, List<String>> g = groups();
    for (Map.Entry<String, Map<String, String>> e : declared.entrySet()) {
      for (Map.Entry<String, String> h : e.getValue().entrySet()) {
        checkHub(g, e.getKey(), h.getKey(), h.getValue());
      }
    }
    return new WanTopology(name, dataCenters, mbps, latencyMs, lanMbps, lanLatencyMs, declared);
  }

  private static void checkHub(Map<String, List<String>> groups, String group, String to, String dc) {
    if (!groups.containsKey(group) || !groups.containsKey(to)) {
      throw new IllegalArgumentException("hub " + group + " -> " + to + " names an unknown group; groups are "
          + groups.keySet());
    }
    if (group.equals(to)) {
      throw new IllegalArgumentException("hub " + group + " -> " + to + ": a group needs no hub to itself");
    }
    if (!groups.get(group).contains(dc)) {
      throw new IllegalArgumentException("hub " + group + " -> " + to + ": data centre '" + dc + "' is not in group "
          + group + " " + groups.get(group));
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
    Map<String, List<String>> g = t.groups();
    hubs.forEach((from, m) -> m.forEach((to, dc) -> {
      if (g.containsKey(from) && g.containsKey(to) && dcNames.contains(dc)) {
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
    return new WanTopology(name + "x" + Fmt.num(factor), dataCenters, m, copy(latencyMs),
        lanMbps * factor, lanLatencyMs, hubs);
  }

  private static double[][] copy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }

  // ---------------------------------------------------------------- text form

  /** Reads a topology file (format in the class comment). */
  public static WanTopology parse(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    String base = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
    return parse(file.toString(), base, text);
  }

  /**
   * Parses topology text; {@code source} names it in error messages and {@code defaultName} is
   * used when it has no {@code name} line.
   *
   * @throws IllegalArgumentException naming the source and line of the first problem
   */
  public static WanTopology parse(String source, String defaultName, String text) {
    Builder b = null;
    String topoName = defaultName;
    double[] lan = {DEFAULT_LAN_MBPS, DEFAULT_LAN_LATENCY_MS};
    double[] dflt = null;
    List<DataCenter> dcs = new ArrayList<>();
    List<Object[]> links = new ArrayList<>();
    List<String[]> hubLines = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int ln = 0; ln < lines.length; ln++) {
      String where = source + ":" + (ln + 1);
      String line = lines[ln];
      int hash = line.indexOf('#');
      if (hash >= 0) {
        line = line.substring(0, hash);
      }
      line = line.strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split("\\s+");
      try {
        switch (f[0].toLowerCase(Locale.ROOT)) {
          case "name" -> {
            arity(f, 2, 2, "name NAME");
            topoName = f[1];
          }
          case "lan" -> {
            arity(f, 3, 3, "lan MBPS MS");
            lan = new double[] {number(f[1], "bandwidth"), number(f[2], "latency")};
          }
          case "dc" -> {
            arity(f, 3, 4, "dc NAME REGION [GROUP]");
            dcs.add(new DataCenter(f[1], f[2], f.length > 3 ? f[3] : f[1]));
          }
          case "link" -> {
            arity(f, 5, 5, "link A B MBPS MS");
            links.add(new Object[] {f[1], f[2], number(f[3], "bandwidth"), number(f[4], "latency"), where});
          }
          case "default-link" -> {
            arity(f, 3, 3, "default-link MBPS MS");
            dflt = new double[] {number(f[1], "bandwidth"), number(f[2], "latency")};
          }
          case "hub" -> {
            arity(f, 4, 4, "hub GROUP TO-GROUP DC");
            hubLines.add(new String[] {f[1], f[2], f[3], where});
          }
          default -> throw new IllegalArgumentException("unknown keyword '" + f[0]
              + "' (expected name, lan, dc, link, default-link or hub)");
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
    }
    if (dcs.isEmpty()) {
      throw new IllegalArgumentException(source + ": no data centres (add lines 'dc NAME REGION [GROUP]')");
    }
    b = builder(topoName).lan(lan[0], lan[1]);
    for (DataCenter dc : dcs) {
      try {
        b.dataCenter(dc);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
      }
    }
    if (dflt != null) {
      b.defaultLink(dflt[0], dflt[1]);
    }
    for (Object[] l : links) {
      try {
        b.link((String) l[0], (String) l[1], (Double) l[2], (Double) l[3]);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(l[4] + ": " + e.getMessage(), e);
      }
    }
    WanTopology built;
    try {
      built = b.build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
    if (hubLines.isEmpty()) {
      return built;
    }
    Map<String, List<String>> g = built.groups();
    Map<String, Map<String, String>> declared = new LinkedHashMap<>();
    for (String[] h : hubLines) {
      try {
        checkHub(g, h[0], h[1], h[2]);
        if (declared.computeIfAbsent(h[0], k -> new LinkedHashMap<>()).put(h[1], h[2]) != null) {
          throw new IllegalArgumentException("hub " + h[0] + " -> " + h[1] + " is given twice");
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(h[3] + ": " + e.getMessage(), e);
      }
    }
    return built.withHubs(declared);
  }

  private static void arity(String[] f, int min, int max, String usage) {
    if (f.length < min || f.length > max) {
      throw new IllegalArgumentException("expected '" + usage + "', found " + (f.length - 1) + " field(s) after "
          + f[0]);
    }
  }

  private static double number(String s, String what) {
    try {
      double v = Double.parseDouble(s);
      if (!Double.isFinite(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " '" + s + "' is not a number");
    }
  }

  /** This topology in the file format; {@code parse} of it gives an equal topology. */
  public String format() {
    StringBuilder sb = new StringBuilder();
    sb.append("# Tributary WAN topology: bandwidth in Mbps, one-way latency in ms\n");
    sb.append("name ").append(name).append('\n');
    sb.append("lan ").append(Fmt.num(lanMbps)).append(' ').append(Fmt.num(lanLatencyMs))
        .append('\n');
    for (DataCenter dc : dataCenters) {
      sb.append("dc ").append(dc.name()).append(' ').append(dc.region()).append(' ').append(dc.group()).append('\n');
    }
    for (int i = 0; i < size(); i++) {
      for (int j = i + 1; j < size(); j++) {
        sb.append("link ").append(dataCenters.get(i).name()).append(' ').append(dataCenters.get(j).name()).append(' ')
            .append(Fmt.num(mbps[i][j])).append(' ').append(Fmt.num(latencyMs[i][j]))
            .append('\n');
      }
    }
    hubs.forEach((from, m) -> m.forEach((to, dc) ->
        sb.append("hub ").append(from).append(' ').append(to).append(' ').append(dc).append('\n')));
    return sb.toString();
  }

  /** A printable summary: the bandwidth matrix (Mbps), latencies (ms) and the WAN/LAN ratios. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    int n = size();
    sb.append(String.format(Locale.ROOT, "topology %s: %d data centre%s, LAN %s Mbps / %s ms%n", name, n,
        n == 1 ? "" : "s", Fmt.num(lanMbps), Fmt.num(lanLatencyMs)));
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

  /** Number formatting shared with {@link CostModel}. */
  static final class Fmt {
    private Fmt() {}

    static String num(double v) {
      return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
  }
}
