package io.tributary.skew.scout;

import io.tributary.common.scout.SkewScout;
import io.tributary.skew.study.LockstepExecution;
import io.tributary.skew.study.RunResult;
import java.io.IOException;
import java.util.List;

/**
 * Runs one SkewScout-controlled training run inside one task: the study's lock-step execution
 * (K partitions over an in-process mesh) with SkewScout as its iteration observer. This is what a
 * Spark task of {@code tributary skew scout} runs, so a bench's runs go to the cluster's task
 * slots in parallel.
 */
public final class ScoutExecution {
  private ScoutExecution() {}

  /** Trains {@code scoutRun}; a failure is returned as a result whose run result has its error. */
  public static ScoutResult execute(ScoutRun scoutRun) {
    ScoutObserver observer = new ScoutObserver(scoutRun);
    RunResult r;
    try {
      r = LockstepExecution.execute(scoutRun.run(), observer);
    } finally {
      try {
        observer.close();
      } catch (IOException e) {
        // Closing in-process links cannot fail in a way that changes the result; say so.
        System.err.println("[skew scout] closing run " + scoutRun.run().id() + ": " + e.getMessage());
      }
    }
    List<SkewScout.Period> periods = observer.periods();
    return new ScoutResult(scoutRun, r, periods, observer.travelMeter().totalBytes(),
        observer.travelMeter().totalMessages(), observer.modelBytes());
  }
}
