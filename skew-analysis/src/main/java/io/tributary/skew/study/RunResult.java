package io.tributary.skew.study;

import java.io.Serializable;
import java.util.Map;

/**
 * What one training run of the study produced. Accuracies are fractions in [0, 1].
 *
 * @param run the run's configuration
 * @param error null when the run completed; otherwise what went wrong (the run's other fields
 *     are then partial)
 * @param execution the data it trained on and how training went
 * @param curve the accuracy curve
 * @param accuracy the final accuracies
 * @param traffic what the partitions sent over the protocol's links
 * @param batchNorm the BatchNorm divergence between partitions
 * @param diagnostics means of the protocol's per-step diagnostics over training (e.g.
 *     {@code significant_fraction}, {@code residual_delta}, {@code local_update_delta})
 */
public record RunResult(StudyRun run, String error, Execution execution, Curve curve, Accuracy accuracy,
    Traffic traffic, BatchNorm batchNorm, Map<String, Double> diagnostics) implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * The data a run trained on and how training went.
   *
   * @param trainSamples training samples over all partitions
   * @param testSamples test samples evaluated
   * @param partitionSizes training samples per partition
   * @param partitionHistogram the partitioner's printed class histogram
   * @param steps iterations trained (each partition takes one step per iteration)
   * @param seconds wall-clock seconds of the run (data loading excluded)
   * @param diverged whether training stopped early on a non-finite loss
   */
  public record Execution(int trainSamples, int testSamples, int[] partitionSizes, String partitionHistogram,
      long steps, double seconds, boolean diverged) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /**
   * The accuracy curve.
   *
   * @param epoch epochs at the accuracy-curve points
   * @param top1 headline top-1 accuracy at each point, on an evenly strided subset of at most 1,000
   *     test samples (the final {@code top1} uses the whole test set)
   * @param trainLoss mean training minibatch loss over the preceding interval
   * @param trainAccuracy mean training minibatch accuracy over the preceding interval
   * @param bytes bytes all partitions had sent at each point
   */
  public record Curve(double[] epoch, double[] top1, double[] trainLoss, double[] trainAccuracy, long[] bytes)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /**
   * The final accuracies.
   *
   * @param top1 final headline top-1: the mean over partitions of each partition's model's accuracy
   *     (one global model for BSP, FedAvg after its final round and DGC; K different models for
   *     Gaia), every model using the partitions' mean BatchNorm statistics
   * @param averagedModel final top-1 of the average of the partitions' parameters
   * @param perPartition final top-1 of each partition's model
   */
  public record Accuracy(double top1, double averagedModel, double[] perPartition) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /**
   * What the partitions sent.
   *
   * @param bytes bytes all partitions sent over the protocol's links
   * @param perPartition bytes each partition sent
   * @param messages frames all partitions sent
   */
  public record Traffic(long bytes, long[] perPartition, long messages) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /**
   * The BatchNorm divergence between partitions.
   *
   * @param divergence mean divergence of the first BatchNorm layer's minibatch means between
   *     partitions, {@code ||mu_a - mu_b|| / ||(mu_a + mu_b) / 2||} over windows of minibatches and
   *     partition pairs (§6.4.1); NaN without BatchNorm
   * @param perChannel the same per channel, {@code |mu_a,c - mu_b,c| / |avg|} (Fig. 6.7)
   */
  public record BatchNorm(double divergence, double[] perChannel) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** Training samples over all partitions. */
  public int trainSamples() {
    return execution.trainSamples();
  }

  /** Test samples evaluated. */
  public int testSamples() {
    return execution.testSamples();
  }

  /** Training samples per partition. */
  public int[] partitionSizes() {
    return execution.partitionSizes();
  }

  /** The partitioner's printed class histogram. */
  public String partitionHistogram() {
    return execution.partitionHistogram();
  }

  /** Iterations trained. */
  public long steps() {
    return execution.steps();
  }

  /** Wall-clock seconds of the run. */
  public double seconds() {
    return execution.seconds();
  }

  /** Whether training stopped early on a non-finite loss. */
  public boolean diverged() {
    return execution.diverged();
  }

  /** Epochs at the accuracy-curve points. */
  public double[] curveEpoch() {
    return curve.epoch();
  }

  /** Top-1 at each curve point. */
  public double[] curveTop1() {
    return curve.top1();
  }

  /** Mean training loss at each curve point. */
  public double[] curveTrainLoss() {
    return curve.trainLoss();
  }

  /** Mean training accuracy at each curve point. */
  public double[] curveTrainAccuracy() {
    return curve.trainAccuracy();
  }

  /** Bytes sent at each curve point. */
  public long[] curveBytes() {
    return curve.bytes();
  }

  /** Final headline top-1. */
  public double top1() {
    return accuracy.top1();
  }

  /** Final top-1 of the averaged model. */
  public double top1AveragedModel() {
    return accuracy.averagedModel();
  }

  /** Final top-1 of each partition's model. */
  public double[] top1PerPartition() {
    return accuracy.perPartition();
  }

  /** Bytes all partitions sent. */
  public long bytes() {
    return traffic.bytes();
  }

  /** Bytes each partition sent. */
  public long[] bytesPerPartition() {
    return traffic.perPartition();
  }

  /** Frames all partitions sent. */
  public long messages() {
    return traffic.messages();
  }

  /** Mean first-layer BatchNorm divergence; NaN without BatchNorm. */
  public double bnDivergence() {
    return batchNorm.divergence();
  }

  /** BatchNorm divergence per channel. */
  public double[] bnDivergencePerChannel() {
    return batchNorm.perChannel();
  }

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
    return empty(run, sb.toString(), seconds);
  }

  /** A result with nothing measured: a run that failed with {@code error} after {@code seconds}. */
  public static RunResult empty(StudyRun run, String error, double seconds) {
    return new RunResult(run, error, new Execution(0, 0, new int[0], "", 0, seconds, false),
        new Curve(new double[0], new double[0], new double[0], new double[0], new long[0]),
        new Accuracy(Double.NaN, Double.NaN, new double[0]), new Traffic(0, new long[0], 0),
        new BatchNorm(Double.NaN, new double[0]), Map.of());
  }
}
