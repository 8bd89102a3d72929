package io.tributary.gaia.app;

import io.tributary.common.asp.SignificanceFunction;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * An ML application Gaia trains: what lives in the parameter store (a float vector, sharded by
 * key range in the driver), what each worker keeps locally, and one clock of a worker's
 * computation. The runtime ({@link io.tributary.gaia.runtime.DataCenterRun}) is the same for every
 * application: it reads the parameters, broadcasts them, runs {@link #step} on every worker
 * partition as one Spark job (BSP inside the data centre), sums the workers' updates and hands
 * them to the synchronisation layer (ASP between data centres, or a baseline).
 *
 * @param <W> a worker's local state (its data partition and local model part, e.g. users' factors)
 */
public interface GaiaApp<W extends Serializable> extends Serializable {

  /** Short name used in output ("mf"). */
  String name();

  /** Number of parameters in the parameter store. */
  int parameterCount();

  /** Initial parameter values; every data centre must compute the same ones. */
  float[] initialParameters();

  /** The significance function that suits this application's parameters (§5.3.3). */
  SignificanceFunction significance();

  /**
   * This data centre's workers, one per partition, built where the data is (on the executors).
   *
   * @param dc index of the data centre in the deployment
   * @param dcCount number of data centres
   * @param workers number of workers (partitions) in this data centre
   */
  JavaRDD<W> workers(JavaSparkContext sc, int dc, int dcCount, int workers);

  /**
   * One clock on one worker: computes with {@code params} (read at the start of the clock) and
   * returns the worker's new state, its update to the parameters (dense, same length) and figures
   * about the training itself (for traces; the objective comes from {@link #score}).
   */
  Step<W> step(W worker, float[] params, long clock);

  /**
   * Scores {@code params} on one worker's data without training: the figures the objective is
   * computed from ({@link #objective}, summed over workers), in the same layout whatever model is
   * scored. The runtime scores, at the start of every clock, the model every data centre would hold
   * (for Gaia its copy without its own held-back updates, see
   * {@link io.tributary.gaia.runtime.SyncLayer#consensus}), and the final model after the last
   * flush, so that LAN, BASELINE and Gaia are measured on the same kind of model.
   */
  double[] score(W worker, float[] params);

  /**
   * Figures a data centre adds to its workers' summed figures with its own copy of the parameters
   * (for example the parameters' regularisation term); what travels to other data centres.
   */
  double[] dataCentreStats(double[] workersSum, float[] params);

  /** The global objective from every data centre's {@link #dataCentreStats} of one clock. */
  double objective(List<double[]> perDataCentre);

  /** Whether a lower objective is better (MF's loss) or a higher one (TM's log-likelihood). */
  boolean lowerIsBetter();

  /**
   * Bytes of training data a worker holds, in a compact raw form (what moving it to another data
   * centre would transfer: the CENTRALIZED comparison of thesis Table 5.2).
   */
  default long dataBytes(W worker) {
    return 0;
  }

  /**
   * Quality figures of a final model, computed in the driver once training ended (e.g. held-out
   * perplexity for TM, test accuracy for IC); empty when the objective says it all.
   */
  default Map<String, Double> evaluate(float[] params) {
    return Map.of();
  }

  /** What the objective is, for tables and plots ("mean loss per rating"). */
  default String objectiveName() {
    return "objective";
  }

  /**
   * A worker's result for one clock.
   *
   * @param worker the worker's state after the clock
   * @param delta the worker's update to the parameters
   * @param stats the worker's progress figures
   */
  record Step<W>(W worker, float[] delta, double[] stats) implements Serializable {}
}
