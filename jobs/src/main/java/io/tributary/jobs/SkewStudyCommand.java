package io.tributary.jobs;

import io.tributary.skew.study.SkewStudyRunner;
import io.tributary.skew.study.StudyOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tributary skew study}: the non-IID study (thesis ch. 6) on Spark. */
@Command(name = "study", mixinStandardHelpOptions = true,
    description = {"The non-IID study on Spark: BSP, Gaia, FederatedAveraging and DeepGradientCompression over "
        + "IID and label-skewed partitions, BatchNorm vs GroupNorm.",
        "Writes runs.parquet, report.txt, table6_1.csv, plots and summary.json to --out."},
    footer = {"", "Presets: paper-cifar10 (the reproduction: CIFAR-10 subset, K=5, BN-/GN-LeNet, IID/non-IID and "
        + "20-80%% non-IID), paper-cifar10-gaia (Table 6.1's T0 sweep), smoke (Fashion-MNIST, a minute), none.",
        "Grid options (--datasets, --models, --partitions, --algorithms) replace the preset's grids by one grid.",
        "Algorithms: bsp, gaia:<T0, e.g. 10%%>, fedavg:<Iter_Local>, dgc:<E_warm epochs>; "
            + "partitions: iid, label-skew, noniid:<percent>, dirichlet:<alpha>."})
public final class SkewStudyCommand implements Callable<Integer> {
  @Mixin SkewTrainingOptions training;

  @Option(names = "--preset", defaultValue = "paper-cifar10", description = "Preset (default: ${DEFAULT-VALUE}).")
  String preset;

  @Option(names = "--datasets", split = ",", description = "Datasets: cifar10, cifar10:<path>, fashion-mnist, mnist, "
      + "idx:<dir>.")
  List<String> datasets;

  @Option(names = "--models", split = ",", description = "Models: lenet, bn-lenet, gn-lenet, resnet20-bn, "
      + "resnet20-gn, mlp.")
  List<String> models;

  @Option(names = "--partitions", split = ",", description = "Partitionings: iid, label-skew, noniid:<percent>, ...")
  List<String> partitions;

  @Option(names = "--algorithms", split = ",", description = "Algorithms with their knobs, e.g. bsp,gaia:10%%,"
      + "fedavg:20,dgc:8.")
  List<String> algorithms;

  @Option(names = "--seed", description = "Seed of subsets, partitions, initial models and minibatches.")
  Long seed;

  @Option(names = "--scale-epoch-knobs", negatable = true, description = "Scale DGC's E_warm by epochs/128 "
      + "(default: on in the presets).")
  Boolean scaleEpochKnobs;

  @Option(names = "--placement", description = "run-per-task (one Spark task simulates a run's K partitions; runs in "
      + "parallel) or partition-per-task (a barrier stage of K tasks per run).")
  String placement;

  @Option(names = "--out", description = "Output directory (default: results/skew-study at the repository root).")
  Path out;

  @Option(names = "--resume", description = "Reuse runs an interrupted study saved in <out>/runs.")
  boolean resume;

  @Option(names = "--dry-run", description = "Print the runs and partition histograms, train nothing.")
  boolean dryRun;

  @Override
  public Integer call() throws Exception {
    SkewTrainingOptions t = training;
    StudyOptions o = new StudyOptions(preset, datasets, models, partitions, algorithms, t.k, t.batchSize, t.epochs, t.lr,
        t.trainPerClass, t.testPerClass, seed, t.evalEvery, scaleEpochKnobs, placement, t.master,
        out != null ? out : SkewCommand.resultsDir("skew-study"), resume, dryRun);
    return SkewStudyRunner.study(o, System.out);
  }
}
