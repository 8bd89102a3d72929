package io.tributary.focus.model;

import java.io.Serializable;

/**
 * What a crop classifier says about one crop: a probability per class (in the model's class order)
 * and the feature vector from its penultimate layer (the probabilities themselves when the model
 * exposes no features).
 */
public record CropPrediction(float[] probabilities, float[] feature) implements Serializable {
  /** Index of the most probable class. */
  public int top1() {
    int best = 0;
    for (int i = 1; i < probabilities.length; i++) {
      if (probabilities[i] > probabilities[best]) {
        best = i;
      }
    }
    return best;
  }
}
