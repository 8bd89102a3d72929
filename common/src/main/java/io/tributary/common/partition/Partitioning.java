package io.tributary.common.partition;

import io.tributary.common.data.LabeledDataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The result of a {@link Partitioner}: for each partition, the ascending positions of its samples,
 * plus what produced it (partitioner, parameters, seed) so a run can record and print it.
 * {@link #describe()} formats the per-partition class histogram that every run should log.
 *
 * <p>Immutable: accessors return copies.
 */
public final class Partitioning {
  private final String partitioner;
  private final String spec;
  private final Map<String, String> parameters;
  private final long seed;
  private final int[][] parts;
  private final int[] labels;
  private final int numClasses;
  private final List<String> classNames;
  private final Map<String, String> facts;

  /**
   * What produced a partitioning.
   *
   * @param partitioner the partitioner's name
   * @param spec the partitioner's spec
   * @param parameters its parameters
   * @param seed its seed
   */
  record Origin(String partitioner, String spec, Map<String, String> parameters, long seed) {}

  Partitioning(Origin origin, int[][] parts, int[] labels, int numClasses, List<String> classNames,
      Map<String, String> facts) {
    this.partitioner = origin.partitioner();
    this.spec = origin.spec();
    this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(origin.parameters()));
    this.seed = origin.seed();
    this.parts = parts;
    this.labels = labels;
    this.numClasses = numClasses;
    this.classNames = classNames;
    this.facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
  }

  /** The same partitioning, with class names for {@link #describe()}. */
  public Partitioning withClassNames(List<String> names) {
    if (names.size() != numClasses) {
      throw new IllegalArgumentException(names.size() + " class names for " + numClasses + " classes");
    }
    return new Partitioning(new Origin(partitioner, spec, parameters, seed), parts, labels, numClasses,
        List.copyOf(names), facts);
  }

  /** The partitioner's name, e.g. {@code "noniid"}. */
  public String partitioner() {
    return partitioner;
  }

  /** The partitioner's spec, e.g. {@code "noniid:60"}. */
  public String spec() {
    return spec;
  }

  /** The partitioner's parameters. */
  public Map<String, String> parameters() {
    return parameters;
  }

  /** Facts about this particular result, e.g. how many samples were placed by label. */
  public Map<String, String> facts() {
    return facts;
  }

  /** The seed the partitions were drawn with. */
  public long seed() {
    return seed;
  }

  /** Number of partitions {@code K}. */
  public int numPartitions() {
    return parts.length;
  }

  /** Number of classes of the partitioned labels. */
  public int numClasses() {
    return numClasses;
  }

  /** Total number of samples. */
  public int numSamples() {
    return labels.length;
  }

  /** Positions (ascending) of partition {@code k}'s samples. */
  public int[] partition(int k) {
    return parts[k].clone();
  }

  /** Positions of every partition, {@code [partition][i]}. */
  public int[][] partitions() {
    int[][] out = new int[parts.length][];
    for (int k = 0; k < parts.length; k++) {
      out[k] = parts[k].clone();
    }
    return out;
  }

  /** Number of samples in partition {@code k}. */
  public int size(int k) {
    return parts[k].length;
  }

  /** The partition of every sample, indexed by position. */
  public int[] assignment() {
    int[] a = new int[labels.length];
    for (int k = 0; k < parts.length; k++) {
      for (int p : parts[k]) {
        a[p] = k;
      }
    }
    return a;
  }

  /** Samples per class in each partition, {@code [partition][class]}. */
  public long[][] classHistogram() {
    long[][] h = new long[parts.length][numClasses];
    for (int k = 0; k < parts.length; k++) {
      for (int p : parts[k]) {
        h[k][labels[p]]++;
      }
    }
    return h;
  }

  /**
   * Total-variation distance between each partition's label distribution and the whole dataset's:
   * 0 for a perfectly IID partition, approaching 1 when its labels are disjoint from most data.
   */
  public double[] labelDivergence() {
    long[][] h = classHistogram();
    double[] global = new double[numClasses];
    for (int l : labels) {
      global[l] += 1.0 / labels.length;
    }
    double[] tv = new double[parts.length];
    for (int k = 0; k < parts.length; k++) {
      double s = 0;
      for (int c = 0; c < numClasses; c++) {
        double pk = parts[k].length == 0 ? 0 : (double) h[k][c] / parts[k].length;
        s += Math.abs(pk - global[c]);
      }
      tv[k] = s / 2;
    }
    return tv;
  }

  /** Views of {@code dataset}, one per partition; {@code dataset} must be the one partitioned. */
  public List<LabeledDataset> apply(LabeledDataset dataset) {
    if (dataset.size() != labels.length) {
      throw new IllegalArgumentException("partitioning of " + labels.length + " samples applied to " + dataset);
    }
    List<LabeledDataset> out = new ArrayList<>(parts.length);
    for (int[] part : parts) {
      out.add(dataset.subset(part));
    }
    return out;
  }

  private String className(int c) {
    return classNames != null ? classNames.get(c) : Integer.toString(c);
  }

  /**
   * A printable description: the spec, parameters and seed, then a table with one row per
   * partition (size, label divergence, and samples per class; with more than 20 classes, the
   * number of classes present and the five largest instead).
   */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append("partitioning ").append(spec).append(" seed=").append(seed).append(": ").append(labels.length)
        .append(" samples, ").append(numClasses).append(numClasses == 1 ? " class" : " classes").append(" -> ")
        .append(parts.length).append(parts.length == 1 ? " partition" : " partitions").append('\n');
    if (!parameters.isEmpty()) {
      sb.append("  parameters: ").append(parameters).append('\n');
    }
    for (Map.Entry<String, String> f : facts.entrySet()) {
      sb.append("  ").append(f.getKey()).append(": ").append(f.getValue()).append('\n');
    }
    long[][] h = classHistogram();
    double[] tv = labelDivergence();
    int sizeWidth = Math.max(4, Integer.toString(labels.length).length());
    if (numClasses <= 20) {
      int[] widths = new int[numClasses];
      for (int c = 0; c < numClasses; c++) {
        widths[c] = Math.max(className(c).length(), sizeWidth);
      }
      sb.append(String.format(Locale.ROOT, "  %-4s %" + sizeWidth + "s %5s |", "part", "size", "tv"));
      for (int c = 0; c < numClasses; c++) {
        sb.append(' ').append(String.format(Locale.ROOT, "%" + widths[c] + "s", className(c)));
      }
      sb.append('\n');
      for (int k = 0; k < parts.length; k++) {
        sb.append(String.format(Locale.ROOT, "  %-4d %" + sizeWidth + "d %5.3f |", k, parts[k].length, tv[k]));
        for (int c = 0; c < numClasses; c++) {
          sb.append(' ').append(String.format(Locale.ROOT, "%" + widths[c] + "d", h[k][c]));
        }
        sb.append('\n');
      }
    } else {
      sb.append(String.format(Locale.ROOT, "  %-4s %" + sizeWidth + "s %5s %7s | largest classes%n", "part", "size",
          "tv", "classes"));
      for (int k = 0; k < parts.length; k++) {
        int present = 0;
        Integer[] order = new Integer[numClasses];
        for (int c = 0; c < numClasses; c++) {
          order[c] = c;
          if (h[k][c] > 0) {
            present++;
          }
        }
        long[] row = h[k];
        Arrays.sort(order, (a, b) -> row[b] != row[a] ? Long.compare(row[b], row[a]) : Integer.compare(a, b));
        StringBuilder top = new StringBuilder();
        for (int i = 0; i < Math.min(5, present); i++) {
          top.append(i == 0 ? "" : ", ").append(className(order[i])).append('=').append(row[order[i]]);
        }
        sb.append(String.format(Locale.ROOT, "  %-4d %" + sizeWidth + "d %5.3f %7d | %s%n", k, parts[k].length, tv[k],
            present, top));
      }
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    StringBuilder sizes = new StringBuilder();
    for (int k = 0; k < parts.length; k++) {
      sizes.append(k == 0 ? "" : ",").append(parts[k].length);
    }
    return "Partitioning[" + spec + ", seed=" + seed + ", sizes=" + sizes + "]";
  }
}
