package io.tributary.skew.study;

import java.io.Serializable;
import java.util.Map;

/**
 * What one training run of the study produced. Accuracies are fractions in [0, 1].
 *
 * @param run the run's configuration
 * @param error null when the run completed; otherwise what went wrong (the run's other fields
 *     are then partial)
 * @param trainSamples training samples over all partitions
 * @param testSamples test samples evaluated
 * @param partitionSizes training samples per partition
 * @param partitionHistogram the partitioner's printed class histogram
 * @param steps iterations trained (each partition takes one step per iteration)
 * @param seconds wall-clock seconds of the run (data loading excluded)
 * @param diverged whether training stopped early on a non-finite loss
 * @param curveEpoch epochs at the accuracy-curve points
 * @param curveTop1 headline top-1 accuracy at each point, on an evenly strided subset of at most 1,000 test
 *     samples (the final {@code top1} uses the whole test set)
 * @param curveTrainLoss mean training minibatch loss over the preceding interval
 * @param curveTrainAccuracy mean training minibatch accuracy over the preceding interval
 * @param curveBytes bytes all partitions had sent at each point
 * @param top1 final headline top-1: the mean over partitions of each partition's model's accuracy
 *     (one global model for BSP, FedAvg after its final round and DGC; K different models for
 *     Gaia), every model using the partitions' mean BatchNorm statistics
 * @param top1AveragedModel final top-1 of the average of the partitions' parameters
 * @param top1PerPartition final top-1 of each partition's model
 * @param bytes bytes all partitions sent over the protocol's links
 * @param bytesPerPartition bytes each partition sent
 * @param messages frames all partitions sent
 * @param bnDivergence mean divergence of the first BatchNorm layer's minibatch means between
 *     partitions, {@code ||mu_a - mu_b|| / ||(mu_a + mu_b) / 2||} over windows of minibatches and
 *     partition pairs (§6.4.1); NaN without BatchNorm
 * @param bnDivergencePerChannel the same per channel, {@code |mu_a,c - mu_b,c| / |avg|} (Fig. 6.7)
 * @param diagnostics means of the protocol's per-step diagnostics over training (e.g.
 *     {@code significant_fraction}, {@code residual_delta}, {@code local_update_delta})
 */
public record RunResult(StudyRun run, String error, int trainSamples, int testSamples, int[] partitionSizes,
    String partitionHistogram, long steps, double seconds, boolean diverged, double[] curveEpoch,
    double[] curveTop1, double[] curveTrainLoss, double[] curveTrainAccuracy, long[] curveBytes, double top1,
    double top1AveragedModel, double[] top1PerPartition, long bytes, long[] bytesPerPartition, long messages,
    double bnDivergence, double[] bnDivergencePerChannel, Map<String, Double> diagnostics) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Whether the run completed. */
  public boolean ok() {
    return error == null;
  }

  /** A failed run's result, keeping its configuration and the error. */
  static RunResult failed(StudyRun run, Throwable e, double seconds) {
    StringBuilder sb = new StringBuilder(e.getClass().getSimpleName() + ": " + e.getMessage());
    for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      sb.append(" <- ").append(c.getClass().getSimpleName()).append(": ").append(c.getMessage());
    }
    return new RunResult(run, sb.toString(), 0, 0, new int[0], "", 0, seconds, false, new double[0], new double[0],
        new double[0], new double[0], new long[0], Double.NaN, Double.NaN, new double[0], 0, new long[0], 0,
        Double.NaN, new double[0], Map.of());
  }
}
