package io.tributary.skew.options;

import io.tributary.common.config.Setting;
import io.tributary.common.config.Settings;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The skew profiler's settings ({@code tributary skew profile}): its partitions, how to read them,
 * and the local training of the accuracy-loss matrix. The seed, minibatch and Spark master are the
 * shared {@link SkewTrainingOptions}; the profiler's defaults for them are below.
 */
public final class ProfileOptions {
  private ProfileOptions() {}

  /** Default local-training minibatch. */
  public static final int DEFAULT_BATCH = 32;

  /**
   * One path per partition: a Parquet file or directory, or an image folder ({@code
   * <dir>/<class>/*.png|jpg|...}). The CLI takes them space-separated ({@code --partitions a b}).
   */
  public static final Setting<List<Path>> PARTITIONS = Setting.key("partitions")
      .type("<path,...>", "a comma-separated list of paths",
          s -> Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).map(Path::of).toList(),
          l -> l.stream().map(Path::toString).collect(Collectors.joining(",")))
      .defaultValue(List.of())
      .withDescription("One path per partition.");

  /** Parquet label column (integer or string). */
  public static final Setting<String> LABEL_COLUMN = Setting.key("label-column").stringType().defaultValue("label")
      .withDescription("Parquet label column.");

  /** Parquet features column (array of numbers or a Spark ML vector), for the accuracy-loss matrix. */
  public static final Setting<String> FEATURES_COLUMN = Setting.key("features-column").stringType()
      .defaultValue("features")
      .withDescription("Parquet features column.");

  /** Sample shape of Parquet features; unset: inferred. */
  public static final Setting<String> SHAPE = Setting.key("shape").stringType().noDefaultValue()
      .withDescription("Sample shape of Parquet features, C,H,W or D (default: inferred).");

  /** Height and width image folders are resized to. */
  public static final Setting<Integer> IMAGE_SIZE = Setting.key("image-size").intType().defaultValue(32)
      .withDescription("Height and width image folders are resized to.")
      .requiring(v -> v > 0, "a positive number of pixels");

  /** Read image folders as one grey channel (default RGB). */
  public static final Setting<Boolean> GREY = Setting.key("grey").flag()
      .withDescription("Read image folders as one grey channel.");

  /** A Tributary model file whose network (and weights) the accuracy-loss matrix uses. */
  public static final Setting<Path> MODEL = Setting.key("model").pathType().noDefaultValue()
      .withDescription("A Tributary model file for the accuracy-loss matrix.");

  /** A built-in architecture for the accuracy-loss matrix (fresh weights). */
  public static final Setting<String> ARCHITECTURE = Setting.key("architecture").stringType().noDefaultValue()
      .withDescription("A built-in network for the accuracy-loss matrix (fresh weights): mlp, lenet, gn-lenet, ...");

  /** Momentum-SGD steps each partition's copy trains before the models travel (0: evaluate as given). */
  public static final Setting<Integer> LOCAL_STEPS = Setting.key("local-steps").intType().defaultValue(200)
      .withDescription("Steps each partition trains its copy before traveling (0 evaluates the model as given).")
      .requiring(v -> v >= 0, "a number of steps, 0 or more");

  /** Local training's learning rate (0.05 diverged on unnormalised features). */
  public static final Setting<Double> LR = Setting.key("lr").doubleType().defaultValue(0.01)
      .withDescription("Local training's learning rate.");

  /** Samples of each partition a model is evaluated on. */
  public static final Setting<Integer> SAMPLE = Setting.key("sample").intType().defaultValue(500)
      .withDescription("Samples per partition a model is evaluated on.");

  /** Samples per partition loaded for training and evaluation (0 = all). */
  public static final Setting<Integer> MAX_SAMPLES = Setting.key("max-samples").intType().defaultValue(0)
      .withDescription("Samples loaded per partition for training/evaluation (0 = all).")
      .requiring(v -> v >= 0, "a number of samples, 0 or more");

  /** Whether the accuracy-loss matrix is asked for: a model file or an architecture is given. */
  public static boolean wantsAccuracyLoss(Settings s) {
    String architecture = s.get(ARCHITECTURE);
    return s.get(MODEL) != null || (architecture != null && !architecture.isBlank());
  }

  /** Every setting of the profiler, in {@code --help} order. */
  public static final List<Setting<?>> ALL = List.of(PARTITIONS, LABEL_COLUMN, FEATURES_COLUMN, SHAPE, IMAGE_SIZE,
      GREY, MODEL, ARCHITECTURE, LOCAL_STEPS, LR, SkewTrainingOptions.BATCH_SIZE, SAMPLE, MAX_SAMPLES,
      SkewTrainingOptions.SEED, SkewTrainingOptions.MASTER, SkewTrainingOptions.OUT);
}
