package io.tributary.focus.model;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A serialisable description of a model Focus runs, which operators open where they run: a
 * built-in network from the model cache, a user's ONNX or TorchScript classifier, or a YOLOX
 * detector. Carries the class names (from a labels file: one name a line, in output order).
 *
 * @param nonObjects class names that mean "no object" (never indexed or returned)
 * @param minScore smallest probability (classifier as GT) or detection score (YOLOX) that counts
 */
public record ModelSpec(Kind kind, String path, String name, BuiltinNets.Arch arch, List<String> classes,
    InputSpec input, boolean outputsProbabilities, List<String> nonObjects, float minScore)
    implements Serializable {

  /**
   * Where the model comes from. {@code TUNED}: a cheap CNN the stream tuner specialised
   * ({@link io.tributary.focus.tune.TunedModels}), {@code path} its folder.
   */
  public enum Kind { BUILTIN, ONNX, TORCHSCRIPT, YOLOX, TUNED }

  /** Class names meaning "no object": the built-in models' "background", a specialised model's "OTHER" is an object. */
  public static final List<String> DEFAULT_NON_OBJECTS = List.of("background");

  public ModelSpec {
    classes = List.copyOf(classes);
    nonObjects = List.copyOf(nonObjects);
    if (classes.isEmpty()) {
      throw new IllegalArgumentException("model " + path + " has no class names");
    }
  }

  public static ModelSpec builtin(BuiltinNets.Arch arch, Path dir, String name, List<String> classes) {
    return new ModelSpec(Kind.BUILTIN, dir.toString(), name, arch, classes, arch.input(),
        false, DEFAULT_NON_OBJECTS, 0f);
  }

  /** A user's classifier: {@code .onnx} or TorchScript ({@code .pt}); labels one per line. */
  public static ModelSpec classifierFile(Path file, Path labels, InputSpec input, boolean outputsProbabilities)
      throws IOException {
    checkFile(file, "model");
    Kind k = file.toString().endsWith(".onnx") ? Kind.ONNX : Kind.TORCHSCRIPT;
    return new ModelSpec(k, file.toString(), file.getFileName().toString(), null, readLabels(labels), input,
        outputsProbabilities, DEFAULT_NON_OBJECTS, 0f);
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
  public static ModelSpec yolox(Path file, Path labels, float scoreThreshold) throws IOException {
    checkFile(file, "YOLOX model");
    List<String> names = readLabels(labels);
    if (names.size() == 90 && names.containsAll(COCO_UNUSED)) {
      names = names.stream().filter(n -> !COCO_UNUSED.contains(n)).toList();
    }
    return new ModelSpec(Kind.YOLOX, file.toString(), file.getFileName().toString(), null, names,
        InputSpec.yolox(416), false, List.of(), scoreThreshold);
  }

  /** Opens the model as a crop classifier (the cheap CNN, or a classifier GT's inner model). */
  public CropModel openCropModel() throws IOException {
    return switch (kind) {
      case BUILTIN -> DjlCropModel.builtin(arch, Path.of(path), name, classes);
      case ONNX, TORCHSCRIPT -> DjlCropModel.file(Path.of(path), classes, input, outputsProbabilities);
      case TUNED -> io.tributary.focus.tune.TunedModels.open(this);
      case YOLOX -> throw new IllegalArgumentException("model " + path
          + " is a detector; the ingest CNN must be a crop classifier");
    };
  }

  /** Opens the model as GT-CNN. */
  public GroundTruthModel openGroundTruth() throws IOException {
    if (kind == Kind.YOLOX) {
      return YoloxGroundTruth.load(Path.of(path), classes, minScore);
    }
    return new ClassifierGroundTruth(openCropModel(), describe(), java.util.Set.copyOf(nonObjects), minScore);
  }

  /** Whether {@code label} is an object class of this model (not "background"). */
  public boolean knowsObjectClass(String label) {
    return classes.contains(label) && !nonObjects.contains(label);
  }

  /** Object classes (without the non-object ones). */
  public List<String> objectClasses() {
    return classes.stream().filter(c -> !nonObjects.contains(c)).toList();
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
