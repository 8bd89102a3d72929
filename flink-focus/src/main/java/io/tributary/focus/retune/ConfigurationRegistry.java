package io.tributary.focus.retune;

import io.tributary.connectors.index.IndexLayout;
import io.tributary.connectors.index.IndexReader;
import io.tributary.focus.model.ModelSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;

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
    var text = index.rootFile(IndexLayout.CONFIGURATIONS);
    if (text.isPresent()) {
      return parse(text.get(), "index " + index.root() + ": " + IndexLayout.CONFIGURATIONS);
    }
    var meta = index.metadata();
    ConfigurationRegistry r = empty();
    if (meta.isPresent()) {
      Properties p = load(meta.get(), "index " + index.root() + ": " + IndexLayout.METADATA);
      try {
        r.byId.put(0, new IndexConfiguration(0, null, split(p.getProperty("cheap_classes", "")),
            split(p.getProperty("non_objects", "")), Integer.parseInt(p.getProperty("top_k", "0")),
            Double.parseDouble(p.getProperty("distance_threshold", "NaN")),
            Integer.parseInt(p.getProperty("max_active_clusters", "0")), "index metadata", 0L));
      } catch (NumberFormatException e) {
        throw new IOException("index " + index.root() + ": " + IndexLayout.METADATA + " has a malformed number: "
            + e.getMessage(), e);
      }
    }
    return r;
  }

  /** Reads the registry of the index at {@code root} (empty when the index or its registry does not exist yet). */
  public static ConfigurationRegistry read(String root, Configuration conf) throws IOException {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(root);
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
  public synchronized IndexConfiguration register(String root, Configuration conf, ModelSpec model, int topK,
      double distanceThreshold, int maxActiveClusters, String origin) throws IOException {
    int id = byId.isEmpty() ? 0 : byId.lastKey() + 1;
    IndexConfiguration c = new IndexConfiguration(id, model, model.classes(), model.nonObjects(), topK, distanceThreshold,
        maxActiveClusters, origin, System.currentTimeMillis());
    if (!byId.isEmpty() && latest().sameIngestAs(c)) {
      return latest();
    }
    TreeMap<Integer, IndexConfiguration> next = new TreeMap<>(byId);
    next.put(id, c);
    IndexReader.writeRootFile(root, IndexLayout.CONFIGURATIONS, format(next), conf);
    byId.put(id, c);
    return c;
  }

  static String format(TreeMap<Integer, IndexConfiguration> entries) throws IOException {
    Properties p = new Properties();
    p.setProperty("format", "1");
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
        // What the ingest operators open; the readable fields above are what queries and people use.
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(b)) {
          o.writeObject(c.model());
        }
        p.setProperty(k + "model_spec", Base64.getEncoder().encodeToString(b.toByteArray()));
      }
    }
    StringWriter w = new StringWriter();
    p.store(w, "Focus index ingest configurations (tributary); clusters name theirs in column config_id");
    return w.toString();
  }

  static ConfigurationRegistry parse(String text, String where) throws IOException {
    Properties p = load(text, where);
    TreeMap<Integer, IndexConfiguration> m = new TreeMap<>();
    try {
      for (String s : split(req(p, "ids", where))) {
        int id = Integer.parseInt(s);
        String k = "config." + id + ".";
        ModelSpec spec = null;
        String enc = p.getProperty(k + "model_spec", "");
        if (!enc.isBlank()) {
          try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(enc)))) {
            spec = (ModelSpec) in.readObject();
          } catch (ClassNotFoundException | ClassCastException | IllegalArgumentException | IOException e) {
            throw new IOException(where + ": configuration " + id + " has an unreadable model_spec: " + e, e);
          }
        }
        m.put(id, new IndexConfiguration(id, spec, split(req(p, k + "classes", where)), split(p.getProperty(k + "non_objects", "")),
            Integer.parseInt(req(p, k + "top_k", where)), Double.parseDouble(req(p, k + "distance_threshold", where)),
            Integer.parseInt(req(p, k + "max_active_clusters", where)), p.getProperty(k + "origin", ""),
            Long.parseLong(p.getProperty(k + "registered_ms", "0"))));
      }
    } catch (NumberFormatException e) {
      throw new IOException(where + ": malformed number: " + e.getMessage(), e);
    }
    if (m.isEmpty()) {
      throw new IOException(where + " lists no configurations");
    }
    return new ConfigurationRegistry(m);
  }

  private static Properties load(String text, String where) throws IOException {
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IllegalArgumentException e) {
      throw new IOException(where + " is malformed: " + e.getMessage(), e);
    }
    return p;
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
