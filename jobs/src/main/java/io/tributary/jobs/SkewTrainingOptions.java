package io.tributary.jobs;

import picocli.CommandLine.Option;

/**
 * The training options the skew commands share (a picocli mixin); each left unset keeps the
 * preset's or the command's default.
 */
final class SkewTrainingOptions {
  @Option(names = {"-k", "--num-partitions"}, description = "Number of partitions K.")
  Integer k;

  @Option(names = "--batch-size", description = "Minibatch size per partition.")
  Integer batchSize;

  @Option(names = "--epochs", description = "Training epochs over the (subset of the) training set.")
  Double epochs;

  @Option(names = "--lr", description = "Initial learning rate (mean-weighted form; divided by 10 at 50%% and 75%%).")
  Double lr;

  @Option(names = "--train-per-class", description = "Training samples per class (0 = all).")
  Integer trainPerClass;

  @Option(names = "--test-per-class", description = "Test samples per class (0 = all).")
  Integer testPerClass;

  @Option(names = "--eval-every", description = "Epochs between accuracy-curve points.")
  Double evalEvery;

  @Option(names = "--master", description = "Spark master (default: spark-submit's --master, else local[<cores>]; "
      + "the study's partition-per-task placement: local[K]).")
  String master;
}
