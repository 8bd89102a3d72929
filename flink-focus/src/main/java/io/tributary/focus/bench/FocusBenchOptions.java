package io.tributary.focus.bench;

import io.tributary.common.config.Setting;
import io.tributary.focus.FocusOptions;
import java.util.List;

/**
 * The options of {@code focus bench} ({@link FocusBench}): the video generated when none is given,
 * the GT-CNN, Focus's K, T and Skip_th, the tuned mode, and which classes are queried. Video files
 * and the output folder are the command's arguments.
 */
public final class FocusBenchOptions {
  private FocusBenchOptions() {}

  public static final Setting<Boolean> TUNED = Setting.key("tuned").flag()
      .withDescription("Also run the stream tuner and ingest/query with its balance, opt-ingest and opt-query picks; "
          + "summary.json gains <policy>_ingest_cost_ratio, _query_latency_ratio, _test_precision_min, "
          + "_test_recall_min.");

  public static final Setting<String> TUNE_FAMILY = Setting.key("tune-family").stringType().defaultValue("small")
      .withDescription("With --tuned: cheap-CNN candidates, as 'focus tune --family'.");

  public static final Setting<Double> CLASS_COVERAGE = Setting.key("class-coverage").fractionType().defaultValue(0.95)
      .withDescription("Query the classes that make up this fraction of the GT detections in the test half.")
      .requiring(v -> v > 0 && v <= 1, "a fraction in (0, 1]");

  public static final Setting<Double> NOSCOPE_TARGET_ERROR = Setting.key("noscope-target-error").fractionType()
      .defaultValue(0.005)
      .withDescription("Error the NoScope-style cascade's thresholds are chosen for, on the training half.")
      .requiring(v -> v >= 0 && v < 1, "a fraction in [0, 1)");

  /** Every option of the bench, in {@code --help} order. */
  public static final List<Setting<?>> ALL = List.of(FocusOptions.SECONDS, FocusOptions.SEED, FocusOptions.GT_MODEL,
      FocusOptions.GT_LABELS, FocusOptions.SAMPLE_FPS, FocusOptions.TOP_K, FocusOptions.DISTANCE,
      FocusOptions.SKIP_THRESHOLD, FocusOptions.PARALLELISM, TUNED, TUNE_FAMILY, CLASS_COVERAGE, NOSCOPE_TARGET_ERROR);
}
