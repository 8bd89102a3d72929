package io.tributary.common.protocol;

import java.io.IOException;
import java.util.List;

/**
 * Drives K partitions from one thread in lock-step: every partition's send phase, then every
 * partition's receive phase. Frames wait in the links' queues in between, so this needs links
 * that buffer (in-process links do). It is how one Spark task simulates a whole K-partition run,
 * so a cluster can run a study's runs in parallel, one per task.
 */
public final class LockstepRunner {
  private final List<PartitionTrainer> trainers;

  public LockstepRunner(List<PartitionTrainer> trainers) {
    if (trainers.isEmpty()) {
      throw new IllegalArgumentException("no partitions");
    }
    for (int i = 0; i < trainers.size(); i++) {
      if (trainers.get(i).protocol().partition() != i) {
        throw new IllegalArgumentException("trainer " + i + " runs partition " + trainers.get(i).protocol().partition());
      }
    }
    this.trainers = List.copyOf(trainers);
  }

  public List<PartitionTrainer> trainers() {
    return trainers;
  }

  /** One iteration on every partition. */
  public void step() throws IOException, InterruptedException {
    for (PartitionTrainer t : trainers) {
      t.sendPhase();
    }
    for (PartitionTrainer t : trainers) {
      t.receivePhase();
    }
  }

  /** {@code steps} iterations. */
  public void run(long steps) throws IOException, InterruptedException {
    for (long s = 0; s < steps; s++) {
      step();
    }
  }
}
