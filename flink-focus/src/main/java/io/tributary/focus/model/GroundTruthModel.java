package io.tributary.focus.model;

import io.tributary.connectors.video.BgrImage;
import java.util.List;
import java.util.Set;

/**
 * The user's GT-CNN: the model whose answers Focus's answers are measured against. A classifier
 * labels crops; a detector (e.g. YOLOX) finds objects in whole frames and, applied to a crop,
 * labels the crop with the classes it detects there. Not thread-safe.
 */
public interface GroundTruthModel extends AutoCloseable {
  /** A short description (kind and file) for reports. */
  String name();

  /** Every class name the model can output. */
  List<String> classes();

  /** Whether {@link #detect} works on whole frames. */
  boolean isDetector();

  /** For each crop, the classes the model finds in it (empty: nothing it would report). */
  List<Set<String>> classifyCrops(List<BgrImage> crops);

  /**
   * For each object, the classes the model finds on it (classifiers: in its crop; detectors: in the
   * window around it, counting detections that lie on the object).
   */
  default List<Set<String>> classifyViews(List<CropView> views) {
    return classifyCrops(views.stream().map(CropView::objectCrop).toList());
  }

  /** Objects in a whole frame; detectors only. */
  List<Detection> detect(BgrImage frame);

  @Override
  void close();
}
