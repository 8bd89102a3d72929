package io.tributary.common.partition;

import io.tributary.common.data.Corpus;
import io.tributary.common.data.LabeledDataset;
import java.util.Map;

/**
 * Splits a dataset into {@code K} partitions (data centres, clients, workers) by its labels.
 * Every implementation is deterministic for a seed, places every sample in exactly one
 * partition, and lists each partition's positions (indices into the dataset) in ascending order;
 * trainers shuffle within a partition themselves. Implementations use {@link java.util.Random},
 * whose algorithm is fixed by its specification, so a seed gives the same partitions on every JVM.
 *
 * <p>Get one from a spec string with {@link Partitioners#parse}, e.g. {@code "noniid:60"}.
 */
public interface Partitioner {

  /** Short name, e.g. {@code "iid"}, {@code "noniid"}, {@code "dirichlet"}. */
  String name();

  /** The spec string that {@link Partitioners#parse} turns back into an equal partitioner. */
  String spec();

  /** The parameters (name to value), for reports and run configurations. */
  Map<String, String> parameters();

  /**
   * Partitions samples with the given labels.
   *
   * @param labels label of each sample, each in {@code [0, numClasses)}
   * @param numClasses number of classes
   * @param numPartitions {@code K >= 1}
   * @param seed the seed; the same inputs and seed always give the same result
   * @throws IllegalArgumentException when the inputs cannot be partitioned this way (e.g. label
   *     skew with fewer classes than partitions)
   */
  Partitioning partition(int[] labels, int numClasses, int numPartitions, long seed);

  /** Partitions a labelled dataset; the result's histograms carry its class names. */
  default Partitioning partition(LabeledDataset dataset, int numPartitions, long seed) {
    return partition(dataset.labels(), dataset.numClasses(), numPartitions, seed)
        .withClassNames(dataset.classNames());
  }

  /** Partitions a labelled corpus by its document labels (e.g. newsgroups). */
  default Partitioning partition(Corpus corpus, int numPartitions, long seed) {
    return partition(corpus.labels(), corpus.labelNames().size(), numPartitions, seed)
        .withClassNames(corpus.labelNames());
  }

  /**
   * Partitions {@code size} unlabelled samples (ratings, unlabelled documents): all in one class,
   * so only label-independent partitioners (IID, quantity skew) make sense.
   */
  default Partitioning partition(int size, int numPartitions, long seed) {
    return partition(new int[size], 1, numPartitions, seed);
  }
}
