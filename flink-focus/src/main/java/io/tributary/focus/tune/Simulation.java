package io.tributary.focus.tune;

import io.tributary.common.focus.IncrementalClustering;
import io.tributary.common.focus.ObjectCluster;
import io.tributary.connectors.index.IndexLayout;
import io.tributary.focus.model.CropPrediction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replays Focus ingest and query on a labelled sample without running a job (thesis §4.3.4): the
 * same incremental clustering the ingest job runs ({@link IncrementalClustering}, per camera, sealed
 * at hour boundaries), the same inverted-index rule (a cluster is indexed under its members' top-K
 * classes, a class the cheap CNN lacks is looked up as OTHER), the same Skip_th rule and GT-CNN
 * verification of the centroid object, and frame-level precision and recall against the GT-CNN's
 * labels of every object (what INGEST-HEAVY's index answers). A model's outputs are computed once;
 * clustering once per T; K and Skip_th only re-read the clusters.
 */
final class Simulation {
  private Simulation() {}

  /** A labelled sample: objects in camera, time order, their frame ids and GT-CNN labels. */
  static final class Labelled {
    final TuningSample sample;
    final List<Set<String>> gt;
    final int[] frame;
    final int frames;

    Labelled(TuningSample sample, List<Set<String>> gt) {
      this.sample = sample;
      this.gt = List.copyOf(gt);
      this.frame = new int[sample.size()];
      Map<String, Integer> ids = new HashMap<>();
      for (int i = 0; i < sample.size(); i++) {
        frame[i] = ids.computeIfAbsent(sample.objects().get(i).frameKey(), k -> ids.size());
      }
      this.frames = ids.size();
    }

    int size() {
      return sample.size();
    }

    /** Frames holding an object the GT-CNN labels {@code cls}: the reference answer. */
    BitSet relevant(String cls) {
      BitSet b = new BitSet(frames);
      for (int i = 0; i < gt.size(); i++) {
        if (gt.get(i).contains(cls)) {
          b.set(frame[i]);
        }
      }
      return b;
    }
  }

  /** The clusters of one (model, T) replay. */
  static final class Clusters {
    final List<int[]> members = new ArrayList<>();
    final List<Integer> representative = new ArrayList<>();
    final List<float[]> meanProbability = new ArrayList<>();
    /** Per cluster and class, the best rank the class has in a member's probabilities (0 = top-1). */
    final List<int[]> minRank = new ArrayList<>();

    int size() {
      return members.size();
    }
  }

  /** Replays incremental clustering of the objects' features with distance threshold T and C active clusters. */
  static Clusters cluster(Labelled data, List<CropPrediction> outputs, double t, int maxActive) {
    Clusters out = new Clusters();
    int n = data.size();
    int classes = outputs.get(0).probabilities().length;
    int[][] rank = new int[n][];
    for (int i = 0; i < n; i++) {
      rank[i] = ranks(outputs.get(i).probabilities());
    }
    IncrementalClustering<Integer> ic = null;
    Map<Long, List<Integer>> members = new HashMap<>();
    String camera = null;
    long hour = Long.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      TuningSample.SampledObject o = data.sample.objects().get(i);
      long h = IndexLayout.hourStart(o.timestampMs());
      if (ic != null && (!o.camera().equals(camera) || h != hour)) {
        seal(ic.sealAll(), members, rank, classes, outputs, out);
        if (!o.camera().equals(camera)) {
          ic = null;
          members.clear();
        }
      }
      if (ic == null) {
        ic = new IncrementalClustering<>(new IncrementalClustering.Config(t, maxActive, 1),
            outputs.get(i).feature().length, classes);
      }
      camera = o.camera();
      hour = h;
      CropPrediction p = outputs.get(i);
      var a = ic.add(p.feature(), p.probabilities(), o.timestampMs(), i);
      members.computeIfAbsent(a.clusterId(), k -> new ArrayList<>()).add(i);
      seal(a.sealed(), members, rank, classes, outputs, out);
    }
    if (ic != null) {
      seal(ic.sealAll(), members, rank, classes, outputs, out);
    }
    return out;
  }

  private static void seal(List<ObjectCluster<Integer>> sealed, Map<Long, List<Integer>> members, int[][] rank,
      int classes, List<CropPrediction> outputs, Clusters out) {
    for (ObjectCluster<Integer> c : sealed) {
      List<Integer> m = members.remove(c.id());
      int[] mem = m.stream().mapToInt(Integer::intValue).toArray();
      int[] min = new int[classes];
      Arrays.fill(min, Integer.MAX_VALUE);
      float[] mean = new float[classes];
      for (int i : mem) {
        float[] p = outputs.get(i).probabilities();
        for (int k = 0; k < classes; k++) {
          min[k] = Math.min(min[k], rank[i][k]);
          mean[k] += p[k] / mem.length;
        }
      }
      out.members.add(mem);
      out.representative.add(c.representative());
      out.meanProbability.add(mean);
      out.minRank.add(min);
    }
  }

  /** Rank of every class in {@code p} (0 for the most probable; lower index first on ties, as top-K picks). */
  static int[] ranks(float[] p) {
    int[] order = IncrementalClustering.topIndices(p, p.length);
    int[] r = new int[p.length];
    for (int k = 0; k < order.length; k++) {
      r[order[k]] = k;
    }
    return r;
  }

  /** One query's outcome: frame precision and recall, and how many centroids the GT-CNN verified. */
  record QueryOutcome(double precision, double recall, int gtCalls) {}

  /**
   * Replays a query for {@code cls} on the clusters: candidates are the clusters indexed (top-K) under
   * the class (or OTHER, or every cluster when the model has neither), accepted unconditionally when
   * their mean confidence is at least Skip_th, else when the GT-CNN labels their representative
   * {@code cls}; the answer is the frames of the accepted clusters' members.
   */
  static QueryOutcome query(Labelled data, Clusters cl, List<String> modelClasses, String cls, BitSet relevant, int k,
      double skip) {
    int lookup = modelClasses.indexOf(cls);
    if (lookup < 0) {
      lookup = modelClasses.indexOf("OTHER");
    }
    BitSet returned = new BitSet(data.frames);
    int calls = 0;
    for (int c = 0; c < cl.size(); c++) {
      if (lookup >= 0 && cl.minRank.get(c)[lookup] >= k) {
        continue;
      }
      boolean accept;
      if (lookup >= 0 && cl.meanProbability.get(c)[lookup] >= skip) {
        accept = true;
      } else {
        calls++;
        accept = data.gt.get(cl.representative.get(c)).contains(cls);
      }
      if (accept) {
        for (int i : cl.members.get(c)) {
          returned.set(data.frame[i]);
        }
      }
    }
    BitSet both = (BitSet) returned.clone();
    both.and(relevant);
    double p = returned.isEmpty() ? 1 : both.cardinality() / (double) returned.cardinality();
    double r = relevant.isEmpty() ? 1 : both.cardinality() / (double) relevant.cardinality();
    return new QueryOutcome(p, r, calls);
  }
}
