package io.tributary.common.train;

import io.tributary.common.model.Gradient;

/** Callbacks from {@link Trainer#fit}; both default to doing nothing. Called on the training thread. */
public interface TrainListener {
  /**
   * After each optimiser step.
   *
   * @param step global step just done (0-based)
   * @param epoch its epoch (0-based)
   * @param learningRate the rate used
   * @param gradient the minibatch's gradient, loss and accuracy (before the update)
   */
  default void onStep(long step, int epoch, double learningRate, Gradient gradient) {}

  /** After each epoch's evaluation (and after the last, possibly partial, epoch). */
  default void onEpoch(EpochResult result) {}
}
