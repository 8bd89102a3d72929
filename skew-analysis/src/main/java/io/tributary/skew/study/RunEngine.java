package io.tributary.skew.study;

import io.tributary.common.data.LabeledDataset;
import io.tributary.common.model.Architecture;
import io.tributary.common.model.ModelSpec;
import io.tributary.common.model.Replica;
import io.tributary.common.partition.Partitioners;
import io.tributary.common.partition.Partitioning;
import io.tributary.common.protocol.BatchGradient;
import io.tributary.common.protocol.PartitionTrainer;
import io.tributary.common.protocol.Step;
import io.tributary.common.protocol.SyncProtocol;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What both placements of a run share: preparing its data, partitions and step counts, the
 * evaluation of the partitions' models, the accuracy curve and the diagnostics bookkeeping.
 */
final class RunEngine {
  /** Evaluation minibatch size (inference only, so larger than training's). */
  static final int EVAL_BATCH = 250;
  /** Test samples evaluated at accuracy-curve points (an evenly strided subset); the final accuracy uses all. */
  static final int CURVE_TEST_SAMPLES = 1000;

  private RunEngine() {}

  /** A run's data and schedule, ready to train. */
  record Prepared(StudyRun run, ModelSpec spec, LabeledDataset train, LabeledDataset test, Partitioning partitioning,
      List<LabeledDataset> parts, Schedule schedule) {
    long stepsPerEpoch() {
      return schedule.stepsPerEpoch();
    }

    long totalSteps() {
      return schedule.totalSteps();
    }

    long evalEvery() {
      return schedule.evalEvery();
    }

    int bnWindow() {
      return schedule.bnWindow();
    }
  }

  /**
   * A run's step counts.
   *
   * @param stepsPerEpoch iterations per epoch
   * @param totalSteps iterations of the whole run
   * @param evalEvery iterations between accuracy-curve points
   * @param bnWindow minibatches per BatchNorm-divergence window
   */
  record Schedule(long stepsPerEpoch, long totalSteps, long evalEvery, int bnWindow) {}

  static Prepared prepare(StudyRun run) {
    DatasetSource.Splits s = DatasetSource.load(run.dataset(), run.trainPerClass(), run.testPerClass());
    Partitioning partitioning = Partitioners.parse(run.partitioner()).partition(s.train(), run.partitions(), run.seed());
    List<LabeledDataset> parts = partitioning.apply(s.train());
    for (int k = 0; k < parts.size(); k++) {
      if (parts.get(k).size() == 0) {
        throw new IllegalArgumentException("run " + run.id() + ": partition " + k + " of " + run.partitioner()
            + " is empty");
      }
    }
    ModelSpec spec = ModelSpec.forDataset(Architecture.parse(run.model()), s.train()).withGroupSize(run.groupSize());
    long stepsPerEpoch = Math.max(1, (long) Math.ceil(s.train().size() / (double) (run.partitions() * run.batchSize())));
    long total = Math.max(1, Math.round(run.epochs() * stepsPerEpoch));
    long evalEvery = Math.max(1, Math.round(run.evalEveryEpochs() * stepsPerEpoch));
    // Short runs still get several BatchNorm windows to compare.
    int bnWindow = (int) Math.max(1, Math.min(run.bnWindow(), total / 4));
    return new Prepared(run, spec, s.train(), s.test(), partitioning, parts,
        new Schedule(stepsPerEpoch, total, evalEvery, bnWindow));
  }

  /** Whether step {@code done} (1-based count of completed steps) ends an evaluation interval. */
  static boolean isEvalPoint(Prepared p, long done) {
    return done % p.evalEvery() == 0 || done == p.totalSteps();
  }

  /**
   * Evaluates partitions' models on the test set. Every model uses the partitions' mean BatchNorm
   * statistics: a synchronised global model can hold only one mu and sigma (§6.4.1).
   */
  static final class Evaluator implements AutoCloseable {
    private final Replica replica;
    private final LabeledDataset test;
    private final LabeledDataset curveTest;

    Evaluator(ModelSpec spec, LabeledDataset test) {
      this.replica = Replica.create(spec, 0);
      this.test = test;
      int stride = (int) Math.ceil(test.size() / (double) CURVE_TEST_SAMPLES);
      int[] pos = new int[(test.size() + stride - 1) / stride];
      for (int i = 0; i < pos.length; i++) {
        pos[i] = i * stride;
      }
      this.curveTest = stride == 1 ? test : test.subset(pos);
    }

    /**
     * The accuracy-curve point: the {@link #headline} on an evenly strided subset of at most
     * {@value #CURVE_TEST_SAMPLES} test samples (readers list test sets class by class, so a
     * stride keeps every class), because Gaia's headline costs K evaluations per point.
     */
    double curvePoint(String algorithm, List<float[]> params, List<float[]> states) {
      return headline(algorithm, params, states, curveTest);
    }

    /**
     * The headline top-1 for {@code algorithm}: Gaia keeps one model per partition, so its
     * headline is the mean of their accuracies; the others hold one global model (FedAvg's is the
     * average of the partitions' models, which its next round would produce).
     */
    double headline(String algorithm, List<float[]> params, List<float[]> states) {
      return headline(algorithm, params, states, test);
    }

    private double headline(String algorithm, List<float[]> params, List<float[]> states, LabeledDataset on) {
      if (algorithm.equals("gaia")) {
        return Arrays.stream(perPartition(params, states, on)).average().orElse(Double.NaN);
      }
      return top1(mean(params), mean(states), on);
    }

    /** Each partition's model's accuracy (identical models are evaluated once). */
    double[] perPartition(List<float[]> params, List<float[]> states) {
      return perPartition(params, states, test);
    }

    private double[] perPartition(List<float[]> params, List<float[]> states, LabeledDataset on) {
      float[] state = mean(states);
      double[] out = new double[params.size()];
      for (int k = 0; k < params.size(); k++) {
        int same = -1;
        for (int j = 0; j < k && same < 0; j++) {
          if (Arrays.equals(params.get(j), params.get(k))) {
            same = j;
          }
        }
        out[k] = same >= 0 ? out[same] : top1(params.get(k), state, on);
      }
      return out;
    }

    /** The accuracy of the average of the partitions' parameters. */
    double averaged(List<float[]> params, List<float[]> states) {
      return top1(mean(params), mean(states), test);
    }

    private double top1(float[] params, float[] state, LabeledDataset on) {
      replica.setParameters(params);
      if (state.length > 0) {
        replica.setState(state);
      }
      return replica.evaluate(on, EVAL_BATCH).top1();
    }

    @Override
    public void close() {
      replica.close();
    }
  }

  /** Element-wise mean of equally long vectors (empty input or empty vectors give an empty vector). */
  static float[] mean(List<float[]> vectors) {
    if (vectors.isEmpty() || vectors.get(0).length == 0) {
      return new float[0];
    }
    boolean allSame = true;
    for (float[] v : vectors) {
      allSame &= Arrays.equals(v, vectors.get(0));
    }
    if (allSame) {
      return vectors.get(0).clone();
    }
    double[] sum = new double[vectors.get(0).length];
    for (float[] v : vectors) {
      for (int j = 0; j < sum.length; j++) {
        sum[j] += v[j];
      }
    }
    float[] out = new float[sum.length];
    for (int j = 0; j < sum.length; j++) {
      out[j] = (float) (sum[j] / vectors.size());
    }
    return out;
  }

  /** Growing accuracy curve. */
  static final class Curve {
    final List<double[]> points = new ArrayList<>(); // epoch, top1, trainLoss, trainAcc
    final List<Long> bytes = new ArrayList<>();

    void add(double epoch, double top1, double trainLoss, double trainAccuracy, long bytesSoFar) {
      points.add(new double[] {epoch, top1, trainLoss, trainAccuracy});
      bytes.add(bytesSoFar);
    }

    double[] column(int c) {
      return points.stream().mapToDouble(p -> p[c]).toArray();
    }

    long[] bytes() {
      return bytes.stream().mapToLong(Long::longValue).toArray();
    }
  }

  /** Sums of the protocols' per-step diagnostics, for their means over training. */
  static final class Diagnostics implements Serializable {
    private static final long serialVersionUID = 1L;
    final Map<String, double[]> sums = new LinkedHashMap<>(); // name -> {sum, count}

    void add(SyncProtocol protocol) {
      for (Map.Entry<String, Double> e : protocol.diagnostics().entrySet()) {
        if (e.getKey().equals("round") || !Double.isFinite(e.getValue())) {
          continue;
        }
        double[] s = sums.computeIfAbsent(e.getKey(), x -> new double[2]);
        s[0] += e.getValue();
        s[1]++;
      }
    }

    void addAll(Diagnostics other) {
      other.sums.forEach((k, v) -> {
        double[] s = sums.computeIfAbsent(k, x -> new double[2]);
        s[0] += v[0];
        s[1] += v[1];
      });
    }

    Map<String, Double> means() {
      Map<String, Double> out = new LinkedHashMap<>();
      sums.forEach((k, v) -> out.put(k, v[1] == 0 ? Double.NaN : v[0] / v[1]));
      return out;
    }
  }

  /** Mean training loss/accuracy over partitions' drained metrics ({@code {loss, acc, batches}} each). */
  static double[] meanTraining(List<double[]> drained) {
    double loss = 0;
    double acc = 0;
    double n = 0;
    for (double[] d : drained) {
      if (d[2] > 0) {
        loss += d[0] * d[2];
        acc += d[1] * d[2];
        n += d[2];
      }
    }
    return n == 0 ? new double[] {Double.NaN, Double.NaN} : new double[] {loss / n, acc / n};
  }

  /** A listener that flags a non-finite training loss (the run has diverged). */
  static final class DivergenceWatch implements PartitionTrainer.StepListener {
    volatile boolean diverged;

    @Override
    public void afterStep(PartitionTrainer trainer, Step step,
        BatchGradient gradient) {
      if (gradient != null && !Double.isFinite(gradient.loss())) {
        diverged = true;
      }
    }
  }

  static int[] sizes(List<LabeledDataset> parts) {
    return parts.stream().mapToInt(LabeledDataset::size).toArray();
  }
}
