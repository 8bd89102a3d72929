package io.tributary.skew.study;

import io.tributary.common.protocol.ProtocolSpec;
import io.tributary.common.protocol.SgdConfig;
import io.tributary.common.protocol.StepDecay;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The complete configuration of one training run of the non-IID study: which data, how it is
 * partitioned, which model, which protocol with which knob, and the training parameters. It is
 * serialisable (Spark ships it to the task that runs it) and recorded with every result.
 *
 * @param id unique id within a study, e.g. {@code r012}
 * @param data which data and how it is partitioned
 * @param model architecture id ({@code lenet}, {@code bn-lenet}, {@code gn-lenet}, ...)
 * @param groupSize GroupNorm group size (channels per group)
 * @param protocol the algorithm and its communication knob as the run uses it
 * @param paperKnob the knob as the thesis states it (before scaling epoch-based knobs to this
 *     run's training length); equals the protocol's knob when nothing was scaled; NaN for BSP
 * @param training the training parameters
 */
public record StudyRun(String id, Data data, String model, int groupSize, ProtocolSpec protocol, double paperKnob,
    Training training) implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * A run's data and partitions.
   *
   * @param dataset dataset name: {@code cifar10}, {@code fashion-mnist}, {@code mnist}, or
   *     {@code cifar10:<path to tar, dir or binary>} / {@code idx:<dir>}
   * @param trainPerClass training samples per class to use (a stratified, seeded subset); 0 = all
   * @param testPerClass test samples per class to evaluate on; 0 = all
   * @param partitioner partitioner spec ({@code iid}, {@code label-skew}, {@code noniid:60}, ...)
   * @param partitions K
   */
  public record Data(String dataset, int trainPerClass, int testPerClass, String partitioner, int partitions)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /**
   * A run's training parameters.
   *
   * @param batchSize minibatch size per partition
   * @param epochs training epochs over the whole training subset
   * @param learningRate learning-rate schedule over epochs
   * @param sgd momentum and weight decay
   * @param seed seed of subset selection, partitioning, initial model and minibatch order
   * @param evalEveryEpochs epochs between accuracy-curve points
   * @param bnWindow minibatches averaged per BatchNorm mean estimate (§6.4.1 uses 100)
   */
  public record Training(int batchSize, double epochs, StepDecay learningRate, SgdConfig sgd, long seed,
      double evalEveryEpochs, int bnWindow) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** This run under another id (SkewScout's runs are the study's, renamed {@code s...}). */
  public StudyRun withId(String newId) {
    return new StudyRun(newId, data, model, groupSize, protocol, paperKnob, training);
  }

  public StudyRun {
    int partitions = data.partitions();
    int batchSize = training.batchSize();
    double epochs = training.epochs();
    double evalEveryEpochs = training.evalEveryEpochs();
    int bnWindow = training.bnWindow();
    if (partitions < 1) {
      throw new IllegalArgumentException("run " + id + ": K must be >= 1, got " + partitions);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("run " + id + ": batch size must be >= 1, got " + batchSize);
    }
    if (!(epochs > 0)) {
      throw new IllegalArgumentException("run " + id + ": epochs must be > 0, got " + epochs);
    }
    if (data.trainPerClass() < 0 || data.testPerClass() < 0) {
      throw new IllegalArgumentException("run " + id + ": samples per class must be >= 0");
    }
    if (!(evalEveryEpochs > 0)) {
      throw new IllegalArgumentException("run " + id + ": eval interval must be > 0 epochs");
    }
    if (bnWindow < 1) {
      throw new IllegalArgumentException("run " + id + ": BatchNorm window must be >= 1 minibatch");
    }
  }

  /** Dataset name. */
  public String dataset() {
    return data.dataset();
  }

  /** Training samples per class (0 = all). */
  public int trainPerClass() {
    return data.trainPerClass();
  }

  /** Test samples per class (0 = all). */
  public int testPerClass() {
    return data.testPerClass();
  }

  /** Partitioner spec. */
  public String partitioner() {
    return data.partitioner();
  }

  /** K. */
  public int partitions() {
    return data.partitions();
  }

  /** Minibatch size per partition. */
  public int batchSize() {
    return training.batchSize();
  }

  /** Training epochs. */
  public double epochs() {
    return training.epochs();
  }

  /** Learning-rate schedule over epochs. */
  public StepDecay learningRate() {
    return training.learningRate();
  }

  /** Momentum and weight decay. */
  public SgdConfig sgd() {
    return training.sgd();
  }

  /** The run's seed. */
  public long seed() {
    return training.seed();
  }

  /** Epochs between accuracy-curve points. */
  public double evalEveryEpochs() {
    return training.evalEveryEpochs();
  }

  /** Minibatches per BatchNorm mean estimate. */
  public int bnWindow() {
    return training.bnWindow();
  }

  /** {@code iid} for IID partitions(), {@code noniid} for full label skew, {@code noniid<x>} for x% non-IID. */
  public String setting() {
    return settingOf(partitioner());
  }

  /** The setting name of a partitioner() spec (see {@link #setting()}). */
  public static String settingOf(String partitionerSpec) {
    String p = partitionerSpec.trim().toLowerCase(Locale.ROOT);
    if (p.equals("iid") || p.equals("noniid:0") || p.equals("noniid:0%")) {
      return "iid";
    }
    if (p.equals("label-skew") || p.equals("labelskew") || p.equals("label") || p.equals("noniid")
        || p.equals("non-iid") || p.matches("noniid:100(\\.0*)?%?")) {
      return "noniid";
    }
    if (p.startsWith("noniid:")) {
      String x = p.substring(7).replace("%", "");
      try {
        double v = Double.parseDouble(x);
        return "noniid" + (v == Math.rint(v) ? String.valueOf((long) v) : x);
      } catch (NumberFormatException e) {
        return p.replace(":", "");
      }
    }
    return p.replaceAll("[^a-z0-9.]+", "-");
  }

  /** The configuration as flat name/value pairs, for logs and the Parquet output. */
  public Map<String, String> describe() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("dataset", dataset());
    m.put("train_per_class", String.valueOf(trainPerClass()));
    m.put("test_per_class", String.valueOf(testPerClass()));
    m.put("partitioner", partitioner());
    m.put("partitions", String.valueOf(partitions()));
    m.put("model", model);
    m.put("group_size", String.valueOf(groupSize));
    m.put("protocol", protocol.toString());
    m.put("paper_knob", String.valueOf(paperKnob));
    m.put("batch_size", String.valueOf(batchSize()));
    m.put("epochs", String.valueOf(epochs()));
    m.put("learning_rate", learningRate().toString());
    m.put("momentum", String.valueOf(sgd().momentum()));
    m.put("weight_decay", String.valueOf(sgd().weightDecay()));
    m.put("seed", String.valueOf(seed()));
    m.put("eval_every_epochs", String.valueOf(evalEveryEpochs()));
    m.put("bn_window", String.valueOf(bnWindow()));
    return m;
  }

  /** The configuration label as the thesis's tables write it, with the paper's knob value. */
  public String configurationLabel() {
    return switch (protocol.algorithm()) {
      case "bsp" -> "BSP";
      case "gaia" -> "Gaia T0=" + fmt(paperKnob * 100) + "%";
      case "fedavg" -> "FedAvg Iter_Local=" + fmt(paperKnob);
      case "dgc" -> "DGC E_warm=" + fmt(paperKnob);
      default -> protocol.label();
    };
  }

  static String fmt(double x) {
    if (x == Math.rint(x)) {
      return String.valueOf((long) x);
    }
    return String.format(Locale.ROOT, "%.4g", x).replaceAll("\\.?0+$", "");
  }

  @Override
  public String toString() {
    return id + "[" + configurationLabel() + ", " + model + ", " + partitioner() + ", " + dataset() + ", K="
        + partitions() + ", " + fmt(epochs()) + " epochs]";
  }
}
