package io.tributary.skew.study;

import io.tributary.common.link.Link;
import io.tributary.common.link.LinkShape;
import io.tributary.common.metrics.TrafficMeter;
import io.tributary.common.model.Replica;
import io.tributary.common.protocol.LockstepRunner;
import io.tributary.common.protocol.Mesh;
import io.tributary.common.protocol.PartitionTrainer;
import io.tributary.common.protocol.ProtocolContext;
import io.tributary.common.protocol.SyncProtocol;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a whole K-partition training run inside one task (one thread): K replicas, each with its
 * partition's data, synchronised by the run's protocol over an in-process mesh of links and
 * stepped in lock-step. This is the study's placement: one run per Spark task, so a cluster runs
 * the sweep's runs in parallel.
 */
public final class LockstepExecution {
  private LockstepExecution() {}

  /**
   * Called on the training thread after every iteration, when every partition has completed it:
   * the place to travel models between partitions (evaluate partition i's parameters on partition
   * j's data) and to change a protocol's knob on every partition at the same iteration (SkewScout).
   */
  @FunctionalInterface
  public interface IterationObserver extends Serializable {
    /**
     * @param iteration iterations completed
     * @param trainers the partitions' trainers (protocols inside), by partition
     * @param workers the partitions' replicas and data, by partition
     */
    void afterIteration(long iteration, List<PartitionTrainer> trainers, List<ReplicaWorker> workers)
        throws IOException;
  }

  /** Trains and evaluates {@code run}; failures are returned as a result with {@code error} set. */
  public static RunResult execute(StudyRun run) {
    return execute(run, (i, t, w) -> { });
  }

  /** {@link #execute(StudyRun)} with an observer called after every iteration. */
  public static RunResult execute(StudyRun run, IterationObserver observer) {
    long t0 = System.nanoTime();
    try {
      RunEngine.Prepared p = RunEngine.prepare(run);
      return train(p, observer, System.nanoTime());
    } catch (Exception e) {
      // Recorded with the run and reported by the study; the other runs go on.
      return RunResult.failed(run, e, (System.nanoTime() - t0) / 1e9);
    }
  }

  private static RunResult train(RunEngine.Prepared p, IterationObserver observer, long t0) throws Exception {
    StudyRun run = p.run();
    int k = run.partitions();
    TrafficMeter meter = new TrafficMeter();
    Link[][] mesh = Mesh.inProcess(run.id(), k, LinkShape.UNSHAPED, meter);
    List<ReplicaWorker> workers = new ArrayList<>();
    List<PartitionTrainer> trainers = new ArrayList<>();
    RunEngine.Diagnostics diagnostics = new RunEngine.Diagnostics();
    RunEngine.DivergenceWatch watch = new RunEngine.DivergenceWatch();
    try (RunEngine.Evaluator evaluator = new RunEngine.Evaluator(p.spec(), p.test())) {
      float[] init = null;
      for (int i = 0; i < k; i++) {
        Replica r = Replica.create(p.spec(), run.seed());
        if (init == null) {
          init = r.parameters();
        }
        ReplicaWorker w = new ReplicaWorker(r, p.parts().get(i), p.bnWindow());
        workers.add(w);
        SyncProtocol protocol = run.protocol().create(init, run.sgd(), ProtocolContext.of(i, mesh[i]));
        PartitionTrainer t = new PartitionTrainer(w, protocol, run.batchSize(), p.stepsPerEpoch(), run.learningRate(),
            run.seed());
        t.addListener(watch).addListener((tr, step, g) -> diagnostics.add(tr.protocol()));
        trainers.add(t);
      }
      LockstepRunner runner = new LockstepRunner(trainers);
      RunEngine.Curve curve = new RunEngine.Curve();
      long done = 0;
      while (done < p.totalSteps()) {
        runner.step();
        done++;
        observer.afterIteration(done, trainers, workers);
        if (RunEngine.isEvalPoint(p, done)) {
          List<double[]> drained = new ArrayList<>();
          for (PartitionTrainer t : trainers) {
            drained.add(t.drainTrainingMetrics());
          }
          double[] training = RunEngine.meanTraining(drained);
          double top1 = evaluator.curvePoint(run.protocol().algorithm(), params(trainers), states(workers));
          curve.add(done / (double) p.stepsPerEpoch(), top1, training[0], training[1], meter.totalBytes());
          if (watch.diverged) {
            break;
          }
        }
      }
      List<float[]> params = params(trainers);
      List<float[]> states = states(workers);
      double[] perPartition = evaluator.perPartition(params, states);
      double averaged = evaluator.averaged(params, states);
      double headline = run.protocol().algorithm().equals("gaia")
          ? Arrays.stream(perPartition).average().orElse(Double.NaN) : averaged;
      long[] bytes = new long[k];
      for (int i = 0; i < k; i++) {
        bytes[i] = trainers.get(i).protocol().bytesSent();
      }
      List<List<float[]>> windows = workers.stream().map(ReplicaWorker::batchNormWindows).toList();
      double[] bn = BatchNormDivergence.compute(windows);
      return new RunResult(run, null,
          new RunResult.Execution(p.train().size(), p.test().size(), RunEngine.sizes(p.parts()),
              p.partitioning().describe(), done, (System.nanoTime() - t0) / 1e9, watch.diverged),
          new RunResult.Curve(curve.column(0), curve.column(1), curve.column(2), curve.column(3), curve.bytes()),
          new RunResult.Accuracy(headline, averaged, perPartition),
          new RunResult.Traffic(meter.totalBytes(), bytes, meter.totalMessages()),
          new RunResult.BatchNorm(bn[0], Arrays.copyOfRange(bn, 1, bn.length)),
          diagnostics.means());
    } finally {
      for (PartitionTrainer t : trainers) {
        t.protocol().close();
      }
      for (ReplicaWorker w : workers) {
        w.replica().close();
      }
    }
  }

  static List<float[]> params(List<PartitionTrainer> trainers) {
    List<float[]> out = new ArrayList<>();
    for (PartitionTrainer t : trainers) {
      out.add(t.protocol().parameters().clone());
    }
    return out;
  }

  static List<float[]> states(List<ReplicaWorker> workers) {
    List<float[]> out = new ArrayList<>();
    for (ReplicaWorker w : workers) {
      out.add(w.replica().state());
    }
    return out;
  }
}
