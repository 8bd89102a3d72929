package io.tributary.skew.options;

import io.tributary.common.config.Setting;
import io.tributary.common.scout.Objective;
import java.util.ArrayList;
import java.util.List;

/**
 * SkewScout's settings ({@code tributary skew scout}, thesis §6.6), with the bench's defaults
 * sized for 2 cores. The shared {@link SkewTrainingOptions} have no default of their own; SkewScout
 * fills them with the constants below ({@link #DEFAULT_PARTITIONS}, ...).
 */
public final class ScoutOptions {
  private ScoutOptions() {}

  /** Default K. */
  public static final int DEFAULT_PARTITIONS = 5;
  /** Default minibatch per partition. */
  public static final int DEFAULT_BATCH = 10;
  /** Default epochs. */
  public static final double DEFAULT_EPOCHS = 3;
  /** Default learning rate (mean-weighted form). */
  public static final double DEFAULT_LR = 0.01;
  /** Default training images per class. */
  public static final int DEFAULT_TRAIN_PER_CLASS = 60;
  /** Default test images per class. */
  public static final int DEFAULT_TEST_PER_CLASS = 100;
  /** Default epochs between accuracy-curve points. */
  public static final double DEFAULT_EVAL_EVERY = 1.0;

  /** The dataset. */
  public static final Setting<String> DATASET = Setting.key("dataset").stringType().defaultValue("fashion-mnist")
      .withDescription("Dataset: fashion-mnist, mnist, cifar10, cifar10:<path>, idx:<dir>.");

  /** The architecture. */
  public static final Setting<String> MODEL = Setting.key("model").stringType().defaultValue("gn-lenet")
      .withDescription("Model: lenet, bn-lenet, gn-lenet, resnet20-bn, resnet20-gn, mlp.");

  /** Partitioner specs; unset: label-skew, or with --bench IID, 20%, 60% and 100% non-IID. */
  public static final Setting<List<String>> PARTITIONS = Setting.key("partitions").stringListType().noDefaultValue()
      .withDescription("Partitionings: iid, label-skew, noniid:<percent>, dirichlet:<alpha>, ... (default: "
          + "label-skew; with --bench iid,noniid:20,noniid:60,label-skew).");

  /** The tuned algorithm. */
  public static final Setting<String> ALGORITHM = Setting.key("algorithm").stringType().defaultValue("gaia")
      .withDescription("The tuned algorithm: gaia, fedavg or dgc.");

  /** The knob values; unset: the algorithm's grid (the bench's coarser one for Gaia). */
  public static final Setting<String> GRID = Setting.key("grid").stringType().noDefaultValue()
      .withDescription("Knob values, comma-separated (e.g. 0,1%,2%,5%,10%,20% for Gaia; 1,2,5,10,20,50 for "
          + "FedAvg; E_warm in the paper's 128 epochs for DGC).");

  /** Model-traveling period MTP, in iterations. */
  public static final Setting<Integer> MTP = Setting.key("mtp").intType().defaultValue(4)
      .withDescription("Model-traveling period MTP, in iterations.")
      .requiring(v -> v > 0, "a positive number of iterations");

  /** Training samples of a partition a travelling model is evaluated on. */
  public static final Setting<Integer> SAMPLE = Setting.key("sample").intType().defaultValue(100)
      .withDescription("Training samples of a partition a travelling model is evaluated on.")
      .requiring(v -> v > 0, "a positive number of samples");

  /** The accuracy-loss bound sigma_AL. */
  public static final Setting<Double> SIGMA = Setting.key("sigma").fractionType().defaultValue(Objective.DEFAULT_SIGMA)
      .withDescription("Accuracy-loss bound sigma_AL, a fraction or a percentage (5%).");

  /** Eq. 6.2's lambda_AL. */
  public static final Setting<Double> LAMBDA_AL = Setting.key("lambda-al").doubleType()
      .defaultValue(Objective.DEFAULT_LAMBDA_AL)
      .withDescription("Weight lambda_AL of the accuracy-loss excess in eq. 6.2.");

  /** Eq. 6.2's lambda_C. */
  public static final Setting<Double> LAMBDA_C = Setting.key("lambda-c").doubleType()
      .defaultValue(Objective.DEFAULT_LAMBDA_C)
      .withDescription("Weight lambda_C of communication in eq. 6.2.");

  /** The search strategy over the grid. */
  public static final Setting<String> STRATEGY = Setting.key("strategy").stringType().defaultValue("hill-climbing")
      .withDescription("hill-climbing, stochastic-hill-climbing or simulated-annealing.");

  /** The first knob value; unset: the grid's most communicating value. */
  public static final Setting<String> START = Setting.key("start").stringType().noDefaultValue()
      .withDescription("The first knob value (default: the grid's most communicating value).");

  /**
   * Decisions a memoised accuracy loss is trusted (0 = forever): a theta whose accuracy loss was
   * too high early in training is tried again after this many decisions, as AL falls when
   * training converges.
   */
  public static final Setting<Integer> MEMO_TTL = Setting.key("memo-ttl").intType().defaultValue(4)
      .withDescription("Decisions a memoised accuracy loss is trusted (0 = forever).");

  /** The travel schedule. */
  public static final Setting<String> SCHEDULE = Setting.key("schedule").stringType().defaultValue("pairs")
      .withDescription("Travel schedule: pairs, broadcast, broadcast:<sources>.");

  /** The travel routes. */
  public static final Setting<String> OVERLAY = Setting.key("overlay").stringType().defaultValue("direct")
      .withDescription("Travel routes: direct, hubs:<groups> or hubs:<id,...> (broadcast settings), server "
          + "(server-client settings).");

  /** Accuracy within which a fixed run reaches BSP's (ORACLE). */
  public static final Setting<Double> TOLERANCE = Setting.key("tolerance").doubleType().defaultValue(0.02)
      .withDescription("Accuracy (fraction) within which a run reaches BSP's (ORACLE); 2 points, the study's "
          + "threshold.");

  /** Without the bench: do not train BSP beside SkewScout. */
  public static final Setting<Boolean> NO_BASELINE = Setting.key("no-baseline").flag()
      .withDescription("Without --bench: do not train BSP beside SkewScout.");

  /** Every setting of SkewScout, in {@code --help} order: what {@code config.txt} records. */
  public static final List<Setting<?>> ALL = all();

  private static List<Setting<?>> all() {
    List<Setting<?>> all = new ArrayList<>(SkewTrainingOptions.TRAINING);
    all.addAll(List.of(DATASET, MODEL, PARTITIONS, ALGORITHM, GRID, MTP, SAMPLE, SIGMA, LAMBDA_AL, LAMBDA_C, STRATEGY,
        START, MEMO_TTL, SCHEDULE, OVERLAY, TOLERANCE, NO_BASELINE, SkewTrainingOptions.OUT,
        SkewTrainingOptions.RESUME, SkewTrainingOptions.DRY_RUN));
    return List.copyOf(all);
  }
}
