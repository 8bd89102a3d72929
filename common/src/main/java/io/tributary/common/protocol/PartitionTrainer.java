package io.tributary.common.protocol;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

/**
 * One partition's training loop: sample a minibatch of local data, get the gradient from the
 * local replica, let the protocol send/receive/apply, and set the replica to the protocol's new
 * parameters. Minibatches are drawn without replacement from a seeded shuffle of the local data,
 * reshuffled after every pass, so runs are reproducible.
 *
 * <p>Time is global: {@code epoch = iteration / stepsPerEpoch}, where {@code stepsPerEpoch} is
 * the same on every partition (the whole training set divided by K times the batch size), so all
 * partitions agree on the learning rate and on epoch-based schedules.
 */
public final class PartitionTrainer {
  /** Called after every completed step, on the training thread. */
  @FunctionalInterface
  public interface StepListener {
    /**
     * @param gradient the step's local minibatch result, or null when the partition sat the
     *     step out (FederatedAveraging, not selected)
     */
    void afterStep(PartitionTrainer trainer, Step step, BatchGradient gradient) throws IOException;
  }

  private final Worker worker;
  private final SyncProtocol protocol;
  private final int batchSize;
  private final long stepsPerEpoch;
  private final DoubleUnaryOperator learningRate;
  private final SplittableRandom random;
  private final List<StepListener> listeners = new ArrayList<>();
  private int[] order;
  private int cursor;
  private long iteration;
  private Step pending;
  private BatchGradient pendingGradient;
  private double lossSum;
  private double accuracySum;
  private long measured;

  /**
   * @param batchSize local minibatch size B
   * @param stepsPerEpoch global steps per epoch, {@code >= 1}
   * @param learningRate learning rate as a function of the fractional epoch
   * @param seed minibatch sampling seed; mixed with the partition index
   */
  public PartitionTrainer(Worker worker, SyncProtocol protocol, int batchSize, long stepsPerEpoch,
      DoubleUnaryOperator learningRate, long seed) {
    if (worker.numParameters() != protocol.parameters().length) {
      throw new IllegalArgumentException("worker has " + worker.numParameters() + " parameters, protocol "
          + protocol.parameters().length);
    }
    if (worker.numSamples() <= 0) {
      throw new IllegalArgumentException("partition " + protocol.partition() + " has no training samples");
    }
    if (batchSize < 1 || stepsPerEpoch < 1) {
      throw new IllegalArgumentException("batch size and steps per epoch must be >= 1, got " + batchSize + ", "
          + stepsPerEpoch);
    }
    this.worker = worker;
    this.protocol = protocol;
    this.batchSize = batchSize;
    this.stepsPerEpoch = stepsPerEpoch;
    this.learningRate = learningRate;
    this.random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + protocol.partition());
    worker.setParameters(protocol.parameters());
  }

  /** Adds a listener called after every step. */
  public PartitionTrainer addListener(StepListener listener) {
    listeners.add(listener);
    return this;
  }

  public Worker worker() {
    return worker;
  }

  public SyncProtocol protocol() {
    return protocol;
  }

  /** Completed steps. */
  public long iteration() {
    return iteration;
  }

  /** Fractional epochs completed. */
  public double epoch() {
    return iteration / (double) stepsPerEpoch;
  }

  public long stepsPerEpoch() {
    return stepsPerEpoch;
  }

  /** The step the next {@link #sendPhase} takes. */
  public Step nextStep() {
    double epoch = epoch();
    return new Step(iteration, epoch, learningRate.applyAsDouble(epoch));
  }

  /** Phase 1: gradient on a local minibatch (when the protocol wants one) and protocol send. */
  public void sendPhase() throws IOException {
    if (pending != null) {
      throw new IllegalStateException("partition " + protocol.partition() + ": send phase twice");
    }
    Step step = nextStep();
    BatchGradient g = null;
    if (protocol.needsGradient(step)) {
      g = worker.gradient(nextBatch());
      lossSum += g.loss();
      accuracySum += g.accuracy();
      measured++;
    }
    protocol.send(g == null ? null : g.values(), step);
    pending = step;
    pendingGradient = g;
  }

  /** Phase 2: protocol receive, then the replica takes the protocol's parameters. */
  public void receivePhase() throws IOException, InterruptedException {
    if (pending == null) {
      throw new IllegalStateException("partition " + protocol.partition() + ": receive phase without send");
    }
    protocol.receive();
    worker.setParameters(protocol.parameters());
    Step step = pending;
    BatchGradient g = pendingGradient;
    pending = null;
    pendingGradient = null;
    iteration++;
    for (StepListener l : listeners) {
      l.afterStep(this, step, g);
    }
  }

  /** Both phases (one thread per partition). */
  public void step() throws IOException, InterruptedException {
    sendPhase();
    receivePhase();
  }

  /**
   * Mean training loss and accuracy of the minibatches since the last call, and resets them.
   *
   * @return {@code {loss, accuracy, batches}}; NaNs when no batch was measured
   */
  public double[] drainTrainingMetrics() {
    double[] out = measured == 0 ? new double[] {Double.NaN, Double.NaN, 0}
        : new double[] {lossSum / measured, accuracySum / measured, measured};
    lossSum = 0;
    accuracySum = 0;
    measured = 0;
    return out;
  }

  private int[] nextBatch() {
    int n = worker.numSamples();
    int[] batch = new int[batchSize];
    for (int b = 0; b < batchSize; b++) {
      if (order == null || cursor >= order.length) {
        order = shuffled(n);
        cursor = 0;
      }
      batch[b] = order[cursor++];
    }
    return batch;
  }

  private int[] shuffled(int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}
