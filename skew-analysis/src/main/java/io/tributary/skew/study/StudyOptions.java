package io.tributary.skew.study;

import java.nio.file.Path;
import java.util.List;

/**
 * What a user asks of the study on the command line: a preset and any overrides (null / empty
 * means "the preset's value"). Plain Java types only, so the CLI can build it without Spark.
 *
 * @param preset {@code paper-cifar10}, {@code paper-cifar10-gaia}, {@code smoke} or {@code none}
 * @param datasets dataset names; replaces the preset's grids by one grid when given
 * @param models architecture ids (same)
 * @param partitioners partitioner specs (same)
 * @param protocols protocol specs with the paper's knob values (same)
 * @param partitions K
 * @param batchSize minibatch per partition
 * @param epochs training epochs
 * @param learningRate initial learning rate
 * @param trainPerClass training samples per class
 * @param testPerClass test samples per class
 * @param seed the study's seed
 * @param evalEveryEpochs epochs between accuracy-curve points
 * @param scaleEpochKnobs whether DGC's E_warm is scaled to the training length
 * @param placement {@code run-per-task} or {@code partition-per-task}
 * @param master the Spark master; null picks {@code local[N]}
 * @param out output directory
 * @param resume whether to reuse runs saved by an interrupted study in {@code out/runs}
 * @param dryRun print the plan (runs and partition histograms) without training
 */
public record StudyOptions(String preset, List<String> datasets, List<String> models, List<String> partitioners,
    List<String> protocols, Integer partitions, Integer batchSize, Double epochs, Double learningRate,
    Integer trainPerClass, Integer testPerClass, Long seed, Double evalEveryEpochs, Boolean scaleEpochKnobs,
    String placement, String master, Path out, boolean resume, boolean dryRun) {

  public StudyOptions {
    datasets = datasets == null ? List.of() : List.copyOf(datasets);
    models = models == null ? List.of() : List.copyOf(models);
    partitioners = partitioners == null ? List.of() : List.copyOf(partitioners);
    protocols = protocols == null ? List.of() : List.copyOf(protocols);
  }

  /** Options of a preset with no overrides, writing to {@code out}. */
  public static StudyOptions ofPreset(String preset, Path out) {
    return new StudyOptions(preset, List.of(), List.of(), List.of(), List.of(), null, null, null, null, null, null, null,
        null, null, null, null, out, false, false);
  }
}
