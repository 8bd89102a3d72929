package io.tributary.common.wan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The text form of a {@link WanTopology}: what {@code --topology FILE} reads and what a run
 * records.
 *
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
 * {@code hub} line get one chosen by the overlay ({@code io.tributary.common.asp.HubOverlay}).
 * {@link #format} writes this format; parsing it gives an equal topology.
 */
public final class WanTopologyFormat {
  private WanTopologyFormat() {}

  /** Reads a topology file; its name defaults to the file name without extension. */
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
    String topoName = defaultName;
    double[] lan = {WanTopology.DEFAULT_LAN_MBPS, WanTopology.DEFAULT_LAN_LATENCY_MS};
    double[] dflt = null;
    List<DataCenter> dcs = new ArrayList<>();
    List<LinkLine> links = new ArrayList<>();
    List<HubLine> hubLines = new ArrayList<>();
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
            links.add(new LinkLine(f[1], f[2], number(f[3], "bandwidth"), number(f[4], "latency"), where));
          }
          case "default-link" -> {
            arity(f, 3, 3, "default-link MBPS MS");
            dflt = new double[] {number(f[1], "bandwidth"), number(f[2], "latency")};
          }
          case "hub" -> {
            arity(f, 4, 4, "hub GROUP TO-GROUP DC");
            hubLines.add(new HubLine(f[1], f[2], f[3], where));
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
    WanTopology.Builder b = WanTopology.builder(topoName).lan(lan[0], lan[1]);
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
    for (LinkLine l : links) {
      try {
        b.link(l.a(), l.b(), l.mbps(), l.latencyMs());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(l.where() + ": " + e.getMessage(), e);
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
    Map<String, Map<String, String>> declared = new LinkedHashMap<>();
    for (HubLine h : hubLines) {
      try {
        built.checkHub(h.group(), h.to(), h.dc());
        if (declared.computeIfAbsent(h.group(), k -> new LinkedHashMap<>()).put(h.to(), h.dc()) != null) {
          throw new IllegalArgumentException("hub " + h.group() + " -> " + h.to() + " is given twice");
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(h.where() + ": " + e.getMessage(), e);
      }
    }
    return built.withHubs(declared);
  }

  /** A {@code link} line, kept until every data centre is declared. */
  private record LinkLine(String a, String b, double mbps, double latencyMs, String where) {}

  /** A {@code hub} line, kept until the topology is built. */
  private record HubLine(String group, String to, String dc, String where) {}

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

  /** {@code t} in the file format; {@link #parse} of it gives an equal topology. */
  public static String format(WanTopology t) {
    StringBuilder sb = new StringBuilder();
    sb.append("# Tributary WAN topology: bandwidth in Mbps, one-way latency in ms\n");
    sb.append("name ").append(t.name()).append('\n');
    sb.append("lan ").append(num(t.lanMbps())).append(' ').append(num(t.lanLatencyMs())).append('\n');
    List<DataCenter> dataCenters = t.dataCenters();
    for (DataCenter dc : dataCenters) {
      sb.append("dc ").append(dc.name()).append(' ').append(dc.region()).append(' ').append(dc.group()).append('\n');
    }
    for (int i = 0; i < t.size(); i++) {
      for (int j = i + 1; j < t.size(); j++) {
        sb.append("link ").append(dataCenters.get(i).name()).append(' ').append(dataCenters.get(j).name()).append(' ')
            .append(num(t.bandwidthMbps(i, j))).append(' ').append(num(t.latencyMs(i, j))).append('\n');
      }
    }
    t.hubs().forEach((from, m) -> m.forEach((to, dc) ->
        sb.append("hub ").append(from).append(' ').append(to).append(' ').append(dc).append('\n')));
    return sb.toString();
  }

  /** A number as the file writes it: whole numbers without a fraction, others as {@link Double#toString}. */
  static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
