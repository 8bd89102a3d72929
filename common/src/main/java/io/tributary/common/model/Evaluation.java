package io.tributary.common.model;

import java.util.Locale;

/**
 * Inference-mode quality of a model on a dataset.
 *
 * @param top1 fraction of samples whose arg-max prediction is the label
 * @param loss mean softmax cross-entropy
 * @param samples number of samples evaluated
 */
public record Evaluation(double top1, double loss, long samples) {
  @Override
  public String toString() {
    return String.format(Locale.ROOT, "top-1 %.4f, loss %.4f on %d samples", top1, loss, samples);
  }
}
