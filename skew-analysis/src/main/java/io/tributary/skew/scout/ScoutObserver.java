package io.tributary.skew.scout;

import io.tributary.common.data.LabeledDataset;
import io.tributary.common.metrics.TrafficMeter;
import io.tributary.common.model.Replica;
import io.tributary.common.protocol.PartitionTrainer;
import io.tributary.common.protocol.SyncProtocol;
import io.tributary.common.scout.ModelTraveler;
import io.tributary.common.scout.SkewScout;
import io.tributary.skew.study.LockstepExecution;
import io.tributary.skew.study.ReplicaWorker;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The study's iteration observer that runs SkewScout inside a lock-step run: it starts SkewScout
 * after the first iteration, and after every iteration lets it travel models (evaluated with a
 * DJL replica of the run's network on seeded samples of the partitions' training data) and set
 * the knob on every partition's protocol.
 */
final class ScoutObserver implements LockstepExecution.IterationObserver, AutoCloseable {
  private static final long serialVersionUID = 1L;
  private static final int EVAL_BATCH = 250;

  private final ScoutRun scoutRun;
  private final transient TrafficMeter travelMeter = new TrafficMeter();
  private transient SkewScout scout;
  private transient Replica evaluator;
  private transient Map<Long, LabeledDataset> samples;
  private transient List<ReplicaWorker> workers;

  ScoutObserver(ScoutRun scoutRun) {
    this.scoutRun = scoutRun;
  }

  @Override
  public void afterIteration(long iteration, List<PartitionTrainer> trainers, List<ReplicaWorker> workers)
      throws IOException {
    List<SyncProtocol> protocols = new ArrayList<>(trainers.size());
    for (PartitionTrainer t : trainers) {
      protocols.add(t.protocol());
    }
    if (scout == null) {
      this.workers = workers;
      this.samples = new HashMap<>();
      this.evaluator = Replica.create(workers.get(0).replica().spec(), 0);
      this.scout = new SkewScout(scoutRun.scout(), scoutRun.run().id(), trainers.size(),
          workers.get(0).numParameters(), travelMeter);
      scout.begin(protocols, iteration);
    }
    ModelTraveler.ModelAccess models = new ModelTraveler.ModelAccess() {
      @Override
      public float[] parameters(int k) {
        return trainers.get(k).protocol().parameters();
      }

      @Override
      public float[] state(int k) {
        return workers.get(k).replica().state();
      }
    };
    try {
      scout.afterIteration(iteration, protocols, models, this::accuracy);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("SkewScout interrupted at iteration " + iteration, e);
    }
  }

  /** The top-1 of a model on partition {@code k}'s sample of round {@code round}. */
  private double accuracy(int k, float[] parameters, float[] state, long round) {
    evaluator.setParameters(parameters);
    if (state.length > 0) {
      evaluator.setState(state);
    }
    return evaluator.evaluate(sample(k, round), EVAL_BATCH).top1();
  }

  /** Partition k's seeded sample for a round (the same for every model evaluated there that round). */
  private LabeledDataset sample(int k, long round) {
    long key = round * workers.size() + k;
    samples.keySet().removeIf(old -> old / workers.size() < round); // only this round's samples are needed
    return samples.computeIfAbsent(key, x -> {
      LabeledDataset data = workers.get(k).data();
      int n = data.size();
      int m = Math.min(scoutRun.sampleSize(), n);
      if (m == n) {
        return data;
      }
      int[] idx = new int[n];
      for (int i = 0; i < n; i++) {
        idx[i] = i;
      }
      SplittableRandom r = new SplittableRandom(scoutRun.run().seed() * 0x9E3779B97F4A7C15L + key);
      for (int i = 0; i < m; i++) {
        int j = i + r.nextInt(n - i);
        int t = idx[i];
        idx[i] = idx[j];
        idx[j] = t;
      }
      int[] pick = Arrays.copyOf(idx, m);
      Arrays.sort(pick);
      return data.subset(pick);
    });
  }

  /** SkewScout's periods (empty before the first iteration). */
  List<SkewScout.Period> periods() {
    return scout == null ? List.of() : scout.periods();
  }

  TrafficMeter travelMeter() {
    return travelMeter;
  }

  long modelBytes() {
    return scout == null ? 0 : scout.modelBytes();
  }

  @Override
  public void close() throws IOException {
    if (evaluator != null) {
      evaluator.close();
    }
    if (scout != null) {
      scout.close();
    }
  }
}
