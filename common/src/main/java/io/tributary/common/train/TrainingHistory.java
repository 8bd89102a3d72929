package io.tributary.common.train;

import io.tributary.common.model.Evaluation;
import java.util.List;

/**
 * What a {@link TrainingLoop} did.
 *
 * @param epochs one entry per (possibly partial) epoch
 * @param finalTest the last evaluation on the test set, or null without one
 * @param steps optimiser steps done
 * @param trainSeconds wall time spent in training steps, evaluation excluded
 * @param totalSeconds wall time of the whole loop
 */
public record TrainingHistory(List<EpochResult> epochs, Evaluation finalTest, long steps, double trainSeconds,
    double totalSeconds) {
  public TrainingHistory {
    epochs = List.copyOf(epochs);
  }

  /** Training throughput: optimiser steps per second of training time. */
  public double stepsPerSecond() {
    return trainSeconds > 0 ? steps / trainSeconds : 0;
  }
}
