package io.tributary.focus.model;

import ai.djl.Model;
import io.tributary.common.model.Architecture;
import java.util.List;

/** Wraps a model just trained in memory (not stored) as a {@link CropModel}. */
public final class TrainedCropModel {
  private TrainedCropModel() {}

  public static CropModel of(Model m, Architecture arch, List<String> classes) {
    return DjlCropModel.of(m, arch, classes);
  }
}
