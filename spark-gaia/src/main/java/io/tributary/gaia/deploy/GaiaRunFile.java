package io.tributary.gaia.deploy;

import io.tributary.common.asp.AspConfig;
import io.tributary.common.asp.HubOverlay;
import io.tributary.common.io.AtomicFiles;
import io.tributary.common.link.LinkShape;
import io.tributary.gaia.deploy.GaiaRunConfig.DataCentre;
import io.tributary.gaia.deploy.GaiaRunConfig.GaiaSystem;
import io.tributary.gaia.runtime.StopRule;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The run file: a {@link GaiaRunConfig} as flat properties, the one file every data centre of a
 * run reads ({@code label}, {@code system}, {@code dcs}, {@code dc.<id>.*}, {@code link.<a>|<b>.*},
 * the {@code asp.} section ({@link AspSection}), {@code ps.staleness}, {@code ssp.staleness},
 * {@code app} and the application's section ({@link AppSettings#write}), {@code overlay.*},
 * {@code stop.*}, {@code tls.dir}, {@code spark.master}). Files written by earlier versions read
 * as they always did: keys added since ({@code ssp.staleness}, {@code overlay}) have defaults.
 */
final class GaiaRunFile {
  private GaiaRunFile() {}

  /** {@code run} as flat properties. */
  static Properties toProperties(GaiaRunConfig run) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("label", run.label());
    p.put("system", run.system().label());
    p.put("dcs", String.join(",", run.ids()));
    for (DataCentre d : run.dataCentres()) {
      p.put("dc." + d.id() + ".region", d.region());
      p.put("dc." + d.id() + ".workers", Integer.toString(d.workers()));
      p.put("dc." + d.id() + ".address", d.host() + ":" + d.port());
    }
    for (Map.Entry<String, LinkShape> e : new TreeMap<>(run.shapes()).entrySet()) {
      p.put("link." + e.getKey() + ".bps", num(e.getValue().bitsPerSecond()));
      p.put("link." + e.getKey() + ".latency_ms", num(e.getValue().latencyMillis()));
    }
    AspSection.write(run.asp(), p);
    p.put("ps.staleness", Integer.toString(run.psStaleness()));
    p.put("ssp.staleness", Integer.toString(run.sspStaleness()));
    p.put("app", run.app().name());
    run.app().write(p);
    if (run.overlay() != null) {
      p.put("overlay", "hubs");
      for (Map.Entry<String, List<String>> g : run.overlay().groups().entrySet()) {
        p.put("overlay.group." + g.getKey(), String.join(",", g.getValue()));
      }
      run.overlay().hubs().forEach((from, row) -> row.forEach((to, dc) -> p.put("overlay.hub." + from + "." + to, dc)));
    } else {
      p.put("overlay", "none");
    }
    p.put("stop.target", num(run.stop().target()));
    p.put("stop.convergence", Boolean.toString(run.stop().convergence()));
    p.put("stop.convergence_change", num(run.stop().convergenceChange()));
    p.put("stop.convergence_window", Integer.toString(run.stop().convergenceWindow()));
    p.put("stop.max_clocks", Long.toString(run.stop().maxClocks()));
    p.put("stop.max_seconds", num(run.stop().maxSeconds()));
    if (run.tlsDir() != null) {
      p.put("tls.dir", run.tlsDir());
    }
    if (run.sparkMaster() != null) {
      p.put("spark.master", run.sparkMaster());
    }
    Properties props = new Properties();
    props.putAll(p);
    return props;
  }

  /** A double as the file writes it (Java's shortest round-trip form). */
  static String num(double d) {
    return Double.toString(d);
  }

  /** Writes {@code run} as a properties file (sorted keys, for people), atomically. */
  static void write(GaiaRunConfig run, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Properties p = toProperties(run);
    StringBuilder sb = new StringBuilder("# Gaia run " + run.label() + "\n");
    for (String k : new TreeMap<>(p).keySet().stream().map(Object::toString).toList()) {
      sb.append(k).append('=').append(p.getProperty(k).replace("\\", "\\\\")).append('\n');
    }
    AtomicFiles.writeString(file, sb);
  }

  /** Reads a run from a properties file; every problem names the file and the key. */
  static GaiaRunConfig read(Path file) throws IOException {
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
  static GaiaRunConfig fromProperties(Properties p) {
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
        String k = GaiaRunConfig.pairKey(ids.get(i), ids.get(j));
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
    return GaiaRunConfig.builder(q.str("label"), GaiaSystem.parse(q.str("system"))).dataCentres(dcs).shapes(shapes)
        .asp(asp).psStaleness(q.integer("ps.staleness"))
        .sspStaleness(q.has("ssp.staleness") ? q.integer("ssp.staleness") : 0)
        .app(app).overlay(overlay).stop(stop).tls(p.getProperty("tls.dir"), p.getProperty("spark.master")).build();
  }
}
