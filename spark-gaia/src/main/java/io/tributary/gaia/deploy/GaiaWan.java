package io.tributary.gaia.deploy;

import io.tributary.common.link.LinkShape;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The WAN a Gaia deployment runs on, as the runtime needs it: the data centres in order, the
 * region each stands for (for prices), and the shape of the link between any two. Built from the
 * project's {@code io.tributary.common.wan.WanTopology} by {@link WanTopologyAdapter}, or uniform
 * ({@link #uniform}) when only one bandwidth and latency are given.
 */
public final class GaiaWan implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final List<String> dataCentres;
  private final Map<String, String> regions;
  private final Map<String, LinkShape> shapes;

  /**
   * @param shapes link shape per unordered pair, keyed by {@link #pairKey}
   */
  public GaiaWan(String name, List<String> dataCentres, Map<String, String> regions, Map<String, LinkShape> shapes) {
    this.name = name;
    this.dataCentres = List.copyOf(dataCentres);
    this.regions = Map.copyOf(regions);
    this.shapes = Map.copyOf(shapes);
    for (int i = 0; i < dataCentres.size(); i++) {
      for (int j = i + 1; j < dataCentres.size(); j++) {
        if (!shapes.containsKey(pairKey(dataCentres.get(i), dataCentres.get(j)))) {
          throw new IllegalArgumentException("WAN " + name + " has no link between " + dataCentres.get(i) + " and "
              + dataCentres.get(j));
        }
      }
    }
  }

  /** {@code n} data centres {@code dc0..dc<n-1>} joined pairwise by identical links. */
  public static GaiaWan uniform(int n, double mbps, double latencyMs, String region) {
    List<String> dcs = new ArrayList<>();
    Map<String, String> regions = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      dcs.add("dc" + i);
      regions.put("dc" + i, region);
    }
    Map<String, LinkShape> shapes = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        shapes.put(pairKey(dcs.get(i), dcs.get(j)), LinkShape.ofMbps(mbps, latencyMs));
      }
    }
    return new GaiaWan(String.format(Locale.ROOT, "uniform-%gMbps-%gms", mbps, latencyMs), dcs, regions, shapes);
  }

  /**
   * A WAN by name: a built-in topology of {@code WanTopology} ({@code vc}, {@code ss},
   * {@code ec2-11}; the thesis's {@code v/c}, {@code s/s} spellings work too), or
   * {@code uniform:MBPS:MS} for identical links between {@code n} data centres.
   */
  public static GaiaWan resolve(String spec, int n) {
    String s = spec.strip().toLowerCase(Locale.ROOT);
    if (s.startsWith("uniform:")) {
      String[] f = s.split(":");
      if (f.length != 3) {
        throw new IllegalArgumentException("--wan uniform needs 'uniform:MBPS:MS', got '" + spec + "'");
      }
      try {
        return uniform(n, Double.parseDouble(f[1]), Double.parseDouble(f[2]), "virginia");
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--wan '" + spec + "': bandwidth and latency must be numbers", e);
      }
    }
    String name = switch (s) {
      case "v/c" -> "vc";
      case "s/s" -> "ss";
      default -> s;
    };
    return WanTopologyAdapter.named(name).first(n);
  }

  /** Key of an unordered pair. */
  public static String pairKey(String a, String b) {
    return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
  }

  public String name() {
    return name;
  }

  public List<String> dataCentres() {
    return dataCentres;
  }

  public int size() {
    return dataCentres.size();
  }

  /** The region a data centre stands for (prices). */
  public String region(String dc) {
    String r = regions.get(dc);
    if (r == null) {
      throw new IllegalArgumentException("WAN " + name + " has no data centre " + dc + "; it has " + dataCentres);
    }
    return r;
  }

  /** The link between two data centres. */
  public LinkShape shape(String a, String b) {
    LinkShape s = shapes.get(pairKey(a, b));
    if (s == null) {
      throw new IllegalArgumentException("WAN " + name + " has no link between " + a + " and " + b);
    }
    return s;
  }

  /** The first {@code n} data centres of this WAN. */
  public GaiaWan first(int n) {
    if (n < 1 || n > dataCentres.size()) {
      throw new IllegalArgumentException("WAN " + name + " has " + dataCentres.size() + " data centres, asked for " + n);
    }
    if (n == dataCentres.size()) {
      return this;
    }
    List<String> dcs = dataCentres.subList(0, n);
    Map<String, String> r = new LinkedHashMap<>();
    Map<String, LinkShape> s = new LinkedHashMap<>();
    for (String a : dcs) {
      r.put(a, regions.get(a));
      for (String b : dcs) {
        if (a.compareTo(b) < 0) {
          s.put(pairKey(a, b), shapes.get(pairKey(a, b)));
        }
      }
    }
    return new GaiaWan(name + "-first" + n, dcs, r, s);
  }

  /**
   * Every bandwidth multiplied by {@code factor}, latencies kept: how the emulation is scaled to a
   * problem smaller (or a machine slower) than the paper's, keeping bandwidth ratios.
   */
  public GaiaWan scaled(double factor) {
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("bandwidth scale must be positive, got " + factor);
    }
    if (factor == 1.0) {
      return this;
    }
    Map<String, LinkShape> s = new LinkedHashMap<>();
    shapes.forEach((k, v) -> s.put(k, new LinkShape(v.bitsPerSecond() * factor, v.latencyMillis())));
    return new GaiaWan(name + "-x" + factor, dataCentres, regions, s);
  }

  /** A one-line description per link, for run records. */
  public List<String> describe() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < dataCentres.size(); i++) {
      for (int j = i + 1; j < dataCentres.size(); j++) {
        LinkShape s = shape(dataCentres.get(i), dataCentres.get(j));
        out.add(String.format(Locale.ROOT, "%s<->%s %.1f Mbps %.1f ms", dataCentres.get(i), dataCentres.get(j),
            s.bitsPerSecond() / 1e6, s.latencyMillis()));
      }
    }
    return out;
  }
}
