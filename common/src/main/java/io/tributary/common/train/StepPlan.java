package io.tributary.common.train;

/**
 * Which minibatches a {@link TrainingLoop} runs: {@code epochs} passes over
 * {@code examplesPerEpoch} examples in minibatches of {@code batchSize}, at most {@code maxSteps}
 * steps in all.
 *
 * @param dropLast whether an epoch's last incomplete minibatch is dropped (otherwise it is run
 *     with the examples left)
 */
public record StepPlan(int epochs, int examplesPerEpoch, int batchSize, boolean dropLast, long maxSteps) {
  public StepPlan {
    if (epochs < 1 || examplesPerEpoch < 1 || batchSize < 1 || maxSteps < 1) {
      throw new IllegalArgumentException("a step plan needs epochs, examples, batch size and step limit >= 1, got "
          + epochs + ", " + examplesPerEpoch + ", " + batchSize + ", " + maxSteps);
    }
  }

  /** Minibatches in each epoch. */
  public int stepsPerEpoch() {
    return dropLast ? examplesPerEpoch / batchSize : (examplesPerEpoch + batchSize - 1) / batchSize;
  }

  /** Size of minibatch {@code index} of an epoch. */
  public int batchSize(int index) {
    return Math.min(batchSize, examplesPerEpoch - index * batchSize);
  }

  /** Steps the plan runs unless training stops early. */
  public long plannedSteps() {
    return Math.min(maxSteps, (long) stepsPerEpoch() * epochs);
  }
}
