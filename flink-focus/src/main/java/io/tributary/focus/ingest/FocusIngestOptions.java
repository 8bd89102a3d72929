package io.tributary.focus.ingest;

import io.tributary.common.config.Setting;
import io.tributary.common.config.Settings;
import io.tributary.focus.FocusOptions;
import io.tributary.focus.extract.BackgroundSubtractor;
import io.tributary.focus.tune.TunerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The options of a Focus ingest run ({@code tributary focus ingest}): where the index goes, the
 * ingest CNN, K, T and C, the Flink job's settings and periodic re-tuning. The command line offers
 * each as {@code --<key>}; a Flink user sets them in a Flink {@code Configuration} as
 * {@code focus.<key>} ({@link FlinkSettings}, read by {@link FocusIngestJob.Builder#options}).
 */
public final class FocusIngestOptions {
  private FocusIngestOptions() {}

  public static final Setting<String> INDEX = Setting.key("index").stringType().noDefaultValue()
      .withDescription("Index root: a path or URI (file://, hdfs://). Required.");

  public static final Setting<String> CHEAP_MODEL = Setting.key("cheap-model").stringType().defaultValue("builtin")
      .withDescription("Ingest CNN: 'builtin' (trained by the project for generated video), 'tuned:FILE' (a "
          + "tuned.properties of 'focus tune': its model, K and T) or an ONNX/TorchScript classifier file.");

  public static final Setting<Path> CHEAP_LABELS = Setting.key("cheap-labels").pathType().noDefaultValue()
      .withDescription("Class names of a user's ingest CNN, one a line.");

  public static final Setting<Integer> CHEAP_INPUT = Setting.key("cheap-input").intType().defaultValue(224)
      .withDescription("Input size of a user's ingest CNN.")
      .requiring(v -> v >= 1, "a positive size in pixels");

  public static final Setting<Integer> MAX_CLUSTERS = Setting.key("max-clusters").intType().defaultValue(100)
      .withDescription("C: most active clusters per camera.");

  public static final Setting<Double> CROP_CONTEXT = Setting.key("crop-context").doubleType().defaultValue(1.0)
      .withDescription("Window stored around each centroid object, as a multiple of its size: 1 keeps the crop; "
          + "about 2.5 when the GT-CNN is a detector such as YOLOX.");

  public static final Setting<String> BACKGROUND = Setting.key("background").stringType().defaultValue("window-average")
      .withDescription("window-average (hourly average, as in the paper) or running-average.");

  public static final Setting<String> START = Setting.key("start").stringType().defaultValue("1970-01-01T00:00:00Z")
      .withDescription("Wall-clock time of the first frame: ISO-8601 or epoch ms.");

  public static final Setting<String> STATE_BACKEND = Setting.key("state-backend").stringType().defaultValue("hashmap")
      .withDescription("hashmap or rocksdb.");

  public static final Setting<Long> CHECKPOINT_INTERVAL_MS = Setting.key("checkpoint-interval-ms").longType()
      .defaultValue(2000L).withDescription("Checkpoint (and index commit) interval.");

  public static final Setting<String> CHECKPOINT_DIR = Setting.key("checkpoint-dir").stringType().noDefaultValue()
      .withDescription("Checkpoint storage URI (default: in memory).");

  public static final Setting<Path> TUNED_DIR = Setting.key("tuned-dir").pathType().noDefaultValue()
      .withDescription("Re-tuning: watch this folder for the stream tuner's tuned.properties (focus tune --out DIR, "
          + "re-run on a schedule); each new one becomes the ingest CNN, K and T at the next checkpoint.");

  public static final Setting<Long> RETUNE_POLL_MS = Setting.key("retune-poll-ms").longType().defaultValue(5000L)
      .withDescription("How often --tuned-dir is checked.");

  public static final Setting<String> RETUNE_EVERY = Setting.key("retune-every").stringType().noDefaultValue()
      .withDescription("Re-tuning: run the stream tuner every DURATION (90s, 10m, 1h) in the job's driver on the "
          + "history the index has committed so far (video files only) and switch to its choice at the next "
          + "checkpoint. With it, --gt-model and --gt-labels name the GT-CNN labelling the history, and --policy, "
          + "--precision, --recall and --family steer the tuner.");

  public static final Setting<Path> RETUNE_OUT = Setting.key("retune-out").pathType()
      .defaultValue(Path.of("results", "focus-retune"))
      .withDescription("With --retune-every: where each round's tuner outputs go, round-N/.");

  /** Every option of an ingest run, in {@code --help} order. */
  public static final List<Setting<?>> ALL = List.of(INDEX, CHEAP_MODEL, CHEAP_LABELS, CHEAP_INPUT,
      FocusOptions.SAMPLE_FPS, FocusOptions.TOP_K, FocusOptions.DISTANCE, MAX_CLUSTERS, CROP_CONTEXT, BACKGROUND, START,
      STATE_BACKEND, FocusOptions.PARALLELISM, CHECKPOINT_INTERVAL_MS, CHECKPOINT_DIR, TUNED_DIR, RETUNE_POLL_MS,
      RETUNE_EVERY, FocusOptions.GT_MODEL, FocusOptions.GT_LABELS, TunerOptions.POLICY, TunerOptions.PRECISION,
      TunerOptions.RECALL, TunerOptions.FAMILY, RETUNE_OUT);

  /** The ingest parameters {@code s} sets (K, T, C, crop context, background) on the defaults. */
  public static IngestConfig ingestConfig(Settings s) {
    BackgroundSubtractor.Config bg = BackgroundSubtractor.Config.defaults().withMode(background(s.get(BACKGROUND)));
    return IngestConfig.defaults().withTopK(s.get(FocusOptions.TOP_K))
        .withDistanceThreshold(s.get(FocusOptions.DISTANCE)).withMaxActiveClusters(s.get(MAX_CLUSTERS))
        .withBackground(bg).withCropContext(s.get(CROP_CONTEXT));
  }

  /** The Flink job settings {@code s} sets (parallelism, state backend, checkpoints) on the defaults. */
  public static JobSettings jobSettings(Settings s) {
    return JobSettings.defaults().withParallelism(s.get(FocusOptions.PARALLELISM))
        .withStateBackend(s.get(STATE_BACKEND))
        .withCheckpointInterval(Duration.ofMillis(s.get(CHECKPOINT_INTERVAL_MS)))
        .withCheckpointDir(s.get(CHECKPOINT_DIR));
  }

  private static BackgroundSubtractor.Mode background(String name) {
    return switch (name) {
      case "window-average", "hourly-average" -> BackgroundSubtractor.Mode.WINDOW_AVERAGE;
      case "running-average" -> BackgroundSubtractor.Mode.RUNNING_AVERAGE;
      default -> throw new IllegalArgumentException("--background '" + name
          + "' is not one of window-average, running-average");
    };
  }
}
