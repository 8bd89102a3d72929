package io.tributary.gaia.ic;

import io.tributary.common.data.LabeledDataset;
import java.io.Serializable;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * One image-classification worker's local state: its training images, its slice of the test set
 * (the test set is spread over every worker of every data centre, and each evaluates its slice
 * with its data centre's parameters at the start of a clock), its place in the current epoch, and
 * its momentum velocity. Immutable as far as Spark can see: a step returns a new worker.
 */
public final class IcWorker implements Serializable {
  private static final long serialVersionUID = 1L;

  final WorkerImages images;
  final int[] order;    // this epoch's permutation of the training samples
  final int cursor;     // next position in order
  final int epoch;
  final float[] velocity; // momentum, empty before the first step
  final long seed;
  final int deploymentWorkers; // workers of all data centres: updates are divided by it
  private transient LabeledDataset train;
  private transient LabeledDataset test;

  IcWorker(WorkerImages images, int[] order, int cursor, int epoch, float[] velocity, long seed,
      int deploymentWorkers) {
    this.images = images;
    this.order = order;
    this.cursor = cursor;
    this.epoch = epoch;
    this.velocity = velocity;
    this.seed = seed;
    this.deploymentWorkers = deploymentWorkers;
  }

  /** A fresh worker: epoch 0 in a seeded random order, no velocity. */
  static IcWorker create(WorkerImages images, long seed, int deploymentWorkers) {
    return new IcWorker(images, permutation(images.trainLabels().length, seed, 0), 0, 0, new float[0], seed,
        deploymentWorkers);
  }

  /** This worker further on: at {@code cursor} of {@code order} in {@code epoch}, with {@code velocity}. */
  IcWorker advanced(int[] order, int cursor, int epoch, float[] velocity) {
    return new IcWorker(images, order, cursor, epoch, velocity, seed, deploymentWorkers);
  }

  static int[] permutation(int n, long seed, int epoch) {
    int[] p = IntStream.range(0, n).toArray();
    SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L + 3);
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  private List<String> classNames() {
    return IntStream.range(0, images.classes()).mapToObj(Integer::toString).toList();
  }

  LabeledDataset trainSet() {
    if (train == null) {
      train = LabeledDataset.ofBytes("train", images.shape(), classNames(), images.trainPixels(), images.trainLabels())
          .normalized(images.mean(), images.std());
    }
    return train;
  }

  LabeledDataset testSet() {
    if (test == null) {
      test = LabeledDataset.ofBytes("test", images.shape(), classNames(), images.testPixels(), images.testLabels())
          .normalized(images.mean(), images.std());
    }
    return test;
  }

  int trainSize() {
    return images.trainLabels().length;
  }

  int testSize() {
    return images.testLabels().length;
  }
}
