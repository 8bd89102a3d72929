package io.tributary.common.train;

import io.tributary.common.model.Evaluation;
import io.tributary.common.model.ModelSpec;
import java.util.List;

/**
 * The outcome of {@link Trainer#fit}.
 *
 * @param spec the model trained
 * @param seed the seed of initialisation and shuffling
 * @param history the epochs, steps and times of the training loop
 * @param parameters the trained parameters, flat (see {@code Replica.parameters()})
 * @param state the trained non-trainable state (BatchNorm running statistics)
 */
public record TrainResult(ModelSpec spec, long seed, TrainingHistory history, float[] parameters, float[] state) {

  /** One entry per (possibly partial) epoch. */
  public List<EpochResult> epochs() {
    return history.epochs();
  }

  /** The last evaluation on the test set, or null without one. */
  public Evaluation finalTest() {
    return history.finalTest();
  }

  /** Optimiser steps done. */
  public long steps() {
    return history.steps();
  }

  /** Wall time spent in training steps (gradient + update), evaluation excluded. */
  public double trainSeconds() {
    return history.trainSeconds();
  }

  /** Wall time of the whole fit. */
  public double totalSeconds() {
    return history.totalSeconds();
  }

  /** Training throughput: optimiser steps per second of training time. */
  public double stepsPerSecond() {
    return history.stepsPerSecond();
  }
}
