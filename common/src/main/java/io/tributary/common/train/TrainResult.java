package io.tributary.common.train;

import io.tributary.common.model.Evaluation;
import io.tributary.common.model.ModelSpec;
import java.util.List;

/**
 * The outcome of {@link Trainer#fit}.
 *
 * @param spec the model trained
 * @param seed the seed of initialisation and shuffling
 * @param epochs one entry per (possibly partial) epoch
 * @param finalTest the last evaluation on the test set, or null without one
 * @param steps optimiser steps done
 * @param trainSeconds wall time spent in training steps (gradient + update), evaluation excluded
 * @param totalSeconds wall time of the whole fit
 * @param parameters the trained parameters, flat (see {@code Replica.parameters()})
 * @param state the trained non-trainable state (BatchNorm running statistics)
 */
public record TrainResult(ModelSpec spec, long seed, List<EpochResult> epochs, Evaluation finalTest, long steps,
    double trainSeconds, double totalSeconds, float[] parameters, float[] state) {

  /** Training throughput: optimiser steps per second of training time. */
  public double stepsPerSecond() {
    return trainSeconds > 0 ? steps / trainSeconds : 0;
  }
}
