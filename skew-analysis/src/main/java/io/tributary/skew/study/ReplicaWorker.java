package io.tributary.skew.study;

import io.tributary.common.data.LabeledDataset;
import io.tributary.common.model.Gradient;
import io.tributary.common.model.Replica;
import io.tributary.common.protocol.BatchGradient;
import io.tributary.common.protocol.Worker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A partition's DJL model replica and local data behind the protocols' {@link Worker} interface.
 * It also records the first BatchNorm layer's minibatch means, averaged over windows of
 * {@code window} minibatches, the estimate of mu_B that §6.4.1 compares across partitions.
 */
public final class ReplicaWorker implements Worker {
  private final Replica replica;
  private final LabeledDataset local;
  private final int window;
  private final List<float[]> windows = new ArrayList<>();
  private double[] sum;
  private int inWindow;

  ReplicaWorker(Replica replica, LabeledDataset local, int window) {
    this.replica = replica;
    this.local = local;
    this.window = window;
  }

  /** The partition's model replica (e.g. to read its BatchNorm state, or to copy it for model traveling). */
  public Replica replica() {
    return replica;
  }

  /** The partition's local training data. */
  public LabeledDataset data() {
    return local;
  }

  @Override
  public int numParameters() {
    return replica.numParameters();
  }

  @Override
  public int numSamples() {
    return local.size();
  }

  @Override
  public void setParameters(float[] parameters) {
    replica.setParameters(parameters);
  }

  @Override
  public BatchGradient gradient(int[] batch) {
    Gradient g = replica.gradient(local, batch);
    List<float[]> means = replica.lastBatchNormMeans();
    if (!means.isEmpty()) {
      float[] first = means.get(0);
      if (sum == null) {
        sum = new double[first.length];
      }
      for (int c = 0; c < first.length; c++) {
        sum[c] += first[c];
      }
      if (++inWindow == window) {
        float[] mean = new float[sum.length];
        for (int c = 0; c < sum.length; c++) {
          mean[c] = (float) (sum[c] / window);
        }
        windows.add(mean);
        Arrays.fill(sum, 0);
        inWindow = 0;
      }
    }
    return new BatchGradient(g.values(), g.loss(), g.batchAccuracy());
  }

  /** The completed windows' mean mu_B of the first BatchNorm layer, in order (empty without BatchNorm). */
  public List<float[]> batchNormWindows() {
    return List.copyOf(windows);
  }
}
