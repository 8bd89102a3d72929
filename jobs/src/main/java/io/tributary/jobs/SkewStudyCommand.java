package io.tributary.jobs;

import io.tributary.common.config.Setting;
import io.tributary.common.config.Settings;
import io.tributary.skew.options.SkewTrainingOptions;
import io.tributary.skew.options.StudyOptions;
import io.tributary.skew.study.SkewStudyRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tributary skew study}: the non-IID study (thesis ch. 6) on Spark. Its flags are the
 * {@link StudyOptions} (and the shared {@link SkewTrainingOptions}) the study's runner reads.
 */
@Command(name = "study", mixinStandardHelpOptions = true,
    description = {"The non-IID study on Spark: BSP, Gaia, FederatedAveraging and DeepGradientCompression over "
        + "IID and label-skewed partitions, BatchNorm vs GroupNorm.",
        "Writes runs.parquet, report.txt, table6_1.csv, plots, summary.json and study-config.txt to --out."},
    footer = {"", "Presets: paper-cifar10 (the reproduction: CIFAR-10 subset, K=5, BN-/GN-LeNet, IID/non-IID and "
        + "20-80%% non-IID), paper-cifar10-gaia (Table 6.1's T0 sweep), smoke (Fashion-MNIST, a minute), none.",
        "Grid options (--datasets, --models, --partitions, --algorithms) replace the preset's grids by one grid; "
            + "training options left unset keep the preset's values.",
        "Algorithms: bsp, gaia:<T0, e.g. 10%%>, fedavg:<Iter_Local>, dgc:<E_warm epochs>; "
            + "partitions: iid, label-skew, noniid:<percent>, dirichlet:<alpha>."})
public final class SkewStudyCommand implements Callable<Integer>, DeclaresSettings {
  @Spec
  CommandSpec spec;

  @Option(names = "--scale-epoch-knobs", negatable = true, description = "Scale DGC's E_warm by epochs/128 "
      + "(default: on in the presets).")
  Boolean scaleEpochKnobs;

  @Option(names = "--out", description = "Output directory (default: results/skew-study at the repository root).")
  Path out;

  @Override
  public Map<String, String> shortNames() {
    return Map.of(SkewTrainingOptions.NUM_PARTITIONS.key(), "-k");
  }

  @Override
  public List<Setting<?>> settings() {
    return SkewCommand.declared(StudyOptions.ALL, StudyOptions.SCALE_EPOCH_KNOBS, SkewTrainingOptions.OUT);
  }

  @Override
  public Integer call() throws Exception {
    Settings o = CliSettings.read(spec, settings());
    o = o.with(StudyOptions.SCALE_EPOCH_KNOBS, scaleEpochKnobs)
        .with(SkewTrainingOptions.OUT, out != null ? out : SkewCommand.resultsDir("skew-study"));
    return SkewStudyRunner.study(o, System.out);
  }
}
