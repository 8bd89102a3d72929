package io.tributary.skew.study;

import io.tributary.common.protocol.ProtocolSpec;
import io.tributary.common.protocol.SgdConfig;
import io.tributary.common.protocol.StepDecay;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One grid of the study: the cross product dataset x model x partitioning x protocol, with the
 * training parameters every run of the grid shares (the thesis keeps them the same across
 * settings, appendix 6.B).
 *
 * <p>Time scaling: the thesis trains 128 epochs, drops the learning rate 10x at epochs 64 and 96
 * and states DGC's E_warm in epochs. A shorter budget keeps those proportions: the milestones fall
 * at the same fractions of training, and with {@code scaleEpochKnobs} DGC's E_warm is multiplied
 * by {@code epochs / 128} (the paper's value is still what tables show).
 *
 * @param dimensions what the grid crosses: datasets, models, partitionings and protocols
 * @param training the training parameters every run of the grid shares
 * @param seed the study's seed
 * @param evalEveryEpochs epochs between curve points
 * @param groupSize GroupNorm group size
 * @param scaleEpochKnobs whether to scale DGC's E_warm by {@code epochs / 128}
 */
public record StudyGrid(Dimensions dimensions, Training training, long seed, double evalEveryEpochs, int groupSize,
    boolean scaleEpochKnobs) {
  /** The thesis' CIFAR-10 training length (appendix 6.B). */
  public static final double PAPER_EPOCHS = 128;

  /**
   * The axes of the grid's cross product.
   *
   * @param datasets dataset names ({@link DatasetSource})
   * @param models architecture ids
   * @param partitioners partitioner specs
   * @param protocols protocols with the paper's knob values
   */
  public record Dimensions(List<String> datasets, List<String> models, List<String> partitioners,
      List<ProtocolSpec> protocols) {
    public Dimensions {
      datasets = List.copyOf(datasets);
      models = List.copyOf(models);
      partitioners = List.copyOf(partitioners);
      protocols = List.copyOf(protocols);
    }
  }

  /**
   * The training parameters of every run of a grid.
   *
   * @param partitions K
   * @param batchSize minibatch per partition
   * @param epochs training epochs
   * @param learningRate initial learning rate (MEAN-weighted form, see {@code io.tributary.common.protocol})
   * @param milestoneFractions fractions of training at which the learning rate is divided by 10
   * @param sgd momentum and weight decay
   * @param trainPerClass training samples per class (0 = all)
   * @param testPerClass test samples per class (0 = all)
   */
  public record Training(int partitions, int batchSize, double epochs, double learningRate,
      double[] milestoneFractions, SgdConfig sgd, int trainPerClass, int testPerClass) {
    public Training {
      milestoneFractions = milestoneFractions.clone();
    }

    @Override
    public double[] milestoneFractions() {
      return milestoneFractions.clone();
    }
  }

  /** This grid crossing {@code d} instead. */
  public StudyGrid withDimensions(Dimensions d) {
    return new StudyGrid(d, training, seed, evalEveryEpochs, groupSize, scaleEpochKnobs);
  }

  /** Dataset names. */
  public List<String> datasets() {
    return dimensions.datasets();
  }

  /** Architecture ids. */
  public List<String> models() {
    return dimensions.models();
  }

  /** Partitioner specs. */
  public List<String> partitioners() {
    return dimensions.partitioners();
  }

  /** Protocols with the paper's knob values. */
  public List<ProtocolSpec> protocols() {
    return dimensions.protocols();
  }

  /** The grid's runs, numbered from {@code firstId}. */
  public List<StudyRun> expand(int firstId) {
    List<String> datasets = datasets();
    List<String> models = models();
    List<String> partitioners = partitioners();
    List<ProtocolSpec> protocols = protocols();
    Training t = training;
    double epochs = t.epochs();
    for (List<?> l : List.of(datasets, models, partitioners, protocols)) {
      if (l.isEmpty()) {
        throw new IllegalArgumentException("a study grid needs at least one dataset, model, partitioning and protocol");
      }
    }
    List<StudyRun> runs = new ArrayList<>();
    double[] milestoneFractions = t.milestoneFractions();
    double[] milestones = new double[milestoneFractions.length];
    for (int i = 0; i < milestones.length; i++) {
      milestones[i] = milestoneFractions[i] * epochs;
    }
    StepDecay lr = new StepDecay(t.learningRate(), 10, milestones);
    int id = firstId;
    for (String d : datasets) {
      for (String m : models) {
        for (String part : partitioners) {
          for (ProtocolSpec p : protocols) {
            ProtocolSpec actual = p;
            if (scaleEpochKnobs && p.algorithm().equals("dgc")) {
              actual = p.withKnob(p.knob() * epochs / PAPER_EPOCHS);
            }
            runs.add(new StudyRun(String.format(Locale.ROOT, "r%03d", id++),
                new StudyRun.Data(d, t.trainPerClass(), t.testPerClass(), part, t.partitions()), m, groupSize, actual,
                p.knob(), new StudyRun.Training(t.batchSize(), epochs, lr, t.sgd(), seed,
                    Math.min(evalEveryEpochs, epochs), 100)));
          }
        }
      }
    }
    return runs;
  }
}
