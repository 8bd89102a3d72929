package io.tributary.skew.study;

import io.tributary.common.config.Setting;
import io.tributary.common.config.Settings;
import io.tributary.common.protocol.ProtocolSpec;
import io.tributary.common.protocol.SgdConfig;
import io.tributary.skew.options.SkewTrainingOptions;
import io.tributary.skew.options.StudyOptions;
import io.tributary.skew.study.StudyGrid.Dimensions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The study's presets, and how command-line overrides apply to them.
 *
 * <p>{@code paper-cifar10} reproduces §6.2.1/§6.4.2/§6.5 at this machine's scale: CIFAR-10, K = 5,
 * BN-LeNet and GN-LeNet (G_size = 2) under BSP, Gaia (T0 = 10%), FederatedAveraging (Iter_Local =
 * 20) and DGC (E_warm = 8), IID and label-skewed (2 classes per partition), plus GN-LeNet at 20,
 * 40, 60 and 80% non-IID. Appendix 6.B's training parameters are kept for every setting: minibatch
 * 20 per partition, momentum 0.9, weight decay 0.0005, learning rate 0.002 per partition in the
 * summed parameter-server form of Algorithms 1 and 3, which is 0.01 in the mean-weighted form used
 * here (K = 5), divided by 10 at 50% and 75% of training. What shrinks is the data (a class-
 * balanced subset) and the epochs; DGC's E_warm and the learning-rate milestones keep their
 * fractions of training.
 */
public final class StudyPresets {
  /** Preset names, for usage messages. */
  public static final List<String> NAMES = List.of("paper-cifar10", "paper-cifar10-gaia", "smoke", "none");

  /**
   * Training samples per class of CIFAR-10 in {@code paper-cifar10} (5,000 images in all, 1,000 per
   * partition). With 10 epochs a run is 500 iterations of K = 5 minibatches of 20, about 2 minutes
   * of one core for LeNet; the 32 runs take about half an hour on 2 quiet cores.
   */
  public static final int PAPER_TRAIN_PER_CLASS = 500;
  /** Test samples per class (3,000 in all: a standard error of about 0.9 points at 60% accuracy). */
  public static final int PAPER_TEST_PER_CLASS = 300;
  /** Epochs over the subset in {@code paper-cifar10} (BSP-IID stops improving after the second drop). */
  public static final double PAPER_EPOCHS = 10;

  private StudyPresets() {}

  static final List<ProtocolSpec> PAPER_PROTOCOLS = List.of(ProtocolSpec.bsp(), ProtocolSpec.gaia(0.10),
      ProtocolSpec.fedAvg(20), ProtocolSpec.dgc(8));
  static final double[] PAPER_MILESTONES = {0.5, 0.75};
  static final double PAPER_LR = 0.002 * 5;

  /** The grids of {@code settings} ({@link StudyOptions}): the preset's, with overrides applied. */
  public static List<StudyGrid> grids(Settings o) {
    String presetName = o.get(StudyOptions.PRESET);
    String preset = presetName.trim().toLowerCase(Locale.ROOT);
    List<StudyGrid> base = switch (preset) {
      case "paper-cifar10" -> List.of(
          grid(new Dimensions(List.of("cifar10"), List.of("bn-lenet", "gn-lenet"), List.of("iid", "label-skew"),
              PAPER_PROTOCOLS), paperTraining(), 2),
          grid(new Dimensions(List.of("cifar10"), List.of("gn-lenet"),
              List.of("noniid:20", "noniid:40", "noniid:60", "noniid:80"), PAPER_PROTOCOLS), paperTraining(), 2));
      case "paper-cifar10-gaia" -> List.of(grid(new Dimensions(List.of("cifar10"), List.of("bn-lenet", "gn-lenet"),
          List.of("iid", "label-skew"), List.of(ProtocolSpec.bsp(), ProtocolSpec.gaia(0.02), ProtocolSpec.gaia(0.05),
              ProtocolSpec.gaia(0.10), ProtocolSpec.gaia(0.20), ProtocolSpec.gaia(0.30), ProtocolSpec.gaia(0.40),
              ProtocolSpec.gaia(0.50))), paperTraining(), 2));
      case "smoke" -> List.of(grid(new Dimensions(List.of("fashion-mnist"), List.of("bn-lenet"),
          List.of("iid", "label-skew"), PAPER_PROTOCOLS), training(5, 10, 4, 60, 50), 1));
      case "none" -> List.of(grid(new Dimensions(List.of(), List.of(), List.of(), List.of()),
          training(5, 20, 10, 0, 0), 1));
      default -> throw new IllegalArgumentException("unknown preset '" + presetName + "' (expected one of " + NAMES + ")");
    };
    List<String> datasets = list(o, StudyOptions.DATASETS);
    List<String> models = list(o, StudyOptions.MODELS);
    List<String> partitioners = list(o, StudyOptions.PARTITIONS);
    List<String> protocolSpecs = list(o, StudyOptions.ALGORITHMS);
    boolean dims = !datasets.isEmpty() || !models.isEmpty() || !partitioners.isEmpty() || !protocolSpecs.isEmpty();
    if (dims) {
      StudyGrid b = base.get(0);
      List<ProtocolSpec> protocols = protocolSpecs.isEmpty() ? b.protocols()
          : protocolSpecs.stream().map(ProtocolSpec::parse).toList();
      base = List.of(b.withDimensions(new StudyGrid.Dimensions(datasets.isEmpty() ? b.datasets() : datasets,
          models.isEmpty() ? b.models() : models, partitioners.isEmpty() ? b.partitioners() : partitioners,
          protocols)));
    }
    List<StudyGrid> out = new ArrayList<>();
    for (StudyGrid g : base) {
      for (List<?> l : List.of(g.datasets(), g.models(), g.partitioners(), g.protocols())) {
        if (l.isEmpty()) {
          throw new IllegalArgumentException("preset " + preset + " needs --datasets, --models, --partitions and "
              + "--algorithms");
        }
      }
      StudyGrid.Training t = g.training();
      out.add(new StudyGrid(g.dimensions(), new StudyGrid.Training(
          or(o, SkewTrainingOptions.NUM_PARTITIONS, t.partitions()), or(o, SkewTrainingOptions.BATCH_SIZE,
              t.batchSize()), or(o, SkewTrainingOptions.EPOCHS, t.epochs()), or(o, SkewTrainingOptions.LR,
              t.learningRate()), t.milestoneFractions(), t.sgd(), or(o, SkewTrainingOptions.TRAIN_PER_CLASS,
              t.trainPerClass()), or(o, SkewTrainingOptions.TEST_PER_CLASS, t.testPerClass())),
          or(o, SkewTrainingOptions.SEED, g.seed()), or(o, SkewTrainingOptions.EVAL_EVERY, g.evalEveryEpochs()),
          g.groupSize(), or(o, StudyOptions.SCALE_EPOCH_KNOBS, g.scaleEpochKnobs())));
    }
    return out;
  }

  /** All runs of {@code settings}, numbered in grid order. */
  public static List<StudyRun> runs(Settings options) {
    List<StudyRun> runs = new ArrayList<>();
    for (StudyGrid g : grids(options)) {
      runs.addAll(g.expand(runs.size()));
    }
    return runs;
  }

  private static StudyGrid.Training paperTraining() {
    return training(5, 20, PAPER_EPOCHS, PAPER_TRAIN_PER_CLASS, PAPER_TEST_PER_CLASS);
  }

  private static StudyGrid.Training training(int k, int batch, double epochs, int trainPerClass, int testPerClass) {
    return new StudyGrid.Training(k, batch, epochs, PAPER_LR, PAPER_MILESTONES, SgdConfig.PAPER, trainPerClass,
        testPerClass);
  }

  private static StudyGrid grid(Dimensions dimensions, StudyGrid.Training training, double evalEvery) {
    return new StudyGrid(dimensions, training, 1L, evalEvery, 2, true);
  }

  /** The value set for {@code setting}, else {@code preset}'s (a setting's own default never overrides a preset). */
  private static <T> T or(Settings o, Setting<T> setting, T preset) {
    return o.isSet(setting) ? o.get(setting) : preset;
  }

  private static List<String> list(Settings o, Setting<List<String>> setting) {
    List<String> l = o.get(setting);
    return l == null ? List.of() : l;
  }
}
