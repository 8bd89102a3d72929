package io.tributary.focus.cli;

import io.tributary.common.config.Setting;
import io.tributary.focus.FocusOptions;
import io.tributary.focus.tune.TunerOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * The options of {@code focus tune}: the video to generate when none is given, the GT-CNN, the
 * sampling rate, then the stream tuner's own ({@link TunerOptions}). Video files and the output
 * folder are the command's arguments.
 */
public final class FocusTuneOptions {
  private FocusTuneOptions() {}

  /** Every option of {@code focus tune}, in {@code --help} order. */
  public static final List<Setting<?>> ALL = concat(List.of(FocusOptions.SECONDS, FocusOptions.SEED,
      FocusOptions.GT_MODEL, FocusOptions.GT_LABELS, FocusOptions.SAMPLE_FPS), TunerOptions.ALL);

  static List<Setting<?>> concat(List<Setting<?>> a, List<Setting<?>> b) {
    List<Setting<?>> all = new ArrayList<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }
}
