package io.tributary.skew.scout;

import java.nio.file.Path;
import java.util.List;

/**
 * What a user asks of {@code tributary skew scout} on the command line. Null or empty means "the
 * default" ({@link ScoutPlan}); plain Java types only, so the CLI builds it without Spark.
 *
 * @param dataset dataset name (as the study's: {@code fashion-mnist}, {@code cifar10}, ...)
 * @param model architecture id
 * @param partitioners partitioner specs; the bench's default is iid, noniid:20, noniid:60, label-skew
 * @param algorithm the tuned algorithm: gaia, fedavg or dgc
 * @param grid the knob values, comma-separated (Gaia T0 may use {@code %})
 * @param partitions K
 * @param batchSize minibatch per partition
 * @param epochs training epochs
 * @param learningRate initial learning rate (divided by 10 at 50% and 75% of training)
 * @param trainPerClass training samples per class
 * @param testPerClass test samples per class
 * @param seed seed of data, partitions, models and SkewScout
 * @param mtp model-traveling period in iterations
 * @param sampleSize training samples per partition a travelling model is evaluated on
 * @param sigma accuracy-loss bound sigma_AL (fraction)
 * @param lambdaAl eq. 6.2's lambda_AL
 * @param lambdaC eq. 6.2's lambda_C
 * @param strategy hill-climbing, stochastic-hill-climbing or simulated-annealing
 * @param start the first theta (a grid value; {@code %} allowed for Gaia)
 * @param memoTtl decisions a memoised accuracy loss is trusted (0 = forever)
 * @param schedule travel schedule: pairs, broadcast, broadcast:m
 * @param overlay travel overlay: direct, hubs:g, server
 * @param tolerance accuracy (fraction) within which a run "reaches BSP's accuracy" (ORACLE)
 * @param baseline whether a plain run also trains BSP on the same partitions for comparison
 * @param evalEveryEpochs epochs between accuracy-curve points
 * @param master Spark master; null picks local[cores]
 * @param out output directory
 * @param resume reuse runs saved under {@code out} by an interrupted invocation
 * @param dryRun print the plan and partition histograms without training
 */
public record ScoutOptions(String dataset, String model, List<String> partitioners, String algorithm, String grid,
    Integer partitions, Integer batchSize, Double epochs, Double learningRate, Integer trainPerClass,
    Integer testPerClass, Long seed, Integer mtp, Integer sampleSize, Double sigma, Double lambdaAl, Double lambdaC,
    String strategy, String start, Integer memoTtl, String schedule, String overlay, Double tolerance,
    boolean baseline, Double evalEveryEpochs, String master, Path out, boolean resume, boolean dryRun) {

  public ScoutOptions {
    partitioners = partitioners == null ? List.of() : List.copyOf(partitioners);
  }

  /** All defaults, writing to {@code out}. */
  public static ScoutOptions defaults(Path out) {
    return new ScoutOptions(null, null, List.of(), null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, true, null, null, out, false, false);
  }
}
