package io.tributary.skew.study;

import io.tributary.common.protocol.ProtocolSpec;
import io.tributary.common.protocol.SgdConfig;
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

  /** The grids of {@code options}: the preset's, with overrides applied. */
  public static List<StudyGrid> grids(StudyOptions o) {
    String preset = o.preset() == null ? "paper-cifar10" : o.preset().trim().toLowerCase(Locale.ROOT);
    List<StudyGrid> base = switch (preset) {
      case "paper-cifar10" -> List.of(
          grid(List.of("cifar10"), List.of("bn-lenet", "gn-lenet"), List.of("iid", "label-skew"), PAPER_PROTOCOLS, 5, 20,
              PAPER_EPOCHS, PAPER_LR, PAPER_TRAIN_PER_CLASS, PAPER_TEST_PER_CLASS, 2),
          grid(List.of("cifar10"), List.of("gn-lenet"), List.of("noniid:20", "noniid:40", "noniid:60", "noniid:80"),
              PAPER_PROTOCOLS, 5, 20, PAPER_EPOCHS, PAPER_LR, PAPER_TRAIN_PER_CLASS, PAPER_TEST_PER_CLASS, 2));
      case "paper-cifar10-gaia" -> List.of(grid(List.of("cifar10"), List.of("bn-lenet", "gn-lenet"),
          List.of("iid", "label-skew"), List.of(ProtocolSpec.bsp(), ProtocolSpec.gaia(0.02), ProtocolSpec.gaia(0.05),
              ProtocolSpec.gaia(0.10), ProtocolSpec.gaia(0.20), ProtocolSpec.gaia(0.30), ProtocolSpec.gaia(0.40),
              ProtocolSpec.gaia(0.50)), 5, 20, PAPER_EPOCHS, PAPER_LR, PAPER_TRAIN_PER_CLASS, PAPER_TEST_PER_CLASS, 2));
      case "smoke" -> List.of(grid(List.of("fashion-mnist"), List.of("bn-lenet"), List.of("iid", "label-skew"),
          PAPER_PROTOCOLS, 5, 10, 4, PAPER_LR, 60, 50, 1));
      case "none" -> List.of(grid(List.of(), List.of(), List.of(), List.of(), 5, 20, 10, PAPER_LR, 0, 0, 1));
      default -> throw new IllegalArgumentException("unknown preset '" + o.preset() + "' (expected one of " + NAMES + ")");
    };
    boolean dims = !o.datasets().isEmpty() || !o.models().isEmpty() || !o.partitioners().isEmpty()
        || !o.protocols().isEmpty();
    if (dims) {
      StudyGrid b = base.get(0);
      List<ProtocolSpec> protocols = o.protocols().isEmpty() ? b.protocols()
          : o.protocols().stream().map(ProtocolSpec::parse).toList();
      base = List.of(new StudyGrid(o.datasets().isEmpty() ? b.datasets() : o.datasets(),
          o.models().isEmpty() ? b.models() : o.models(), o.partitioners().isEmpty() ? b.partitioners() : o.partitioners(),
          protocols, b.partitions(), b.batchSize(), b.epochs(), b.learningRate(), b.milestoneFractions(), b.sgd(),
          b.trainPerClass(), b.testPerClass(), b.seed(), b.evalEveryEpochs(), b.groupSize(), b.scaleEpochKnobs()));
    }
    List<StudyGrid> out = new ArrayList<>();
    for (StudyGrid g : base) {
      for (List<?> l : List.of(g.datasets(), g.models(), g.partitioners(), g.protocols())) {
        if (l.isEmpty()) {
          throw new IllegalArgumentException("preset " + preset + " needs --datasets, --models, --partitions and "
              + "--algorithms");
        }
      }
      out.add(new StudyGrid(g.datasets(), g.models(), g.partitioners(), g.protocols(),
          o.partitions() != null ? o.partitions() : g.partitions(), o.batchSize() != null ? o.batchSize() : g.batchSize(),
          o.epochs() != null ? o.epochs() : g.epochs(), o.learningRate() != null ? o.learningRate() : g.learningRate(),
          g.milestoneFractions(), g.sgd(), o.trainPerClass() != null ? o.trainPerClass() : g.trainPerClass(),
          o.testPerClass() != null ? o.testPerClass() : g.testPerClass(), o.seed() != null ? o.seed() : g.seed(),
          o.evalEveryEpochs() != null ? o.evalEveryEpochs() : g.evalEveryEpochs(), g.groupSize(),
          o.scaleEpochKnobs() != null ? o.scaleEpochKnobs() : g.scaleEpochKnobs()));
    }
    return out;
  }

  /** All runs of {@code options}, numbered in grid order. */
  public static List<StudyRun> runs(StudyOptions options) {
    List<StudyRun> runs = new ArrayList<>();
    for (StudyGrid g : grids(options)) {
      runs.addAll(g.expand(runs.size()));
    }
    return runs;
  }

  private static StudyGrid grid(List<String> datasets, List<String> models, List<String> partitioners,
      List<ProtocolSpec> protocols, int k, int batch, double epochs, double lr, int trainPerClass, int testPerClass,
      double evalEvery) {
    return new StudyGrid(datasets, models, partitioners, protocols, k, batch, epochs, lr, PAPER_MILESTONES,
        SgdConfig.PAPER, trainPerClass, testPerClass, 1L, evalEvery, 2, true);
  }
}
