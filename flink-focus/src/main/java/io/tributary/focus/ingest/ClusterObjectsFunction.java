package io.tributary.focus.ingest;

import io.tributary.common.focus.IncrementalClustering;
import io.tributary.common.focus.ObjectCluster;
import io.tributary.connectors.index.ClassRow;
import io.tributary.connectors.index.ClusterRow;
import io.tributary.connectors.index.IndexLayout;
import io.tributary.connectors.index.ObjectRow;
import io.tributary.focus.retune.ConfigurationRegistry;
import io.tributary.focus.retune.IndexConfiguration;
import io.tributary.focus.state.CodecSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.apache.hadoop.conf.Configuration;

/**
 * Stages 3 and 4 of Focus ingest (IP3, IP4), keyed by camera: incremental clustering of the
 * objects' feature vectors (thesis §4.3.3) in keyed state, and the index rows. Every object leaves
 * at once as an {@link ObjectRow} naming its cluster; a cluster leaves as a {@link ClusterRow} (with
 * its representative crop as PNG or JPEG and its top-K classes) plus one {@link ClassRow} per indexed class
 * when it is sealed: by the C-bound, at the end of its hour (so each cluster lies in one hour
 * partition), at the end of the stream, or when the batches' ingest configuration changes
 * (re-tuning: the old model's clusters are sealed under its id and a new clustering with the new K
 * and T starts). Cluster and class rows carry the configuration id.
 */
public final class ClusterObjectsFunction extends KeyedProcessFunction<String, ObjectBatch, ObjectRow> {
  private static final long serialVersionUID = 1L;

  /** Side output: sealed clusters. */
  public static final OutputTag<ClusterRow> CLUSTERS = new OutputTag<>("clusters") {};
  /** Side output: the inverted index (class to cluster). */
  public static final OutputTag<ClassRow> CLASSES = new OutputTag<>("classes") {};

  private final IndexConfiguration initial;
  private final String indexRoot;
  private transient Map<Integer, IndexConfiguration> configurations;
  private transient ValueState<ClusterState> state;
  private transient LongCounter clusterNs;
  private transient LongCounter clusters;

  private final IngestConfig config;

  /**
   * @param config crop storage settings (K, T and C come from each batch's configuration)
   * @param initial the configuration a fresh job starts with
   * @param indexRoot the index whose registry lists configurations the batches may name
   */
  public ClusterObjectsFunction(IngestConfig config, IndexConfiguration initial, String indexRoot) {
    this.config = config;
    this.initial = initial;
    this.indexRoot = indexRoot;
  }

  /** Configuration {@code id}: the initial one, or read from the index's registry once. */
  private IndexConfiguration configuration(int id) throws IOException {
    IndexConfiguration c = configurations.get(id);
    if (c == null) {
      c = ConfigurationRegistry.read(indexRoot, new Configuration()).get(id);
      configurations.put(id, c);
    }
    return c;
  }

  private static IncrementalClustering.Config clustering(IndexConfiguration c) {
    return new IncrementalClustering.Config(c.distanceThreshold(), c.maxActiveClusters(), c.topK());
  }

  @Override
  public void open(OpenContext ctx) {
    configurations = new HashMap<>();
    configurations.put(initial.id(), initial);
    state = getRuntimeContext().getState(
        new ValueStateDescriptor<>("clusters", new CodecSerializer<>(new ClusterState.Codec())));
    clusterNs = getRuntimeContext().getLongCounter(IngestMetrics.CLUSTER_NS);
    clusters = getRuntimeContext().getLongCounter(IngestMetrics.CLUSTERS);
  }

  @Override
  public void processElement(ObjectBatch batch, Context ctx, Collector<ObjectRow> out) throws Exception {
    // Rows are emitted after the timed region: downstream (chained) sink work is not clustering cost,
    // for Focus as for the baselines.
    long cpu0 = IngestMetrics.threadCpu();
    List<ObjectRow> objectRows = new ArrayList<>(batch.objects.length);
    List<ClusterRow> clusterRows = new ArrayList<>();
    List<ClassRow> classRows = new ArrayList<>();
    ClusterState s = state.value();
    IndexConfiguration cfg = configuration(batch.configId);
    if (s == null) {
      s = new ClusterState(clustering(cfg), cfg.id());
    }
    String camera = batch.cameraId;
    if (s.configId != cfg.id()) {
      // Another cheap CNN (re-tuning): its feature space and classes differ, so no object of it may
      // join a cluster of the old one. The old clusters are sealed under the old configuration and a
      // new clustering with the new K and T starts, its ids continuing the camera's.
      if (s.clustering != null) {
        IndexConfiguration old = configuration(s.configId);
        for (ObjectCluster<ClusterState.Member> c : s.clustering.sealAll()) {
          rows(camera, old, c, clusterRows, classRows);
        }
        s.firstClusterId = s.clustering.nextClusterId();
        s.clustering = null;
      }
      s.configId = cfg.id();
      s.config = clustering(cfg);
    }
    if (s.clustering != null) {
      // Each cluster lies in one hour partition: clusters still open from an earlier hour are sealed
      // before objects of a later hour could join them (a query of the later hour reads only its
      // partitions, so such members would be invisible to it).
      for (ObjectCluster<ClusterState.Member> c : s.clustering.active()) {
        if (IndexLayout.hourStart(c.firstTimestamp()) != batch.hourStartMs) {
          for (ObjectCluster<ClusterState.Member> old : s.clustering.sealAll()) {
            rows(camera, cfg, old, clusterRows, classRows);
          }
          break;
        }
      }
    }
    for (DetectedObject o : batch.objects) {
      if (o.feature == null || o.probabilities == null) {
        throw new IllegalStateException("camera " + camera + " frame " + o.frameSeq + ": object reached clustering unclassified");
      }
      if (s.clustering == null) {
        s.clustering = new IncrementalClustering<>(s.config, o.feature.length, o.probabilities.length, s.firstClusterId);
      }
      var a = s.clustering.add(o.feature, o.probabilities, o.timestampMs,
          new ClusterState.Member(o.frameSeq, o.timestampMs, o.box(), o.contextImage(), o.boxInContext()));
      ObjectRow row = new ObjectRow();
      row.camera = camera;
      row.clusterId = a.clusterId();
      row.hour = IndexLayout.hourOf(o.timestampMs);
      row.frameSeq = o.frameSeq;
      row.ts = o.timestampMs;
      row.x = o.x;
      row.y = o.y;
      row.w = o.w;
      row.h = o.h;
      objectRows.add(row);
      for (ObjectCluster<ClusterState.Member> c : a.sealed()) {
        rows(camera, cfg, c, clusterRows, classRows);
      }
    }
    if ((batch.closesHour || batch.endOfStream) && s.clustering != null) {
      for (ObjectCluster<ClusterState.Member> c : s.clustering.sealAll()) {
        rows(camera, cfg, c, clusterRows, classRows);
      }
    }
    if (batch.endOfStream) {
      state.clear();
    } else {
      state.update(s);
    }
    clusterNs.add(IngestMetrics.threadCpu() - cpu0);
    objectRows.forEach(out::collect);
    clusterRows.forEach(r -> ctx.output(CLUSTERS, r));
    classRows.forEach(r -> ctx.output(CLASSES, r));
  }

  private void rows(String camera, IndexConfiguration cfg, ObjectCluster<ClusterState.Member> c, List<ClusterRow> clusterRows,
      List<ClassRow> classRows) {
    clusters.add(1);
    ClusterState.Member rep = c.representative();
    ClusterRow r = new ClusterRow();
    r.camera = camera;
    r.clusterId = c.id();
    r.hour = IndexLayout.hourOf(c.firstTimestamp());
    r.firstTs = c.firstTimestamp();
    r.lastTs = c.lastTimestamp();
    r.count = c.count();
    r.centroid = c.centroid();
    r.centroidCrop = config.cropQuality() >= 1f ? rep.image().toPng() : rep.image().toJpeg(config.cropQuality());
    r.repFrameSeq = rep.frameSeq();
    r.repX = rep.box().x();
    r.repY = rep.box().y();
    r.repW = rep.box().w();
    r.repH = rep.box().h();
    r.cropObjectX = rep.boxInImage().x();
    r.cropObjectY = rep.boxInImage().y();
    r.cropObjectW = rep.boxInImage().w();
    r.cropObjectH = rep.boxInImage().h();
    List<ObjectCluster.IndexedClass> idx = c.indexedClasses();
    List<String> names = cfg.classes();
    r.configId = cfg.id();
    r.topkClasses = new String[idx.size()];
    r.topkConfidences = new float[idx.size()];
    r.topkVotes = new int[idx.size()];
    for (int i = 0; i < idx.size(); i++) {
      ObjectCluster.IndexedClass ic = idx.get(i);
      String name = names.get(ic.classIndex());
      r.topkClasses[i] = name;
      r.topkConfidences[i] = (float) ic.meanProbability();
      r.topkVotes[i] = ic.votes();
      if (!cfg.nonObjects().contains(name)) {
        ClassRow cr = new ClassRow();
        cr.className = name;
        cr.camera = camera;
        cr.hour = r.hour;
        cr.clusterId = c.id();
        cr.confidence = r.topkConfidences[i];
        cr.votes = ic.votes();
        cr.configId = cfg.id();
        classRows.add(cr);
      }
    }
    clusterRows.add(r);
  }
}
