package io.tributary.focus.model;

import io.tributary.connectors.video.BgrImage;
import java.util.List;

/** A CNN classifying object crops: class probabilities plus a feature vector per crop. Not thread-safe. */
public interface CropModel extends AutoCloseable {
  /** Class names, in output order. */
  List<String> classes();

  /** Predictions for a batch of crops, in order. */
  List<CropPrediction> predict(List<BgrImage> crops);

  @Override
  void close();
}
