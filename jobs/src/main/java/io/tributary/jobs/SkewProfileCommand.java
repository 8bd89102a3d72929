package io.tributary.jobs;

import io.tributary.skew.profile.ProfileOptions;
import io.tributary.skew.profile.SkewProfiler;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tributary skew profile}: how skewed are the user's partitions. */
@Command(name = "profile", mixinStandardHelpOptions = true,
    description = {"Profile the skew of your partitions before training on them: per-partition label histograms, "
        + "pairwise Jensen-Shannon divergence and earth mover's distance of the labels, quantity skew, and with "
        + "--model or --architecture the accuracy-loss matrix by model traveling (each partition trains its own "
        + "copy, every copy is evaluated on every partition).",
        "Partitions are Parquet files/directories (a label column, and a features column of numbers or a Spark ML "
            + "vector for the accuracy-loss matrix) or image folders (<dir>/<class>/*.png|jpg).",
        "Writes histograms.csv, divergence.csv, accuracy_loss.csv, heat maps (PNG), summary.json and report.txt."})
public final class SkewProfileCommand implements Callable<Integer> {
  @Option(names = "--partitions", required = true, arity = "2..*", description = "One path per partition.")
  List<Path> partitions;

  @Option(names = "--label-column", description = "Parquet label column (default: label).")
  String labelColumn;

  @Option(names = "--features-column", description = "Parquet features column (default: features).")
  String featuresColumn;

  @Option(names = "--shape", description = "Sample shape of Parquet features, C,H,W or D (default: inferred).")
  String shape;

  @Option(names = "--image-size", description = "Height and width image folders are resized to (default: 32).")
  Integer imageSize;

  @Option(names = "--grey", description = "Read image folders as one grey channel.")
  boolean grey;

  @Option(names = "--model", description = "A Tributary model file for the accuracy-loss matrix.")
  Path model;

  @Option(names = "--architecture", description = "A built-in network for the accuracy-loss matrix (fresh weights): "
      + "mlp, lenet, gn-lenet, ...")
  String architecture;

  @Option(names = "--local-steps", description = "Steps each partition trains its copy before traveling "
      + "(default 200; 0 evaluates the model as given).")
  Integer localSteps;

  @Option(names = "--lr", description = "Local training's learning rate (default 0.01).")
  Double lr;

  @Option(names = "--batch-size", description = "Local training's minibatch (default 32).")
  Integer batchSize;

  @Option(names = "--sample", description = "Samples per partition a model is evaluated on (default 500).")
  Integer sample;

  @Option(names = "--max-samples", description = "Samples loaded per partition for training/evaluation (0 = all).")
  Integer maxSamples;

  @Option(names = "--seed", description = "Seed of initialisation, minibatches and samples (default 1).")
  Long seed;

  @Option(names = "--master", description = "Spark master for reading Parquet (default: spark-submit's --master, else local[<cores>]).")
  String master;

  @Option(names = "--out", description = "Output directory (default: results/skew-profile).")
  Path out;

  @Override
  public Integer call() throws Exception {
    ProfileOptions o = new ProfileOptions(partitions, labelColumn, featuresColumn, shape, imageSize, grey, model,
        architecture, localSteps, lr, batchSize, sample, maxSamples, seed, master,
        out != null ? out : SkewCommand.resultsDir("skew-profile"));
    SkewProfiler.profile(o, System.out);
    return 0;
  }
}
