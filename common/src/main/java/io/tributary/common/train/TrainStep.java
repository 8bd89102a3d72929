package io.tributary.common.train;

import io.tributary.common.model.Evaluation;
import io.tributary.common.model.Gradient;

/**
 * The model side of one {@link TrainingLoop}: draws a minibatch, takes its gradient and updates
 * the model. Replicas step with flat momentum SGD ({@link Trainer}); DJL models with the engine's
 * own optimiser ({@link DjlTraining}).
 */
public interface TrainStep {
  /** Called before each epoch's first step (e.g. to draw the epoch's visiting order). */
  default void startEpoch(int epoch) {}

  /**
   * Runs one optimiser step.
   *
   * @param step global step (0-based)
   * @param epoch its epoch (0-based)
   * @param index the minibatch's index in its epoch
   * @param batchSize the minibatch's size
   * @param learningRate the schedule's rate for this step
   * @return the minibatch's loss and accuracy (before the update), and its flat gradient where
   *     the step has one
   */
  Gradient step(long step, int epoch, int index, int batchSize, double learningRate);

  /** The evaluation after each epoch, or null without a test set. */
  default Evaluation evaluate() {
    return null;
  }
}
