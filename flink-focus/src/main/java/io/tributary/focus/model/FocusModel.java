package io.tributary.focus.model;

import io.tributary.common.model.Architecture;
import io.tributary.common.model.ModelSpec;
import io.tributary.focus.tune.TunedModels;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A serialisable description of a model Focus runs, which operators open where they run: a
 * built-in network from the model cache, a user's ONNX or TorchScript classifier, or a YOLOX
 * detector. Carries the class names (from a labels file: one name a line, in output order). A
 * built-in network's layout is the common {@link ModelSpec} that {@link #network()} gives.
 *
 * @param arch the built-in crop network ({@link Architecture#isCropNetwork()}), or null for model files
 * @param output how the model's outputs are read
 */
public record FocusModel(Kind kind, String path, String name, Architecture arch, List<String> classes,
    InputSpec input, Output output) implements Serializable {

  /**
   * Where the model comes from. {@code TUNED}: a cheap CNN the stream tuner specialised
   * ({@link TunedModels}), {@code path} its folder.
   */
  public enum Kind { BUILTIN, ONNX, TORCHSCRIPT, YOLOX, TUNED }

  /**
   * How a model's outputs are read.
   *
   * @param probabilities the classifier outputs probabilities (otherwise logits, softmaxed here)
   * @param nonObjects class names that mean "no object" (never indexed or returned)
   * @param minScore smallest probability (classifier as GT) or detection score (YOLOX) that counts
   */
  public record Output(boolean probabilities, List<String> nonObjects, float minScore) implements Serializable {
    public Output {
      nonObjects = List.copyOf(nonObjects);
    }
  }

  /** Class names meaning "no object": the built-in models' "background", a specialised model's "OTHER" is an object. */
  public static final List<String> DEFAULT_NON_OBJECTS = List.of("background");

  /** A classifier's default outputs: logits, "background" is no object, any score counts. */
  public static final Output CLASSIFIER_OUTPUT = new Output(false, DEFAULT_NON_OBJECTS, 0f);

  public FocusModel {
    classes = List.copyOf(classes);
    if (classes.isEmpty()) {
      throw new IllegalArgumentException("model " + path + " has no class names");
    }
    if (arch != null && !arch.isCropNetwork()) {
      throw new IllegalArgumentException("model " + path + ": " + arch.name() + " is not a crop network; crop networks: "
          + Architecture.cropNetworks().stream().map(Architecture::name).toList());
    }
  }

  /** Whether the classifier outputs probabilities rather than logits. */
  public boolean outputsProbabilities() {
    return output.probabilities();
  }

  /** Class names that mean "no object". */
  public List<String> nonObjects() {
    return output.nonObjects();
  }

  /** Smallest probability or detection score that counts. */
  public float minScore() {
    return output.minScore();
  }

  /**
   * The network of a built-in model: its architecture, a {@code [3, side, side]} crop and the
   * classes.
   *
   * @throws IllegalStateException for a model file (its network is the file's)
   */
  public ModelSpec network() {
    if (arch == null) {
      throw new IllegalStateException("model " + describe() + " is a model file, not a built-in network");
    }
    return new ModelSpec(arch, new int[] {3, arch.inputSize(), arch.inputSize()}, classes.size());
  }

  public static FocusModel builtin(Architecture arch, Path dir, String name, List<String> classes) {
    return new FocusModel(Kind.BUILTIN, dir.toString(), name, arch, classes, InputSpec.builtin(arch),
        CLASSIFIER_OUTPUT);
  }

  /** A user's classifier: {@code .onnx} or TorchScript ({@code .pt}); labels one per line. */
  public static FocusModel classifierFile(Path file, Path labels, InputSpec input, boolean outputsProbabilities)
      throws IOException {
    checkFile(file, "model");
    Kind k = file.toString().endsWith(".onnx") ? Kind.ONNX : Kind.TORCHSCRIPT;
    return new FocusModel(k, file.toString(), file.getFileName().toString(), null, readLabels(labels), input,
        new Output(outputsProbabilities, DEFAULT_NON_OBJECTS, 0f));
  }

  /**
   * COCO categories that have ids in the 2014 paper's list of 91 but no annotations; detectors trained
   * on COCO 2017 (YOLOX among them) output the other 80, in the same order.
   */
  static final List<String> COCO_UNUSED = List.of("street sign", "hat", "shoe", "eye glasses", "plate", "mirror",
      "window", "desk", "door", "blender");

  /**
   * A YOLOX ONNX detector (e.g. {@code yolox_nano.onnx}) with its labels: 80 COCO names, or the
   * 90-name COCO list (e.g. OpenCV's), from which the 10 unannotated categories are dropped.
   */
  public static FocusModel yolox(Path file, Path labels, float scoreThreshold) throws IOException {
    checkFile(file, "YOLOX model");
    List<String> names = readLabels(labels);
    if (names.size() == 90 && names.containsAll(COCO_UNUSED)) {
      names = names.stream().filter(n -> !COCO_UNUSED.contains(n)).toList();
    }
    return new FocusModel(Kind.YOLOX, file.toString(), file.getFileName().toString(), null, names,
        InputSpec.yolox(416), new Output(false, List.of(), scoreThreshold));
  }

  /** Opens the model as a crop classifier (the cheap CNN, or a classifier GT's inner model). */
  public CropModel openCropModel() throws IOException {
    return switch (kind) {
      case BUILTIN -> DjlCropModel.builtin(arch, Path.of(path), name, classes);
      case ONNX, TORCHSCRIPT -> DjlCropModel.file(Path.of(path), classes, input, output.probabilities());
      case TUNED -> TunedModels.open(this);
      case YOLOX -> throw new IllegalArgumentException("model " + path
          + " is a detector; the ingest CNN must be a crop classifier");
    };
  }

  /** Opens the model as GT-CNN. */
  public GroundTruthModel openGroundTruth() throws IOException {
    if (kind == Kind.YOLOX) {
      return YoloxGroundTruth.load(Path.of(path), classes, output.minScore());
    }
    return new ClassifierGroundTruth(openCropModel(), describe(), Set.copyOf(nonObjects()), output.minScore());
  }

  /** Whether {@code label} is an object class of this model (not "background"). */
  public boolean knowsObjectClass(String label) {
    return classes.contains(label) && !nonObjects().contains(label);
  }

  /** Object classes (without the non-object ones). */
  public List<String> objectClasses() {
    return classes.stream().filter(c -> !nonObjects().contains(c)).toList();
  }

  public String describe() {
    return switch (kind) {
      case BUILTIN -> "builtin:" + name;
      case ONNX -> "onnx:" + Path.of(path).getFileName();
      case TORCHSCRIPT -> "torchscript:" + Path.of(path).getFileName();
      case YOLOX -> "yolox:" + Path.of(path).getFileName();
      case TUNED -> "tuned:" + name;
    };
  }

  /** Class names from a labels file, one a line (blank lines ignored); errors name the file. */
  public static List<String> readLabels(Path labels) throws IOException {
    checkFile(labels, "labels file");
    List<String> out = Files.readAllLines(labels, StandardCharsets.UTF_8).stream().map(String::strip)
        .filter(s -> !s.isEmpty()).toList();
    if (out.isEmpty()) {
      throw new IOException("labels file " + labels + " lists no class names");
    }
    return out;
  }

  private static void checkFile(Path p, String what) throws IOException {
    if (!Files.isRegularFile(p)) {
      throw new IOException(what + " " + p + " does not exist");
    }
  }
}
