package io.tributary.skew.study;

import io.tributary.common.link.Link;
import io.tributary.common.link.VectorCodec;
import io.tributary.common.model.Replica;
import io.tributary.common.protocol.PartitionTrainer;
import io.tributary.common.protocol.ProtocolContext;
import io.tributary.common.protocol.SyncProtocol;
import io.tributary.common.protocol.UpdateWeighting;
import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction1;

/**
 * Runs one training run as a Spark barrier stage of K tasks: partition k's data and model replica
 * live in task k for the whole run, and the tasks synchronise through the run's protocol over
 * links from a {@link MeshProvider}. At every accuracy-curve point the partitions send their
 * models to partition 0 over a separate evaluation mesh (not counted as protocol traffic), which
 * evaluates them and tells everyone whether to go on (training stops when the loss diverged).
 */
public final class BarrierExecution {
  private static final long EVAL_TIMEOUT_MILLIS = TimeUnit.MINUTES.toMillis(30);

  private BarrierExecution() {}

  /** What one barrier task reports; partition 0's {@code lead} also carries the run's data, curve and accuracies. */
  record PartitionOutcome(int partition, long bytes, long messages, List<float[]> bnWindows,
      RunEngine.Diagnostics diagnostics, long steps, boolean diverged, Lead lead) implements Serializable {}

  /**
   * What partition 0 reports for the whole run (the other partitions report an empty histogram and
   * their own sizes and accuracies, which are not used).
   *
   * @param partitionSizes training samples per partition
   * @param histogram the partitioner's class histogram (partition 0 only)
   * @param trainSamples training samples over all partitions
   * @param testSamples test samples evaluated
   * @param curve accuracy-curve rows: epoch, top-1, training loss, training accuracy
   * @param curveBytes bytes sent at each curve point
   * @param accuracy the final accuracies
   */
  record Lead(int[] partitionSizes, String histogram, int trainSamples, int testSamples, double[][] curve,
      long[] curveBytes, FinalAccuracy accuracy) implements Serializable {}

  /** Final top-1: the headline, the averaged model's and each partition's. */
  record FinalAccuracy(double top1, double averaged, double[] perPartition) implements Serializable {}

  /**
   * Runs {@code run} on {@code jsc} as a barrier stage of {@code run.partitions()} tasks (the
   * master must offer that many task slots at once).
   */
  public static RunResult execute(JavaSparkContext jsc, StudyRun run, MeshProvider meshes) {
    long t0 = System.nanoTime();
    try {
      List<Integer> ids = new ArrayList<>();
      for (int k = 0; k < run.partitions(); k++) {
        ids.add(k);
      }
      RDD<Integer> rdd = jsc.parallelize(ids, run.partitions()).rdd();
      RDD<PartitionOutcome> out = rdd.barrier().mapPartitions(new TaskBody(run, meshes), false,
          ClassTag$.MODULE$.apply(PartitionOutcome.class));
      PartitionOutcome[] parts = (PartitionOutcome[]) out.collect();
      return merge(run, Arrays.asList(parts), (System.nanoTime() - t0) / 1e9);
    } catch (RuntimeException e) {
      return RunResult.failed(run, e, (System.nanoTime() - t0) / 1e9);
    }
  }

  static RunResult merge(StudyRun run, List<PartitionOutcome> parts, double seconds) {
    PartitionOutcome[] byK = new PartitionOutcome[run.partitions()];
    for (PartitionOutcome o : parts) {
      byK[o.partition()] = o;
    }
    long[] bytes = new long[byK.length];
    long total = 0;
    long messages = 0;
    List<List<float[]>> windows = new ArrayList<>();
    RunEngine.Diagnostics diag = new RunEngine.Diagnostics();
    for (int k = 0; k < byK.length; k++) {
      if (byK[k] == null) {
        throw new IllegalStateException("run " + run.id() + ": no outcome from partition " + k);
      }
      bytes[k] = byK[k].bytes();
      total += bytes[k];
      messages += byK[k].messages();
      windows.add(byK[k].bnWindows());
      diag.addAll(byK[k].diagnostics());
    }
    PartitionOutcome p0 = byK[0];
    Lead lead = p0.lead();
    FinalAccuracy a = lead.accuracy();
    double[] bn = BatchNormDivergence.compute(windows);
    double[][] c = lead.curve();
    return new RunResult(run, null,
        new RunResult.Execution(lead.trainSamples(), lead.testSamples(), lead.partitionSizes(), lead.histogram(),
            p0.steps(), seconds, p0.diverged()),
        new RunResult.Curve(col(c, 0), col(c, 1), col(c, 2), col(c, 3), lead.curveBytes()),
        new RunResult.Accuracy(a.top1(), a.averaged(), a.perPartition()),
        new RunResult.Traffic(total, bytes, messages),
        new RunResult.BatchNorm(bn[0], Arrays.copyOfRange(bn, 1, bn.length)),
        diag.means());
  }

  private static double[] col(double[][] rows, int c) {
    return Arrays.stream(rows).mapToDouble(r -> r[c]).toArray();
  }

  /**
   * The barrier stage's function (a Scala function: Spark's Java-friendly evaluator API does not
   * create barrier stages).
   */
  private static final class TaskBody
      extends AbstractFunction1<Iterator<Integer>, Iterator<PartitionOutcome>>
      implements Serializable {
    private static final long serialVersionUID = 1L;
    private final StudyRun run;
    private final MeshProvider meshes;

    TaskBody(StudyRun run, MeshProvider meshes) {
      this.run = run;
      this.meshes = meshes;
    }

    @Override
    public Iterator<PartitionOutcome> apply(Iterator<Integer> ignored) {
      BarrierTaskContext ctx = BarrierTaskContext.get();
      try {
        return CollectionConverters.asScala(List.of(task(run, meshes, ctx)).iterator());
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException("run " + run.id() + " partition " + ctx.partitionId() + ": " + e.getMessage(), e);
      }
    }
  }

  /** The body of barrier task k. */
  static PartitionOutcome task(StudyRun run, MeshProvider meshes, BarrierTaskContext ctx)
      throws IOException, InterruptedException {
    int k = ctx.partitionId();
    int n = run.partitions();
    String base = run.id() + "@" + ctx.stageId() + "." + ctx.stageAttemptNumber();
    RunEngine.Prepared p = RunEngine.prepare(run);
    Link[] sync = meshes.connect(base + "/sync", k, n, ctx);
    Link[] eval = meshes.connect(base + "/eval", k, n, ctx);
    ctx.barrier(); // every task holds its links before anyone may release a mesh
    Replica replica = Replica.create(p.spec(), run.seed());
    SyncProtocol protocol;
    RunEngine.Evaluator evaluator = null;
    try {
      ReplicaWorker worker = new ReplicaWorker(replica, p.parts().get(k), p.bnWindow());
      protocol = run.protocol().create(replica.parameters(), run.sgd(),
          new ProtocolContext(k, sync, UpdateWeighting.MEAN, ProtocolContext.DEFAULT_TIMEOUT_MILLIS));
      PartitionTrainer trainer = new PartitionTrainer(worker, protocol, run.batchSize(), p.stepsPerEpoch(),
          run.learningRate(), run.seed());
      RunEngine.Diagnostics diag = new RunEngine.Diagnostics();
      RunEngine.DivergenceWatch watch = new RunEngine.DivergenceWatch();
      trainer.addListener(watch).addListener((t, step, g) -> diag.add(t.protocol()));
      if (k == 0) {
        evaluator = new RunEngine.Evaluator(p.spec(), p.test());
      }
      RunEngine.Curve curve = new RunEngine.Curve();
      List<float[]> lastParams = List.of();
      List<float[]> lastStates = List.of();
      boolean diverged = false;
      long done = 0;
      while (done < p.totalSteps()) {
        trainer.step();
        done++;
        if (RunEngine.isEvalPoint(p, done)) {
          double[] training = trainer.drainTrainingMetrics();
          if (k != 0) {
            eval[0].send(modelFrame(protocol.parameters(), replica.state(), training, watch.diverged,
                protocol.bytesSent()));
            byte[] decision = receive(eval[0], "evaluation decision from partition 0");
            diverged = decision[0] != 0;
          } else {
            List<float[]> params = new ArrayList<>(List.of(protocol.parameters().clone()));
            List<float[]> states = new ArrayList<>(List.of(replica.state()));
            List<double[]> trainings = new ArrayList<>(List.of(training));
            boolean anyDiverged = watch.diverged;
            long bytes = protocol.bytesSent();
            for (int i = 1; i < n; i++) {
              ByteBuffer b = ByteBuffer.wrap(receive(eval[i], "model of partition " + i));
              params.add(VectorCodec.decode(b).toDense());
              states.add(VectorCodec.decode(b).toDense());
              trainings.add(new double[] {b.getDouble(), b.getDouble(), b.getDouble()});
              anyDiverged |= b.get() != 0;
              bytes += b.getLong();
            }
            double[] mean = RunEngine.meanTraining(trainings);
            curve.add(done / (double) p.stepsPerEpoch(), evaluator.curvePoint(run.protocol().algorithm(), params,
                states),
                mean[0], mean[1], bytes);
            diverged = anyDiverged;
            for (int i = 1; i < n; i++) {
              eval[i].send(new byte[] {(byte) (diverged ? 1 : 0)});
            }
            lastParams = params;
            lastStates = states;
          }
          if (diverged) {
            break;
          }
        }
      }
      double top1 = Double.NaN;
      double averaged = Double.NaN;
      double[] perPartition = new double[0];
      if (k == 0) {
        perPartition = evaluator.perPartition(lastParams, lastStates);
        averaged = evaluator.averaged(lastParams, lastStates);
        top1 = run.protocol().algorithm().equals("gaia") ? Arrays.stream(perPartition).average().orElse(Double.NaN)
            : averaged;
      }
      double[][] rows = curve.points.toArray(new double[0][]);
      Lead lead = new Lead(RunEngine.sizes(p.parts()), k == 0 ? p.partitioning().describe() : "", p.train().size(),
          p.test().size(), rows, curve.bytes(), new FinalAccuracy(top1, averaged, perPartition));
      return new PartitionOutcome(k, protocol.bytesSent(), protocol.messagesSent(), worker.batchNormWindows(), diag,
          done, diverged, lead);
    } finally {
      if (evaluator != null) {
        evaluator.close();
      }
      replica.close();
      // The links themselves belong to the mesh; releasing the last user drops it.
      meshes.release(base + "/sync", k);
      meshes.release(base + "/eval", k);
    }
  }

  private static byte[] modelFrame(float[] params, float[] state, double[] training, boolean diverged, long bytes) {
    byte[] a = VectorCodec.encode(params);
    byte[] s = VectorCodec.encode(state);
    ByteBuffer b = ByteBuffer.allocate(a.length + s.length + 3 * 8 + 1 + 8);
    b.put(a).put(s);
    for (double x : training) {
      b.putDouble(x);
    }
    b.put((byte) (diverged ? 1 : 0)).putLong(bytes);
    return b.array();
  }

  private static byte[] receive(Link link, String what) throws IOException, InterruptedException {
    byte[] f = link.receive(EVAL_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    if (f == null) {
      throw new IOException("no " + what + " within " + EVAL_TIMEOUT_MILLIS / 60000 + " minutes");
    }
    return f;
  }
}
