package io.tributary.common.train;

import io.tributary.common.model.Evaluation;
import java.util.Locale;

/**
 * What one epoch of {@link Trainer#fit} did.
 *
 * @param epoch 0-based epoch
 * @param steps global steps done by the end of the epoch
 * @param trainLoss mean minibatch loss over the epoch's steps
 * @param trainAccuracy mean minibatch accuracy over the epoch's steps
 * @param learningRate the rate of the epoch's last step
 * @param test evaluation on the test set after the epoch, or null without a test set
 * @param seconds wall time since the start of training, evaluation included
 */
public record EpochResult(int epoch, long steps, double trainLoss, double trainAccuracy, double learningRate,
    Evaluation test, double seconds) {
  @Override
  public String toString() {
    return String.format(Locale.ROOT, "epoch %d: %d steps, train loss %.4f acc %.4f, lr %.3g%s, %.1fs", epoch, steps,
        trainLoss, trainAccuracy, learningRate, test == null ? "" : ", test " + test, seconds);
  }
}
