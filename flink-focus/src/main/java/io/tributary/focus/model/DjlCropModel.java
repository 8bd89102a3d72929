package io.tributary.focus.model;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import ai.djl.util.PairList;
import io.tributary.common.model.Architecture;
import io.tributary.common.model.CropNets;
import io.tributary.connectors.video.BgrImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link CropModel} running on DJL: the project's built-in networks (PyTorch engine), or a
 * user's ONNX (ONNX Runtime) or TorchScript (PyTorch) classifier, through {@link CropBatchTranslator}.
 * Models whose declared batch dimension is fixed at 1 are run crop by crop.
 */
public final class DjlCropModel implements CropModel {
  private final Model model;
  private final Predictor<List<BgrImage>, List<CropPrediction>> predictor;
  private final List<String> classes;
  private final boolean batchOne;

  private DjlCropModel(Model model, Predictor<List<BgrImage>, List<CropPrediction>> predictor,
      List<String> classes, boolean batchOne) {
    this.model = model;
    this.predictor = predictor;
    this.classes = List.copyOf(classes);
    this.batchOne = batchOne;
  }

  /** A built-in network ({@link CropNets}) with parameters saved in {@code dir} under {@code name}. */
  public static DjlCropModel builtin(Architecture arch, Path dir, String name, List<String> classes)
      throws IOException {
    Engines.configure();
    Model m = Model.newInstance(name, "PyTorch");
    m.setBlock(CropNets.build(arch, classes.size()));
    try {
      m.load(dir, name);
    } catch (MalformedModelException e) {
      m.close();
      throw new IOException("built-in model " + dir.resolve(name) + " is damaged: " + e.getMessage(), e);
    }
    CropBatchTranslator t = new CropBatchTranslator(InputSpec.builtin(arch), false, classes.size());
    return new DjlCropModel(m, m.newPredictor(t), classes, false).probed("built-in model " + dir.resolve(name));
  }

  /** Wraps an already trained in-memory model (training hands it over this way). */
  static DjlCropModel of(Model m, Architecture arch, List<String> classes) {
    CropBatchTranslator t = new CropBatchTranslator(InputSpec.builtin(arch), false, classes.size());
    return new DjlCropModel(m, m.newPredictor(t), classes, false);
  }

  /**
   * A user's classifier file: {@code .onnx} (ONNX Runtime) or {@code .pt}/{@code .torchscript}
   * (PyTorch). Its input must be {@code [N or 1, 3, H, W]} matching {@code input}; fails with a
   * message naming the file otherwise.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static DjlCropModel file(Path file, List<String> classes, InputSpec input, boolean outputsProbabilities)
      throws IOException {
    Engines.configure();
    String engine = file.toString().endsWith(".onnx") ? "OnnxRuntime" : "PyTorch";
    Criteria<List<BgrImage>, List<CropPrediction>> criteria = Criteria.builder()
        .setTypes((Class<List<BgrImage>>) (Class) List.class, (Class<List<CropPrediction>>) (Class) List.class)
        .optModelPath(file)
        .optEngine(engine)
        .optOption("interOpNumThreads", "1")
        .optOption("intraOpNumThreads", "1")
        .optTranslator(new CropBatchTranslator(input, outputsProbabilities, classes.size()))
        .build();
    ZooModel<List<BgrImage>, List<CropPrediction>> m;
    try {
      m = criteria.loadModel();
    } catch (ModelNotFoundException | MalformedModelException | RuntimeException e) {
      throw new IOException("model " + file + ": cannot load with " + engine + ": " + e.getMessage(), e);
    }
    boolean batchOne = false;
    try {
      PairList<String, Shape> in = m.describeInput();
      if (in != null && in.size() > 0) {
        Shape s = in.get(0).getValue();
        String name = in.get(0).getKey();
        if (s != null && (s.dimension() != 4 || s.get(1) != 3 && s.get(1) > 0
            || s.get(2) > 0 && s.get(2) != input.height() || s.get(3) > 0 && s.get(3) != input.width())) {
          m.close();
          throw new IOException("model " + file + ": input '" + name + "' has shape " + s
              + "; a crop classifier here needs [N, 3, " + input.height() + ", " + input.width()
              + "] (set the input size to the model's)");
        }
        batchOne = s != null && s.get(0) == 1;
      }
    } catch (UnsupportedOperationException e) {
      // Engines without input descriptions (TorchScript): shapes are checked on first use.
    }
    return new DjlCropModel(m, m.newPredictor(), classes, batchOne).probed("model " + file);
  }

  /**
   * Runs one blank crop through the model so that a model that does not fit its class names or
   * input fails here, naming the model, and not at the first real batch.
   */
  private DjlCropModel probed(String what) throws IOException {
    try {
      predict(List.of(new BgrImage(16, 16, new byte[16 * 16 * 3])));
      return this;
    } catch (RuntimeException e) {
      close();
      throw new IOException(what + " does not fit: " + e.getMessage(), e);
    }
  }

  @Override
  public List<String> classes() {
    return classes;
  }

  @Override
  public List<CropPrediction> predict(List<BgrImage> crops) {
    if (crops.isEmpty()) {
      return List.of();
    }
    try {
      if (!batchOne) {
        return predictor.predict(crops);
      }
      List<CropPrediction> out = new ArrayList<>(crops.size());
      for (BgrImage c : crops) {
        out.addAll(predictor.predict(List.of(c)));
      }
      return out;
    } catch (TranslateException e) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      throw new IllegalStateException("model " + model.getName() + " failed on a batch of " + crops.size()
          + " crops: " + root.getMessage(), e);
    }
  }

  @Override
  public void close() {
    predictor.close();
    model.close();
  }
}
