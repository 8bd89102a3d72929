package io.tributary.skew.options;

import io.tributary.common.config.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The non-IID study's settings: a preset and the overrides applied to it. The grid settings
 * (datasets, models, partitions, algorithms) replace the preset's grids by one grid; the shared
 * {@link SkewTrainingOptions} apply to every run; unset values keep the preset's.
 */
public final class StudyOptions {
  private StudyOptions() {}

  /** The preset: {@code paper-cifar10}, {@code paper-cifar10-gaia}, {@code smoke} or {@code none}. */
  public static final Setting<String> PRESET = Setting.key("preset").stringType().defaultValue("paper-cifar10")
      .withDescription("Preset: paper-cifar10, paper-cifar10-gaia, smoke or none.");

  /** Dataset names. */
  public static final Setting<List<String>> DATASETS = Setting.key("datasets").stringListType().noDefaultValue()
      .withDescription("Datasets: cifar10, cifar10:<path>, fashion-mnist, mnist, idx:<dir>.");

  /** Architecture ids. */
  public static final Setting<List<String>> MODELS = Setting.key("models").stringListType().noDefaultValue()
      .withDescription("Models: lenet, bn-lenet, gn-lenet, resnet20-bn, resnet20-gn, mlp.");

  /** Partitioner specs. */
  public static final Setting<List<String>> PARTITIONS = Setting.key("partitions").stringListType().noDefaultValue()
      .withDescription("Partitionings: iid, label-skew, noniid:<percent>, dirichlet:<alpha>, ...");

  /** Protocol specs with the paper's knob values. */
  public static final Setting<List<String>> ALGORITHMS = Setting.key("algorithms").stringListType().noDefaultValue()
      .withDescription("Algorithms with their knobs, e.g. bsp,gaia:10%,fedavg:20,dgc:8.");

  /**
   * Whether DGC's E_warm is scaled by epochs/128; unset keeps the preset's (on). The CLI offers it
   * as {@code --[no-]scale-epoch-knobs}.
   */
  public static final Setting<Boolean> SCALE_EPOCH_KNOBS = Setting.key("scale-epoch-knobs")
      .type("<true|false>", "true or false", StudyOptions::bool, String::valueOf).noDefaultValue()
      .withDescription("Scale DGC's E_warm by epochs/128 (default: on in the presets).");

  /** Where the runs execute. */
  public static final Setting<String> PLACEMENT = Setting.key("placement").stringType().defaultValue("run-per-task")
      .withDescription("run-per-task (one Spark task simulates a run's K partitions; runs in parallel) or "
          + "partition-per-task (a barrier stage of K tasks per run).");

  /** Every setting of the study, in {@code --help} order: what {@code study-config.txt} records. */
  public static final List<Setting<?>> ALL = all();

  private static List<Setting<?>> all() {
    List<Setting<?>> all = new ArrayList<>(List.of(PRESET, DATASETS, MODELS, PARTITIONS, ALGORITHMS));
    all.addAll(SkewTrainingOptions.TRAINING);
    all.addAll(List.of(SCALE_EPOCH_KNOBS, PLACEMENT, SkewTrainingOptions.OUT, SkewTrainingOptions.RESUME,
        SkewTrainingOptions.DRY_RUN));
    return List.copyOf(all);
  }

  private static Boolean bool(String s) {
    return switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("not true or false");
    };
  }
}
