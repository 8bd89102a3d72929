package io.tributary.focus.bench;

import io.tributary.common.config.Setting;
import io.tributary.common.config.Settings;
import io.tributary.focus.FocusOptions;
import io.tributary.focus.ingest.IngestConfig;
import io.tributary.focus.ingest.JobSettings;
import io.tributary.focus.tune.CandidateArch;
import io.tributary.focus.tune.TunerSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What {@link FocusBench} runs: the videos, the values of {@link FocusBenchOptions#ALL} and the output folder.
 *
 * @param videos user videos (one camera each); empty to generate one of {@link FocusOptions#SECONDS}
 * @param settings the bench's options ({@link FocusOptions#GT_MODEL} "builtin" is the project's GT-CNN,
 *     generated video only; else a YOLOX ONNX file with {@link FocusOptions#GT_LABELS})
 * @param out output folder
 */
public record FocusBenchConfig(List<Path> videos, Settings settings, Path out) {
  public FocusBenchConfig {
    videos = List.copyOf(videos);
  }

  /** The defaults on a generated video, writing to {@code out}. */
  public static FocusBenchConfig generated(Path out) {
    return new FocusBenchConfig(List.of(), Settings.empty(), out);
  }

  /** The same with {@code setting} set to {@code value}. */
  public <T> FocusBenchConfig with(Setting<T> setting, T value) {
    return new FocusBenchConfig(videos, settings.with(setting, value), out);
  }

  /** The same on these video files. */
  public FocusBenchConfig withVideos(List<Path> v) {
    return new FocusBenchConfig(v, settings, out);
  }

  /** Length of the generated video ({@link FocusOptions#SECONDS}). */
  public double generatedSeconds() {
    return settings.get(FocusOptions.SECONDS);
  }

  /** Seed of the generated video. */
  public long seed() {
    return settings.get(FocusOptions.SEED);
  }

  /** The GT-CNN: "builtin" or a YOLOX ONNX file. */
  public String gtModel() {
    return settings.get(FocusOptions.GT_MODEL);
  }

  /** The YOLOX model's class names, or null. */
  public Path gtLabels() {
    return settings.get(FocusOptions.GT_LABELS);
  }

  /** Frames sampled per second of video. */
  public double sampleFps() {
    return settings.get(FocusOptions.SAMPLE_FPS);
  }

  /** Focus's Skip_th at query time. */
  public double skipThreshold() {
    return settings.get(FocusOptions.SKIP_THRESHOLD);
  }

  /** Fraction of the test half's GT detections whose classes are queried. */
  public double classCoverage() {
    return settings.get(FocusBenchOptions.CLASS_COVERAGE);
  }

  /** Error the NoScope-style cascade is tuned for. */
  public double noscopeTargetError() {
    return settings.get(FocusBenchOptions.NOSCOPE_TARGET_ERROR);
  }

  /** Focus's ingest parameters: the defaults with the bench's K and T. */
  public IngestConfig ingest() {
    return IngestConfig.defaults().withTopK(settings.get(FocusOptions.TOP_K))
        .withDistanceThreshold(settings.get(FocusOptions.DISTANCE));
  }

  /** The Flink job settings: the defaults with the bench's parallelism. */
  public JobSettings job() {
    return JobSettings.defaults().withParallelism(settings.get(FocusOptions.PARALLELISM));
  }

  /** With {@link FocusBenchOptions#TUNED}: the stream tuner's settings (candidates {@link FocusBenchOptions#TUNE_FAMILY}); else null. */
  public TunerSettings tuner() {
    return settings.get(FocusBenchOptions.TUNED)
        ? TunerSettings.defaults().withFamily(CandidateArch.parseFamily(settings.get(FocusBenchOptions.TUNE_FAMILY)))
        : null;
  }

  /** One line, with the configured ingest parameters. */
  public String describe() {
    return describe(ingest());
  }

  /** One line, with {@code ingest} as the ingest parameters the run used. */
  public String describe(IngestConfig ingest) {
    TunerSettings tuner = tuner();
    return String.format(Locale.ROOT, "videos=%s generated_s=%s seed=%d gt=%s sample_fps=%s ingest={%s} job={%s}"
        + " class_coverage=%s skip_th=%s noscope_target_error=%s", videos.isEmpty() ? "generated" : videos,
        generatedSeconds(), seed(), gtModel(), sampleFps(), ingest.describe(), job().describe(), classCoverage(),
        skipThreshold(), noscopeTargetError()) + (tuner == null ? "" : " tuned={" + tuner.describe() + "}");
  }
}
