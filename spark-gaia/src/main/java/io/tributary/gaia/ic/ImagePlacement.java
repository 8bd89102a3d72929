package io.tributary.gaia.ic;

import io.tributary.common.data.LabeledDataset;
import io.tributary.gaia.app.Placement;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Slices images onto the workers of the deployment: training images by a hash of their index
 * ({@link Placement}), the test set spread over all workers of all data centres, whatever their
 * number; each worker gets its own seed from its place. Shipped to the executors for generated
 * images.
 */
final class ImagePlacement implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int[] inputShape;
  private final int numClasses;
  private final float[] mean;
  private final float[] std;
  private final long seed;

  /**
   * @param inputShape the network's input shape (channels first)
   * @param numClasses the network's classes
   * @param mean per-channel normalisation mean, handed to every worker
   * @param std per-channel normalisation standard deviation
   * @param seed the application's seed, from which every worker's is derived
   */
  ImagePlacement(int[] inputShape, int numClasses, float[] mean, float[] std, long seed) {
    this.inputShape = inputShape;
    this.numClasses = numClasses;
    this.mean = mean;
    this.std = std;
    this.seed = seed;
  }

  /** The workers of data centre {@code dc} on datasets read in this JVM (in the driver). */
  List<IcWorker> fromDatasets(LabeledDataset train, LabeledDataset test, int dc, int dcCount, int workers) {
    List<IcWorker> out = new ArrayList<>();
    for (int p = 0; p < workers; p++) {
      int pp = p;
      int[] tr = IntStream.range(0, train.size())
          .filter(i -> Placement.dataCentreOf(i, dcCount) == dc && Placement.workerOf(i, dcCount, workers) == pp)
          .toArray();
      int[] te = IntStream.range(0, test.size()).filter(i -> testOwner(i, dc, dcCount, workers, pp)).toArray();
      WorkerImages images = new WorkerImages(inputShape.clone(), numClasses, mean, std, bytes(train, tr),
          labels(train, tr), bytes(test, te), labels(test, te));
      out.add(IcWorker.create(images, workerSeed(dc, p), dcCount * workers));
    }
    return out;
  }

  /** Worker {@code p} of data centre {@code dc} on generated images (on an executor). */
  IcWorker generated(GeneratedImages g, int dc, int dcCount, int workers, int p) {
    float[] templates = g.templates();
    int size = g.side() * g.side();
    int[] tr = IntStream.range(0, g.trainSize())
        .filter(i -> Placement.dataCentreOf(i, dcCount) == dc && Placement.workerOf(i, dcCount, workers) == p)
        .toArray();
    int[] te = IntStream.range(0, g.testSize()).filter(i -> testOwner(i, dc, dcCount, workers, p)).toArray();
    byte[] trPix = new byte[tr.length * size];
    int[] trLab = new int[tr.length];
    for (int j = 0; j < tr.length; j++) {
      g.sample(true, tr[j], templates, trPix, j * size);
      trLab[j] = g.label(true, tr[j]);
    }
    byte[] tePix = new byte[te.length * size];
    int[] teLab = new int[te.length];
    for (int j = 0; j < te.length; j++) {
      g.sample(false, te[j], templates, tePix, j * size);
      teLab[j] = g.label(false, te[j]);
    }
    WorkerImages images = new WorkerImages(inputShape.clone(), numClasses, mean, std, trPix, trLab, tePix, teLab);
    return IcWorker.create(images, workerSeed(dc, p), dcCount * workers);
  }

  /** The test set is spread over all workers of all data centres, whatever their number. */
  private static boolean testOwner(int i, int dc, int dcCount, int workers, int p) {
    return i % dcCount == dc && (i / dcCount) % workers == p;
  }

  private long workerSeed(int dc, int p) {
    return seed * 0x9E3779B97F4A7C15L + (dc * 1_000_003L + p) * 0xBF58476D1CE4E5B9L;
  }

  private static byte[] bytes(LabeledDataset d, int[] idx) {
    int n = d.sampleSize();
    byte[] out = new byte[idx.length * n];
    for (int j = 0; j < idx.length; j++) {
      for (int k = 0; k < n; k++) {
        out[j * n + k] = (byte) d.rawByte(idx[j], k);
      }
    }
    return out;
  }

  private static int[] labels(LabeledDataset d, int[] idx) {
    int[] out = new int[idx.length];
    for (int j = 0; j < idx.length; j++) {
      out[j] = d.label(idx[j]);
    }
    return out;
  }
}
