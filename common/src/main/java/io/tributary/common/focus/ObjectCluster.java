package io.tributary.common.focus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One cluster of similar objects (Focus §4.3.3): its centroid (the running mean of its members'
 * feature vectors), the member nearest that centroid (the object the GT-CNN classifies at query
 * time), member count and time span, and what the cheap CNN said about its members: the sum of
 * their class probabilities and, per class, how many members had it in their top K.
 *
 * @param <M> what the caller keeps of a member to represent the cluster (e.g. its crop)
 */
public final class ObjectCluster<M> {
  final long id;
  int count;
  final double[] featureSum;
  final float[] centroid;
  final double[] probSum;
  final int[] topKVotes;
  long firstTimestamp;
  long lastTimestamp;
  long lastUpdateSeq;
  M representative;
  float[] representativeFeature;

  ObjectCluster(long id, int dim, int numClasses) {
    this.id = id;
    this.featureSum = new double[dim];
    this.centroid = new float[dim];
    this.probSum = new double[numClasses];
    this.topKVotes = new int[numClasses];
  }

  public long id() {
    return id;
  }

  public int count() {
    return count;
  }

  /** The mean feature vector of the members (a copy). */
  public float[] centroid() {
    return centroid.clone();
  }

  public long firstTimestamp() {
    return firstTimestamp;
  }

  public long lastTimestamp() {
    return lastTimestamp;
  }

  /** The member nearest the centroid when it joined (among the members so far). */
  public M representative() {
    return representative;
  }

  public float[] representativeFeature() {
    return representativeFeature.clone();
  }

  /** The members' mean probability for class {@code c}. */
  public double meanProbability(int c) {
    return count == 0 ? 0 : probSum[c] / count;
  }

  /** How many members had class {@code c} among their top K. */
  public int topKVotes(int c) {
    return topKVotes[c];
  }

  /** A class the cluster is indexed under, with the members' mean probability and votes. */
  public record IndexedClass(int classIndex, double meanProbability, int votes) {}

  /**
   * The classes this cluster is indexed under: every class in some member's top K (their union, so
   * no member's candidate classes are lost), most probable first.
   */
  public List<IndexedClass> indexedClasses() {
    List<IndexedClass> out = new ArrayList<>();
    for (int c = 0; c < topKVotes.length; c++) {
      if (topKVotes[c] > 0) {
        out.add(new IndexedClass(c, meanProbability(c), topKVotes[c]));
      }
    }
    out.sort(Comparator.comparingDouble(IndexedClass::meanProbability).reversed()
        .thenComparingInt(IndexedClass::classIndex));
    return out;
  }

  @Override
  public String toString() {
    return "Cluster[" + id + " n=" + count + " t=" + firstTimestamp + ".." + lastTimestamp + " votes="
        + Arrays.toString(topKVotes) + "]";
  }
}
