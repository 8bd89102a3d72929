package io.tributary.common.partition;

import java.util.LinkedHashMap;
import java.util.Map;

/** Input validation and result assembly shared by the built-in partitioners. */
abstract class AbstractPartitioner implements Partitioner {

  @Override
  public final Partitioning partition(int[] labels, int numClasses, int numPartitions, long seed) {
    if (numPartitions < 1) {
      throw new IllegalArgumentException("number of partitions must be >= 1, got " + numPartitions);
    }
    if (numClasses < 1) {
      throw new IllegalArgumentException("number of classes must be >= 1, got " + numClasses);
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= numClasses) {
        throw new IllegalArgumentException("label " + labels[i] + " of sample " + i + " is outside [0, " + numClasses
            + ")");
      }
    }
    Map<String, String> facts = new LinkedHashMap<>();
    int[] assignment = assign(labels, numClasses, numPartitions, seed, facts);
    int[] sizes = new int[numPartitions];
    for (int a : assignment) {
      sizes[a]++;
    }
    int[][] parts = new int[numPartitions][];
    for (int k = 0; k < numPartitions; k++) {
      parts[k] = new int[sizes[k]];
    }
    int[] fill = new int[numPartitions];
    for (int i = 0; i < assignment.length; i++) { // ascending positions by construction
      parts[assignment[i]][fill[assignment[i]]++] = i;
    }
    return new Partitioning(new Partitioning.Origin(name(), spec(), parameters(), seed), parts, labels.clone(),
        numClasses, null, facts);
  }

  /**
   * The partition of each sample. {@code facts} receives result-specific facts for
   * {@link Partitioning#facts()}.
   */
  abstract int[] assign(int[] labels, int numClasses, int k, long seed, Map<String, String> facts);

  /** Positions of each class, in ascending order, {@code [class][i]}. */
  static int[][] positionsByClass(int[] labels, int numClasses) {
    int[] count = new int[numClasses];
    for (int l : labels) {
      count[l]++;
    }
    int[][] by = new int[numClasses][];
    for (int c = 0; c < numClasses; c++) {
      by[c] = new int[count[c]];
    }
    int[] fill = new int[numClasses];
    for (int i = 0; i < labels.length; i++) {
      by[labels[i]][fill[labels[i]]++] = i;
    }
    return by;
  }

  static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Partitioner p && p.getClass() == getClass() && p.spec().equals(spec());
  }

  @Override
  public int hashCode() {
    return spec().hashCode();
  }

  @Override
  public String toString() {
    return spec();
  }

  static Map<String, String> params(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }
}
