package io.tributary.focus.query;

import io.tributary.connectors.index.ClassRow;
import io.tributary.connectors.index.ClusterRow;
import io.tributary.connectors.index.IndexLayout;
import io.tributary.connectors.index.IndexReader;
import io.tributary.connectors.index.ObjectRow;
import io.tributary.connectors.video.BgrImage;
import io.tributary.connectors.video.Box;
import io.tributary.focus.ingest.IngestMetrics;
import io.tributary.focus.model.CropView;
import io.tributary.focus.model.GroundTruthModel;
import io.tributary.focus.retune.ConfigurationRegistry;
import io.tributary.focus.retune.IndexConfiguration;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.io.api.Binary;

/**
 * The Focus query processor (thesis §4.4.3): for class X, look the class up in the inverted index of
 * the needed camera/hour partitions (QP1), run the GT-CNN on the centroid crops of the matching
 * clusters unless their ingest confidence is above Skip_th (QP2), and return the frames of every
 * object in a cluster verified as X. When the ingest CNN does not know X, the clusters indexed as
 * "OTHER" are candidates, or every cluster when the ingest CNN has no OTHER class.
 *
 * <p>An index ingested with re-tuning holds parts made by different ingest configurations
 * ({@link ConfigurationRegistry}); each cluster names its own. X is mapped through each
 * configuration's class list separately ({@link IndexConfiguration#lookupFor}): X itself where that
 * cheap CNN knows it, OTHER where it is a specialised CNN that does not, every cluster of that
 * configuration where neither. So a class outside one model's top L_s is never "not indexed" in its
 * part: those clusters are verified by the GT-CNN as the paper's OTHER rule has it, and the answer
 * is the union of the per-part answers.
 */
public final class FocusQueryProcessor {
  private final IndexReader index;
  private final IndexMetadata meta;
  private final ConfigurationRegistry configurations;
  private final GroundTruthModel gt;
  private final int gtBatch;
  private final List<ClusterRow> lastVerified = new ArrayList<>();

  public FocusQueryProcessor(IndexReader index, GroundTruthModel gt) throws IOException {
    this.index = index;
    this.meta = IndexMetadata.of(index);
    if (!meta.kind().equals("focus")) {
      throw new IOException("index " + index.root() + " is a '" + meta.kind() + "' index, not a Focus index");
    }
    this.configurations = ConfigurationRegistry.of(index);
    if (configurations.isEmpty()) {
      throw new IOException("index " + index.root() + " lists no ingest configuration");
    }
    this.gt = gt;
    this.gtBatch = 16;
  }

  public IndexMetadata metadata() {
    return meta;
  }

  /** The index's ingest configurations (one for an index ingested without re-tuning). */
  public ConfigurationRegistry configurations() {
    return configurations;
  }

  /** The clusters the last query verified (for contact sheets). */
  public List<ClusterRow> lastVerifiedClusters() {
    return List.copyOf(lastVerified);
  }

  public QueryResult run(QueryRequest q) throws IOException {
    long t0 = System.nanoTime();
    long cpu0 = IngestMetrics.threadCpu();
    String x = q.className();
    if (!gt.classes().contains(x)) {
      throw new IllegalArgumentException("class '" + x + "' is unknown to GT model " + gt.name() + "; it knows "
          + preview(gt.classes()));
    }
    // QP1: which inverted-index entries to read, per ingest configuration (its own class list).
    Map<Integer, String> lookups = new HashMap<>();
    boolean readAll = false;
    for (IndexConfiguration c : configurations.all()) {
      String l = c.lookupFor(x);
      lookups.put(c.id(), l);
      readAll |= l == null;
    }
    Set<Binary> names = new HashSet<>();
    lookups.values().stream().filter(Objects::nonNull).forEach(l -> names.add(Binary.fromString(l)));
    var filter = readAll ? null : FilterApi.in(FilterApi.binaryColumn("class"), names);
    List<IndexReader.Partition> parts = partitions(q, IndexLayout.CLASSES);
    Map<String, Map<Long, Float>> candidates = new TreeMap<>(); // camera/hour -> cluster -> confidence
    Map<String, IndexReader.Partition> byKey = new HashMap<>();
    for (IndexReader.Partition p : parts) {
      String key = p.camera() + "/" + p.hour();
      byKey.put(key, p);
      List<ClassRow> rows = index.read(p, filter, ClassRow::fromAvro);
      Map<Long, Float> m = candidates.computeIfAbsent(key, k -> new HashMap<>());
      for (ClassRow r : rows) {
        if (!lookups.containsKey(r.configId)) {
          throw new IOException("index " + index.root() + ": partition " + key + " has entries of configuration "
              + r.configId + ", which its registry does not list (" + lookups.keySet() + ")");
        }
        String lookup = lookups.get(r.configId);
        if (lookup == null) {
          m.merge(r.clusterId, 0f, Math::max); // this configuration cannot have indexed X: a candidate
        } else if (lookup.equals(r.className)) {
          m.merge(r.clusterId, r.confidence, Math::max);
        }
      }
    }
    // QP2: verify candidates (centroid crops through the GT-CNN, unless confident enough).
    int nCandidates = 0;
    int skipped = 0;
    int gtCalls = 0;
    long gtNs = 0;
    lastVerified.clear();
    Map<String, Set<Long>> verified = new HashMap<>();
    for (Map.Entry<String, Map<Long, Float>> e : candidates.entrySet()) {
      if (e.getValue().isEmpty()) {
        continue;
      }
      IndexReader.Partition cp = index.sibling(byKey.get(e.getKey()), IndexLayout.CLUSTERS);
      List<ClusterRow> clusters = index.read(cp, FilterApi.in(FilterApi.longColumn("cluster_id"),
          new HashSet<>(e.getValue().keySet())), ClusterRow::fromAvro);
      List<ClusterRow> toCheck = new ArrayList<>();
      for (ClusterRow c : clusters) {
        if (!e.getValue().containsKey(c.clusterId) || c.lastTs < q.fromMs() || c.firstTs >= q.toMs()) {
          continue;
        }
        nCandidates++;
        if (e.getValue().get(c.clusterId) >= q.skipThreshold()) {
          skipped++;
          accept(verified, e.getKey(), c);
        } else {
          toCheck.add(c);
        }
      }
      for (int i = 0; i < toCheck.size(); i += gtBatch) {
        List<ClusterRow> part = toCheck.subList(i, Math.min(toCheck.size(), i + gtBatch));
        List<CropView> crops = new ArrayList<>(part.size());
        for (ClusterRow c : part) {
          crops.add(new CropView(BgrImage.fromEncoded(c.centroidCrop, "centroid crop of cluster " + c.camera + "/"
              + c.clusterId), new Box(c.cropObjectX, c.cropObjectY, c.cropObjectW, c.cropObjectH)));
        }
        long g0 = IngestMetrics.threadCpu();
        List<Set<String>> labels = gt.classifyViews(crops);
        gtNs += IngestMetrics.threadCpu() - g0;
        gtCalls += crops.size();
        for (int k = 0; k < part.size(); k++) {
          if (labels.get(k).contains(x)) {
            accept(verified, e.getKey(), part.get(k));
          }
        }
      }
    }
    // QP3: the frames of the verified clusters' objects.
    Map<String, FrameHitBuilder> frames = new TreeMap<>();
    for (Map.Entry<String, Set<Long>> e : verified.entrySet()) {
      IndexReader.Partition op = index.sibling(byKey.get(e.getKey()), IndexLayout.OBJECTS);
      for (ObjectRow o : index.read(op, FilterApi.in(FilterApi.longColumn("cluster_id"), e.getValue()), ObjectRow::fromAvro)) {
        if (!e.getValue().contains(o.clusterId) || !q.inRange(o.ts)) {
          continue;
        }
        String k = o.camera + "#" + String.format("%012d", o.frameSeq);
        frames.computeIfAbsent(k, kk -> new FrameHitBuilder(o.camera, o.frameSeq, o.ts)).boxes.add(new Box(o.x, o.y, o.w, o.h));
      }
    }
    List<FrameHit> hits = frames.values().stream().map(FrameHitBuilder::build).toList();
    return new QueryResult("focus", q, hits, new QueryResult.Work(parts.size(), nCandidates, gtCalls, skipped,
        verified.values().stream().mapToInt(Set::size).sum()), new QueryResult.Timing((System.nanoTime() - t0) / 1e9,
        (IngestMetrics.threadCpu() - cpu0) / 1e9, gtNs / 1e9));
  }

  private void accept(Map<String, Set<Long>> verified, String key, ClusterRow c) {
    verified.computeIfAbsent(key, k -> new HashSet<>()).add(c.clusterId);
    lastVerified.add(c);
  }

  /** Partitions of {@code table} for the request's cameras and hours; unknown cameras are an error. */
  List<IndexReader.Partition> partitions(QueryRequest q, String table) throws IOException {
    List<IndexReader.Partition> all = index.partitions(table);
    Set<String> known = new TreeSet<>();
    all.forEach(p -> known.add(p.camera()));
    for (String c : q.cameras()) {
      if (!known.contains(c)) {
        throw new FileNotFoundException("index " + index.root() + " has no partition for camera '" + c
            + "' (cameras: " + String.join(", ", known) + ")");
      }
    }
    return all.stream().filter(p -> q.wantsCamera(p.camera()) && q.overlapsHour(p.hourStartMs())).toList();
  }

  static String preview(List<String> names) {
    return names.size() <= 12 ? names.toString()
        : names.subList(0, 12) + " and " + (names.size() - 12) + " more";
  }

  private static final class FrameHitBuilder {
    final String camera;
    final long seq;
    final long ts;
    final List<Box> boxes = new ArrayList<>();

    FrameHitBuilder(String camera, long seq, long ts) {
      this.camera = camera;
      this.seq = seq;
      this.ts = ts;
    }

    FrameHit build() {
      return new FrameHit(camera, seq, ts, List.copyOf(boxes));
    }
  }
}
