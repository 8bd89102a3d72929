package io.tributary.jobs;

import io.tributary.skew.scout.ScoutOptions;
import io.tributary.skew.scout.SkewScoutRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tributary skew scout}: SkewScout (thesis §6.6) on Spark, and its benchmark against BSP and ORACLE. */
@Command(name = "scout", mixinStandardHelpOptions = true,
    description = {"SkewScout on Spark: trains with model traveling between partitions and tunes the algorithm's "
        + "communication knob (Gaia T0, FedAvg Iter_Local, DGC E_warm) by hill climbing on eq. 6.2, keeping the "
        + "accuracy loss under sigma_AL with as little communication as possible.",
        "Without --bench: one SkewScout run per --partitions entry (default label-skew), with BSP beside it; writes "
            + "to results/skew-scout-runs.",
        "With --bench: for IID, 20%%, 60%% and 100%% non-IID, BSP, every fixed knob value of the grid (ORACLE = the "
            + "cheapest that reaches BSP's accuracy) and SkewScout; writes results/skew-scout/summary.json "
            + "(savings_vs_bsp_<s>, oracle_savings_vs_bsp_<s>, accuracy_gap_vs_bsp_<s>), CSV and fig6_12.png."},
    footer = {"", "Defaults: Fashion-MNIST (300 train / 200 test images per class), GN-LeNet, K=5, batch 20, 8 "
        + "epochs, Gaia with T0 in {0,1,2,5,10,20,30,50}%%, MTP=10 iterations, 200-sample travel evaluations, "
        + "sigma_AL=5%%, hill climbing from the most communicating value, pairwise travel schedule, direct routes."})
public final class SkewScoutCommand implements Callable<Integer> {
  @Mixin SkewTrainingOptions training;

  @Option(names = "--bench", description = "Run the benchmark (BSP, ORACLE sweep, SkewScout per setting).")
  boolean bench;

  @Option(names = "--dataset", description = "Dataset: fashion-mnist, mnist, cifar10, cifar10:<path>, idx:<dir>.")
  String dataset;

  @Option(names = "--model", description = "Model: lenet, bn-lenet, gn-lenet, resnet20-bn, resnet20-gn, mlp.")
  String model;

  @Option(names = "--partitions", split = ",", description = "Partitionings: iid, label-skew, noniid:<percent>, "
      + "dirichlet:<alpha>, ...")
  List<String> partitions;

  @Option(names = "--algorithm", description = "The tuned algorithm: gaia (default), fedavg or dgc.")
  String algorithm;

  @Option(names = "--grid", description = "Knob values, comma-separated (e.g. 0,1%%,2%%,5%%,10%%,20%% for Gaia; "
      + "1,2,5,10,20,50 for FedAvg; E_warm in the paper's 128 epochs for DGC).")
  String grid;

  @Option(names = "--seed", description = "Seed of data, partitions, models and the controller.")
  Long seed;

  @Option(names = "--mtp", description = "Model-traveling period MTP, in iterations.")
  Integer mtp;

  @Option(names = "--sample", description = "Training samples of a partition a travelling model is evaluated on.")
  Integer sample;

  @Option(names = "--sigma", description = "Accuracy-loss bound sigma_AL, a fraction or a percentage (5%%).")
  String sigma;

  @Option(names = "--lambda-al", description = "Weight lambda_AL of the accuracy-loss excess in eq. 6.2.")
  Double lambdaAl;

  @Option(names = "--lambda-c", description = "Weight lambda_C of communication in eq. 6.2.")
  Double lambdaC;

  @Option(names = "--strategy", description = "hill-climbing (default), stochastic-hill-climbing or "
      + "simulated-annealing.")
  String strategy;

  @Option(names = "--start", description = "The first knob value (default: the grid's most communicating value).")
  String start;

  @Option(names = "--memo-ttl", description = "Decisions a memoised accuracy loss is trusted (0 = forever).")
  Integer memoTtl;

  @Option(names = "--schedule", description = "Travel schedule: pairs (default), broadcast, broadcast:<sources>.")
  String schedule;

  @Option(names = "--overlay", description = "Travel routes: direct (default), hubs:<groups> or hubs:<id,...> "
      + "(broadcast settings), server (server-client settings).")
  String overlay;

  @Option(names = "--tolerance", description = "Accuracy (fraction) within which a run reaches BSP's (ORACLE), "
      + "default 0.02.")
  Double tolerance;

  @Option(names = "--no-baseline", description = "Without --bench: do not train BSP beside SkewScout.")
  boolean noBaseline;

  @Option(names = "--out", description = "Output directory (default: results/skew-scout with --bench, "
      + "results/skew-scout-runs without).")
  Path out;

  @Option(names = "--resume", description = "Reuse runs an interrupted invocation saved in --out.")
  boolean resume;

  @Option(names = "--dry-run", description = "Print the runs and partition histograms, train nothing.")
  boolean dryRun;

  @Override
  public Integer call() throws Exception {
    SkewTrainingOptions t = training;
    ScoutOptions o = new ScoutOptions(dataset, model, partitions, algorithm, grid, t.k, t.batchSize, t.epochs, t.lr,
        t.trainPerClass, t.testPerClass, seed, mtp, sample, sigma == null ? null : fraction(sigma), lambdaAl, lambdaC,
        strategy, start, memoTtl, schedule, overlay, tolerance, !noBaseline, t.evalEvery, t.master,
        out != null ? out : SkewCommand.resultsDir(bench ? "skew-scout" : "skew-scout-runs"), resume, dryRun);
    return bench ? SkewScoutRunner.bench(o, System.out) : SkewScoutRunner.scout(o, System.out);
  }

  private static double fraction(String s) {
    String t = s.trim();
    try {
      return t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1).trim()) / 100 : Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad --sigma '" + s + "' (expected a fraction such as 0.05 or 5%)", e);
    }
  }
}
