package io.tributary.common.focus;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Focus's single-pass clustering of object feature vectors (thesis §4.3.3). An object joins the
 * nearest active cluster whose centroid is within L2 distance {@code T} of its feature vector, or
 * opens a new cluster. At most {@code C} clusters stay active: when a new one makes {@code C + 1},
 * the smallest other active cluster (least recently grown on ties) is sealed and handed back, so
 * popular clusters keep growing and each object costs at most {@code C} distance computations:
 * O(C n) for n objects.
 *
 * <p>Each member also votes for the classes in its cheap-CNN top K; a cluster is indexed under the
 * union of its members' top-K classes. Deterministic: the same objects in the same order give the
 * same clusters, ids included. Not thread-safe; one instance per camera.
 *
 * @param <M> what is kept of a member to represent its cluster (e.g. its crop)
 */
public final class IncrementalClustering<M> {
  /**
   * @param distanceThreshold T: the largest L2 distance from a centroid at which an object joins
   * @param maxActive C: the most clusters kept open
   * @param topK K: how many of each object's most probable classes vote for its cluster's index
   */
  public record Config(double distanceThreshold, int maxActive, int topK) implements Serializable {
    public Config {
      if (!(distanceThreshold >= 0) || maxActive < 1 || topK < 1) {
        throw new IllegalArgumentException("need T >= 0, C >= 1, K >= 1; got T=" + distanceThreshold
            + " C=" + maxActive + " K=" + topK);
      }
    }
  }

  /** Where an object went: its cluster's id, whether it opened that cluster, and what got sealed. */
  public record Assignment<M>(long clusterId, boolean opened, List<ObjectCluster<M>> sealed) {}

  private final Config config;
  private final int dim;
  private final int numClasses;
  private final List<ObjectCluster<M>> active = new ArrayList<>();
  private long nextId;
  private long seq;
  private long distanceComputations;

  public IncrementalClustering(Config config, int featureDim, int numClasses) {
    this(config, featureDim, numClasses, 0);
  }

  /**
   * A clustering whose first cluster gets id {@code firstId}: a camera that starts a new clustering
   * (another ingest model) keeps its cluster ids unique by continuing from the old one's
   * {@link #nextClusterId()}.
   */
  public IncrementalClustering(Config config, int featureDim, int numClasses, long firstId) {
    if (featureDim < 1 || numClasses < 1) {
      throw new IllegalArgumentException("feature dimension and class count must be >= 1");
    }
    this.config = config;
    this.dim = featureDim;
    this.numClasses = numClasses;
    this.nextId = firstId;
  }

  public Config config() {
    return config;
  }

  /** The active clusters (a live view; do not modify). */
  public List<ObjectCluster<M>> active() {
    return Collections.unmodifiableList(active);
  }

  /** Distance computations so far (for the linear-cost guarantee: at most C per object). */
  public long distanceComputations() {
    return distanceComputations;
  }

  /** The id the next opened cluster will get (ids count up from 0 per instance). */
  public long nextClusterId() {
    return nextId;
  }

  /**
   * Adds one object.
   *
   * @param feature the cheap CNN's feature vector for the object (length = feature dimension)
   * @param probabilities the cheap CNN's class probabilities (length = class count)
   * @param timestamp the object's frame time
   * @param member what to keep should the object become its cluster's representative
   */
  public Assignment<M> add(float[] feature, float[] probabilities, long timestamp, M member) {
    if (feature.length != dim || probabilities.length != numClasses) {
      throw new IllegalArgumentException("object has " + feature.length + " features and "
          + probabilities.length + " class probabilities; clustering expects " + dim + " and " + numClasses);
    }
    seq++;
    double t2 = config.distanceThreshold() * config.distanceThreshold();
    ObjectCluster<M> best = null;
    double bestD = Double.POSITIVE_INFINITY;
    for (ObjectCluster<M> c : active) {
      double d = squaredDistance(c.centroid, feature);
      distanceComputations++;
      if (d <= t2 && d < bestD) {
        best = c;
        bestD = d;
      }
    }
    List<ObjectCluster<M>> sealed = List.of();
    boolean opened = best == null;
    if (opened) {
      best = new ObjectCluster<>(nextId++, dim, numClasses);
      best.firstTimestamp = timestamp;
      active.add(best);
      if (active.size() > config.maxActive()) {
        sealed = List.of(sealSmallestExcept(best));
      }
    }
    join(best, feature, probabilities, timestamp, member);
    return new Assignment<>(best.id, opened, sealed);
  }

  /** Seals and returns every active cluster (e.g. at the end of a stream or of an index partition). */
  public List<ObjectCluster<M>> sealAll() {
    List<ObjectCluster<M>> out = new ArrayList<>(active);
    active.clear();
    return out;
  }

  private ObjectCluster<M> sealSmallestExcept(ObjectCluster<M> keep) {
    ObjectCluster<M> victim = null;
    for (ObjectCluster<M> c : active) {
      if (c == keep) {
        continue;
      }
      if (victim == null || c.count < victim.count
          || c.count == victim.count && c.lastUpdateSeq < victim.lastUpdateSeq) {
        victim = c;
      }
    }
    active.remove(victim);
    return victim;
  }

  private void join(ObjectCluster<M> c, float[] feature, float[] probs, long timestamp, M member) {
    c.count++;
    for (int i = 0; i < dim; i++) {
      c.featureSum[i] += feature[i];
      c.centroid[i] = (float) (c.featureSum[i] / c.count);
    }
    for (int i = 0; i < numClasses; i++) {
      c.probSum[i] += probs[i];
    }
    for (int k : topIndices(probs, Math.min(config.topK(), numClasses))) {
      c.topKVotes[k]++;
    }
    c.firstTimestamp = Math.min(c.firstTimestamp, timestamp);
    c.lastTimestamp = Math.max(c.lastTimestamp, timestamp);
    c.lastUpdateSeq = seq;
    // The newcomer replaces the representative only when clearly nearer: ties (two members are
    // always equidistant from their mean) keep the earlier one whatever the last float bits say.
    double dNew = squaredDistance(c.centroid, feature);
    double dOld = c.representative == null ? 0 : squaredDistance(c.centroid, c.representativeFeature);
    if (c.representative == null || dNew < dOld * (1 - 1e-4) - 1e-9) {
      c.representative = member;
      c.representativeFeature = feature.clone();
    }
  }

  /** Indices of the {@code k} largest values, largest first (lower index first on ties). */
  public static int[] topIndices(float[] values, int k) {
    int[] idx = new int[k];
    boolean[] taken = new boolean[values.length];
    for (int j = 0; j < k; j++) {
      int best = -1;
      for (int i = 0; i < values.length; i++) {
        if (!taken[i] && (best < 0 || values[i] > values[best])) {
          best = i;
        }
      }
      taken[best] = true;
      idx[j] = best;
    }
    return idx;
  }

  static double squaredDistance(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      s += d * d;
    }
    return s;
  }

  /** Writes and reads what the caller keeps of a member, for {@link #write}/{@link #read}. */
  public interface MemberCodec<M> {
    void write(M member, DataOutput out) throws IOException;

    M read(DataInput in) throws IOException;
  }

  private static final int FORMAT = 1;

  /** Writes the whole clustering state (active clusters and counters), versioned. */
  public void write(DataOutput out, MemberCodec<M> codec) throws IOException {
    out.writeInt(FORMAT);
    out.writeInt(dim);
    out.writeInt(numClasses);
    out.writeLong(nextId);
    out.writeLong(seq);
    out.writeLong(distanceComputations);
    out.writeInt(active.size());
    for (ObjectCluster<M> c : active) {
      out.writeLong(c.id);
      out.writeInt(c.count);
      for (double v : c.featureSum) {
        out.writeDouble(v);
      }
      for (double v : c.probSum) {
        out.writeDouble(v);
      }
      for (int v : c.topKVotes) {
        out.writeInt(v);
      }
      out.writeLong(c.firstTimestamp);
      out.writeLong(c.lastTimestamp);
      out.writeLong(c.lastUpdateSeq);
      for (float v : c.representativeFeature) {
        out.writeFloat(v);
      }
      codec.write(c.representative, out);
    }
  }

  /** Reads state written by {@link #write}; fails clearly on another format or shape. */
  public static <M> IncrementalClustering<M> read(DataInput in, Config config, MemberCodec<M> codec)
      throws IOException {
    int format = in.readInt();
    if (format != FORMAT) {
      throw new IOException("clustering state format " + format + " is not readable by this build (" + FORMAT + ")");
    }
    int dim = in.readInt();
    int classes = in.readInt();
    IncrementalClustering<M> ic = new IncrementalClustering<>(config, dim, classes);
    ic.nextId = in.readLong();
    ic.seq = in.readLong();
    ic.distanceComputations = in.readLong();
    int n = in.readInt();
    for (int k = 0; k < n; k++) {
      ObjectCluster<M> c = new ObjectCluster<>(in.readLong(), dim, classes);
      c.count = in.readInt();
      for (int i = 0; i < dim; i++) {
        c.featureSum[i] = in.readDouble();
        c.centroid[i] = (float) (c.featureSum[i] / c.count);
      }
      for (int i = 0; i < classes; i++) {
        c.probSum[i] = in.readDouble();
      }
      for (int i = 0; i < classes; i++) {
        c.topKVotes[i] = in.readInt();
      }
      c.firstTimestamp = in.readLong();
      c.lastTimestamp = in.readLong();
      c.lastUpdateSeq = in.readLong();
      c.representativeFeature = new float[dim];
      for (int i = 0; i < dim; i++) {
        c.representativeFeature[i] = in.readFloat();
      }
      c.representative = codec.read(in);
      ic.active.add(c);
    }
    return ic;
  }
}
