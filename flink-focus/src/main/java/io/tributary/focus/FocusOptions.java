package io.tributary.focus;

import io.tributary.common.config.Setting;
import java.nio.file.Path;

/**
 * The options several Focus commands share (sampling, K, T, the GT-CNN, Skip_th, parallelism),
 * declared once so {@code ingest}, {@code query}, {@code bench} and {@code tune} name, default and
 * check them alike. Each command's own list ({@link io.tributary.focus.ingest.FocusIngestOptions#ALL}, ...) picks from these.
 */
public final class FocusOptions {
  private FocusOptions() {}

  public static final Setting<Double> SAMPLE_FPS = Setting.key("sample-fps").doubleType().defaultValue(1.0)
      .withDescription("Sampled frames per second.")
      .requiring(v -> v > 0, "a positive frame rate");

  public static final Setting<Integer> TOP_K = Setting.key("top-k").intType().defaultValue(4)
      .withDescription("K: classes indexed per object.")
      .requiring(v -> v >= 1, "at least 1");

  public static final Setting<Double> DISTANCE = Setting.key("distance").doubleType().defaultValue(5.0)
      .withDescription("T: clustering distance threshold.");

  public static final Setting<Integer> PARALLELISM = Setting.key("parallelism").intType().defaultValue(1)
      .withDescription("Flink parallelism.")
      .requiring(v -> v >= 1, "at least 1");

  public static final Setting<String> GT_MODEL = Setting.key("gt-model").stringType().defaultValue("builtin")
      .withDescription("GT-CNN: 'builtin' (trained by the project for generated video), a YOLOX ONNX file "
          + "(yolox:FILE or a name containing 'yolox'), or an ONNX classifier.");

  public static final Setting<Path> GT_LABELS = Setting.key("gt-labels").pathType().noDefaultValue()
      .withDescription("Class names of the GT-CNN, one a line (80 COCO names, or the 90-name list, for YOLOX).");

  /**
   * Skip_th: ingest confidences are probabilities, so a value in (0, 1] skips the GT-CNN for clusters
   * at least that confident and any value above 1 never skips; 0 or less would skip verification
   * for every cluster, which no query means.
   */
  public static final Setting<Double> SKIP_THRESHOLD = Setting.key("skip-threshold").doubleType().defaultValue(2.0)
      .withDescription("Skip_th: accept clusters whose ingest confidence is at least this without the GT-CNN; "
          + "above 1 never skips.")
      .requiring(v -> v > 0, "above 0 (Skip_th must be above 0; 0-1: skip the GT-CNN for clusters at least that "
          + "confident; above 1: never skip)");

  /** Length of a generated video, for the commands that generate one when given no video. */
  public static final Setting<Double> SECONDS = Setting.key("seconds").doubleType().defaultValue(600.0)
      .withDescription("Length of the generated video (used without --video).")
      .requiring(v -> v > 0, "a positive length in seconds");

  public static final Setting<Long> SEED = Setting.key("seed").longType().defaultValue(42L)
      .withDescription("Seed of the generated video.");
}
