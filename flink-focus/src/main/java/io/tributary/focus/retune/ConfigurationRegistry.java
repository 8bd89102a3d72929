package io.tributary.focus.retune;

import io.tributary.connectors.index.IndexLayout;
import io.tributary.connectors.index.IndexReader;
import io.tributary.focus.model.FocusModel;
import io.tributary.focus.model.FocusModelJson;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The registry of an index's ingest configurations ({@link IndexLayout#CONFIGURATIONS} in the index
 * directory): id to cheap CNN, classes, K, T, C. Ids count up from 0 and entries are never changed
 * or removed, so every cluster ever committed keeps a valid id. The file is rewritten whole and
 * renamed into place ({@link IndexReader#writeRootFile}), so readers (queries, the ingest operators)
 * see the old or the new registry, never a part, and a failed write leaves the old one intact.
 * Only the ingest job's driver writes it (one writer; no id races).
 *
 * <p>An index written before re-tuning existed has no registry: it reads as one configuration, 0,
 * with the class list, K and T of the index metadata.
 *
 * <p>The file is plain text (Java properties); each configuration's model is a JSON object
 * ({@link FocusModelJson}, key {@code config.<id>.model_json}). Registries of format 1 also carry
 * a Java-serialised model ({@code model_spec}): it is never deserialised (a file on a shared file
 * system must not choose which classes a reader builds); such entries are read from their text
 * fields, with no model to open, and an ingest job registers its model anew.
 */
public final class ConfigurationRegistry {
  private final TreeMap<Integer, IndexConfiguration> byId;

  private ConfigurationRegistry(TreeMap<Integer, IndexConfiguration> byId) {
    this.byId = byId;
  }

  /** An empty registry (a new index). */
  public static ConfigurationRegistry empty() {
    return new ConfigurationRegistry(new TreeMap<>());
  }

  /** The registry of {@code index}; configuration 0 from the metadata when the index predates registries. */
  public static ConfigurationRegistry of(IndexReader index) throws IOException {
    var registry = index.rootProperties(IndexLayout.CONFIGURATIONS);
    if (registry.isPresent()) {
      return parse(registry.get(), "index " + index.root() + ": " + IndexLayout.CONFIGURATIONS);
    }
    var meta = index.rootProperties(IndexLayout.METADATA);
    ConfigurationRegistry r = empty();
    if (meta.isPresent()) {
      Properties p = meta.get();
      try {
        r.byId.put(0, new IndexConfiguration(0, null, split(p.getProperty("cheap_classes", "")),
            split(p.getProperty("non_objects", "")), new IndexConfiguration.Parameters(
            Integer.parseInt(p.getProperty("top_k", "0")), Double.parseDouble(p.getProperty("distance_threshold", "NaN")),
            Integer.parseInt(p.getProperty("max_active_clusters", "0"))), "index metadata", 0L));
      } catch (IllegalArgumentException e) {
        // NumberFormatException among them: a malformed number.
        throw new IOException("index " + index.root() + ": " + IndexLayout.METADATA + " is invalid: "
            + e.getMessage(), e);
      }
    }
    return r;
  }

  /** Reads the registry of the index at {@code root} (empty when the index or its registry does not exist yet). */
  public static ConfigurationRegistry read(String root, Configuration conf) throws IOException {
    Path p = new Path(root);
    if (!p.getFileSystem(conf).exists(p)) {
      return empty();
    }
    return of(IndexReader.open(root, conf));
  }

  public boolean isEmpty() {
    return byId.isEmpty();
  }

  public List<IndexConfiguration> all() {
    return Collections.unmodifiableList(new ArrayList<>(byId.values()));
  }

  /** The configuration with the highest id (the newest). */
  public IndexConfiguration latest() {
    if (byId.isEmpty()) {
      throw new IllegalStateException("the configuration registry is empty");
    }
    return byId.lastEntry().getValue();
  }

  /** Configuration {@code id}; fails naming it when the registry does not list it. */
  public IndexConfiguration get(int id) {
    IndexConfiguration c = byId.get(id);
    if (c == null) {
      throw new IllegalArgumentException("configuration " + id + " is not in the registry (it lists " + byId.keySet() + ")");
    }
    return c;
  }

  public boolean contains(int id) {
    return byId.containsKey(id);
  }

  /**
   * Adds an ingest configuration and writes the registry to the index at {@code root} atomically;
   * returns it with its id. When it ingests exactly like the newest entry, that entry is returned and
   * nothing is written.
   */
  public synchronized IndexConfiguration register(String root, Configuration conf, FocusModel model, int topK,
      double distanceThreshold, int maxActiveClusters, String origin) throws IOException {
    int id = byId.isEmpty() ? 0 : byId.lastKey() + 1;
    IndexConfiguration c = new IndexConfiguration(id, model, model.classes(), model.nonObjects(),
        new IndexConfiguration.Parameters(topK, distanceThreshold, maxActiveClusters), origin, System.currentTimeMillis());
    if (!byId.isEmpty() && latest().sameIngestAs(c)) {
      return latest();
    }
    TreeMap<Integer, IndexConfiguration> next = new TreeMap<>(byId);
    next.put(id, c);
    IndexReader.writeRootFile(root, IndexLayout.CONFIGURATIONS, format(next), conf);
    byId.put(id, c);
    return c;
  }

  /** The format {@link #format} writes: 2, the model as JSON text. */
  static final int FORMAT = 2;

  static String format(TreeMap<Integer, IndexConfiguration> entries) throws IOException {
    Properties p = new Properties();
    p.setProperty("format", String.valueOf(FORMAT));
    p.setProperty("ids", String.join(",", entries.keySet().stream().map(String::valueOf).toList()));
    for (IndexConfiguration c : entries.values()) {
      String k = "config." + c.id() + ".";
      p.setProperty(k + "model", c.model() == null ? "" : c.model().describe());
      p.setProperty(k + "classes", String.join(",", c.classes()));
      p.setProperty(k + "non_objects", String.join(",", c.nonObjects()));
      p.setProperty(k + "top_k", String.valueOf(c.topK()));
      p.setProperty(k + "distance_threshold", String.valueOf(c.distanceThreshold()));
      p.setProperty(k + "max_active_clusters", String.valueOf(c.maxActiveClusters()));
      p.setProperty(k + "origin", c.origin());
      p.setProperty(k + "registered_ms", String.valueOf(c.registeredMs()));
      if (c.model() != null) {
        // What the ingest operators open; "model" above is the short name people read.
        p.setProperty(k + "model_json", FocusModelJson.write(c.model()));
      }
    }
    StringWriter w = new StringWriter();
    p.store(w, "Focus index ingest configurations (tributary); clusters name theirs in column config_id");
    return w.toString();
  }

  /**
   * Parses a registry's text; every error is an {@link IOException} starting with {@code where}
   * (the index and file).
   */
  static ConfigurationRegistry parse(String text, String where) throws IOException {
    return parse(IndexReader.parseProperties(text, where), where);
  }

  private static ConfigurationRegistry parse(Properties p, String where) throws IOException {
    String format = p.getProperty("format", "1").strip();
    if (!format.equals("1") && !format.equals(String.valueOf(FORMAT))) {
      throw new IOException(where + " has format " + format + "; this version reads formats 1 and " + FORMAT);
    }
    TreeMap<Integer, IndexConfiguration> m = new TreeMap<>();
    try {
      for (String s : split(req(p, "ids", where))) {
        int id = Integer.parseInt(s);
        String k = "config." + id + ".";
        String json = p.getProperty(k + "model_json", "");
        // Format 1's model_spec (a serialised object) is ignored on purpose: see the class comment.
        FocusModel spec = json.isBlank() ? null : FocusModelJson.read(json, where + ": configuration " + id);
        m.put(id, new IndexConfiguration(id, spec, split(req(p, k + "classes", where)), split(p.getProperty(k + "non_objects", "")),
            new IndexConfiguration.Parameters(Integer.parseInt(req(p, k + "top_k", where)),
                Double.parseDouble(req(p, k + "distance_threshold", where)),
                Integer.parseInt(req(p, k + "max_active_clusters", where))), p.getProperty(k + "origin", ""),
            Long.parseLong(p.getProperty(k + "registered_ms", "0"))));
      }
    } catch (NumberFormatException e) {
      throw new IOException(where + ": malformed number: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      // IndexConfiguration's own checks (a negative id).
      throw new IOException(where + ": " + e.getMessage(), e);
    }
    if (m.isEmpty()) {
      throw new IOException(where + " lists no configurations");
    }
    return new ConfigurationRegistry(m);
  }

  private static String req(Properties p, String key, String where) throws IOException {
    String v = p.getProperty(key);
    if (v == null || v.isBlank()) {
      throw new IOException(where + " lacks '" + key + "'");
    }
    return v;
  }

  private static List<String> split(String s) {
    return s.isBlank() ? List.of() : Arrays.stream(s.split(",")).map(String::strip).toList();
  }
}
