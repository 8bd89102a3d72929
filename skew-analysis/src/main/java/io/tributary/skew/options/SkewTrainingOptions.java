package io.tributary.skew.options;

import io.tributary.common.config.Setting;
import java.nio.file.Path;
import java.util.List;

/**
 * The training settings the non-IID study and SkewScout share, declared once. Those without a
 * default are filled by whoever runs them: the study's preset, or SkewScout's bench defaults
 * ({@link ScoutOptions}); a value set here overrides them for every run.
 */
public final class SkewTrainingOptions {
  private SkewTrainingOptions() {}

  /** K, the number of partitions. */
  public static final Setting<Integer> NUM_PARTITIONS = Setting.key("num-partitions").intType().noDefaultValue()
      .withDescription("Number of partitions K.")
      .requiring(v -> v > 0, "a positive number of partitions");

  /** Minibatch size per partition. */
  public static final Setting<Integer> BATCH_SIZE = Setting.key("batch-size").intType().noDefaultValue()
      .withDescription("Minibatch size per partition.")
      .requiring(v -> v > 0, "a positive minibatch size");

  /** Training epochs. */
  public static final Setting<Double> EPOCHS = Setting.key("epochs").doubleType().noDefaultValue()
      .withDescription("Training epochs over the (subset of the) training set.")
      .requiring(v -> v > 0, "a positive number of epochs");

  /** Initial learning rate, mean-weighted form. */
  public static final Setting<Double> LR = Setting.key("lr").doubleType().noDefaultValue()
      .withDescription("Initial learning rate (mean-weighted form; divided by 10 at 50% and 75%).")
      .requiring(v -> v > 0, "a positive learning rate");

  /** Training samples per class. */
  public static final Setting<Integer> TRAIN_PER_CLASS = Setting.key("train-per-class").intType().noDefaultValue()
      .withDescription("Training samples per class (0 = all).")
      .requiring(v -> v >= 0, "a number of samples, 0 or more");

  /** Test samples per class. */
  public static final Setting<Integer> TEST_PER_CLASS = Setting.key("test-per-class").intType().noDefaultValue()
      .withDescription("Test samples per class (0 = all).")
      .requiring(v -> v >= 0, "a number of samples, 0 or more");

  /** Seed of data subsets, partitions, initial models, minibatches and SkewScout's controller. */
  public static final Setting<Long> SEED = Setting.key("seed").longType().defaultValue(1L)
      .withDescription("Seed of subsets, partitions, initial models, minibatches and the controller.");

  /** Epochs between accuracy-curve points. */
  public static final Setting<Double> EVAL_EVERY = Setting.key("eval-every").doubleType().noDefaultValue()
      .withDescription("Epochs between accuracy-curve points.")
      .requiring(v -> v > 0, "a positive number of epochs");

  /** The Spark master; unset picks spark-submit's, else a local one. */
  public static final Setting<String> MASTER = Setting.key("master").stringType().noDefaultValue()
      .withDescription("Spark master (default: spark-submit's --master, else local[<cores>]; the study's "
          + "partition-per-task placement: local[K]).");

  /** The output directory (the CLI's default depends on the command). */
  public static final Setting<Path> OUT = Setting.key("out").pathType().noDefaultValue()
      .withDescription("Output directory.");

  /** Reuse the runs an interrupted invocation saved. */
  public static final Setting<Boolean> RESUME = Setting.key("resume").flag()
      .withDescription("Reuse runs an interrupted invocation saved in --out.");

  /** Print the plan and partition histograms without training. */
  public static final Setting<Boolean> DRY_RUN = Setting.key("dry-run").flag()
      .withDescription("Print the runs and partition histograms, train nothing.");

  /** The shared training settings, in {@code --help} order. */
  public static final List<Setting<?>> TRAINING = List.of(NUM_PARTITIONS, BATCH_SIZE, EPOCHS, LR, TRAIN_PER_CLASS,
      TEST_PER_CLASS, SEED, EVAL_EVERY, MASTER);
}
