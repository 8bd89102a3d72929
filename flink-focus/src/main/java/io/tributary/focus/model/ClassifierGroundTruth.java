package io.tributary.focus.model;

import io.tributary.connectors.video.BgrImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A crop classifier as GT-CNN: a crop's class is the model's top-1, unless that is a non-object
 * class (e.g. "background") or less probable than {@code minProbability}.
 */
public final class ClassifierGroundTruth implements GroundTruthModel {
  private final CropModel model;
  private final String name;
  private final Set<String> nonObjects;
  private final float minProbability;

  public ClassifierGroundTruth(CropModel model, String name, Set<String> nonObjects, float minProbability) {
    this.model = model;
    this.name = name;
    this.nonObjects = Set.copyOf(nonObjects);
    this.minProbability = minProbability;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<String> classes() {
    return model.classes().stream().filter(c -> !nonObjects.contains(c)).toList();
  }

  @Override
  public boolean isDetector() {
    return false;
  }

  @Override
  public List<Set<String>> classifyCrops(List<BgrImage> crops) {
    List<Set<String>> out = new ArrayList<>(crops.size());
    for (CropPrediction p : model.predict(crops)) {
      int top = p.top1();
      String label = model.classes().get(top);
      out.add(p.probabilities()[top] >= minProbability && !nonObjects.contains(label) ? Set.of(label) : Set.of());
    }
    return out;
  }

  @Override
  public List<Detection> detect(BgrImage frame) {
    throw new UnsupportedOperationException("GT model " + name + " is a classifier; it labels crops, not frames");
  }

  @Override
  public void close() {
    model.close();
  }
}
