package io.tributary.focus.model;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import ai.djl.util.PairList;
import io.tributary.connectors.video.BgrImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A YOLOX detector (ONNX, e.g. {@code yolox_nano.onnx}) as GT-CNN, on ONNX Runtime with one thread.
 * On a crop it reports the classes it detects there (the crop letterboxed like a frame).
 */
public final class YoloxGroundTruth implements GroundTruthModel {
  private final Path file;
  private final ZooModel<BgrImage, List<Detection>> model;
  private final Predictor<BgrImage, List<Detection>> predictor;
  private final List<String> labels;
  private final int size;

  private YoloxGroundTruth(Path file, ZooModel<BgrImage, List<Detection>> model, List<String> labels, int size) {
    this.size = size;
    this.file = file;
    this.model = model;
    this.predictor = model.newPredictor();
    this.labels = labels;
  }

  /**
   * Loads {@code file}; its input must be {@code [1, 3, S, S]} (S is read from the model).
   *
   * @param scoreThreshold smallest objectness x class score reported
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static YoloxGroundTruth load(Path file, List<String> labels, float scoreThreshold) throws IOException {
    Engines.configure();
    int size = probeInputSize(file);
    Criteria<BgrImage, List<Detection>> c = Criteria.builder()
        .setTypes(BgrImage.class, (Class<List<Detection>>) (Class) List.class)
        .optModelPath(file)
        .optEngine("OnnxRuntime")
        .optOption("interOpNumThreads", "1")
        .optOption("intraOpNumThreads", "1")
        .optTranslator(new YoloxTranslator(size, labels, scoreThreshold, 0.45f))
        .build();
    try {
      return new YoloxGroundTruth(file, c.loadModel(), labels, size);
    } catch (ModelNotFoundException | MalformedModelException | RuntimeException e) {
      throw new IOException("YOLOX model " + file + ": cannot load: " + e.getMessage(), e);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int probeInputSize(Path file) throws IOException {
    Criteria<NDList, NDList> c = Criteria.builder()
        .setTypes(NDList.class, NDList.class)
        .optModelPath(file).optEngine("OnnxRuntime").build();
    try (ZooModel<?, ?> m = c.loadModel()) {
      PairList<String, Shape> in = m.describeInput();
      Shape s = in == null || in.isEmpty() ? null : in.get(0).getValue();
      if (s == null) {
        return 416; // the model does not declare its input: YOLOX's usual size; a mismatch fails on first use
      }
      if (s.dimension() != 4 || s.get(1) != 3 || s.get(2) != s.get(3) || s.get(2) <= 0) {
        throw new IOException("YOLOX model " + file + ": input '" + in.get(0).getKey() + "' has shape " + s
            + "; expected [1, 3, S, S]");
      }
      return (int) s.get(2);
    } catch (ModelNotFoundException | MalformedModelException | RuntimeException e) {
      throw new IOException("YOLOX model " + file + ": cannot load: " + e.getMessage(), e);
    }
  }

  @Override
  public String name() {
    return "yolox:" + file.getFileName();
  }

  @Override
  public List<String> classes() {
    return labels;
  }

  @Override
  public boolean isDetector() {
    return true;
  }

  @Override
  public List<Set<String>> classifyCrops(List<BgrImage> crops) {
    List<Set<String>> out = new ArrayList<>(crops.size());
    for (BgrImage c : crops) {
      Set<String> s = new LinkedHashSet<>();
      for (Detection d : detect(c)) {
        s.add(d.label());
      }
      out.add(s);
    }
    return out;
  }

  /**
   * YOLOX on the window around each object (letterboxed like a frame); a class counts when a
   * detection of it lies on the object: at least half of the detection inside the object's box, or
   * the two overlapping with IoU of at least 0.3.
   */
  @Override
  public List<Set<String>> classifyViews(List<CropView> views) {
    List<Set<String>> out = new ArrayList<>(views.size());
    for (CropView v : views) {
      Set<String> labels = new LinkedHashSet<>();
      for (Detection d : detect(v.image())) {
        if (d.box().intersection(v.object()) >= 0.5 * d.box().area() || d.box().iou(v.object()) >= 0.3) {
          labels.add(d.label());
        }
      }
      out.add(labels);
    }
    return out;
  }

  @Override
  public List<Detection> detect(BgrImage frame) {
    try {
      return predictor.predict(frame);
    } catch (TranslateException e) {
      throw new IllegalStateException("YOLOX " + file + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    predictor.close();
    model.close();
  }
}
