package io.tributary.skew.scout;

import io.tributary.common.scout.SkewScout;
import io.tributary.skew.study.RunResult;
import java.io.Serializable;
import java.util.List;

/**
 * What a SkewScout-controlled run produced: the training run's result (accuracy, protocol bytes,
 * curve), SkewScout's periods (theta, accuracy loss, communication, decisions) and model
 * traveling's bytes.
 *
 * @param scoutRun the configuration
 * @param result the training run's result; {@code result.bytes()} counts protocol traffic only
 * @param periods one per model-traveling period, in order
 * @param travelBytes bytes model traveling sent (counted on the travel links)
 * @param travelMessages frames model traveling sent
 * @param modelBytes CM: one dense model
 */
public record ScoutResult(ScoutRun scoutRun, RunResult result, List<SkewScout.Period> periods, long travelBytes,
    long travelMessages, long modelBytes) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Whether the run completed. */
  public boolean ok() {
    return result.ok();
  }

  /** All communication: the protocol's bytes plus model traveling's. */
  public long totalBytes() {
    return result.bytes() + travelBytes;
  }

  /** The theta in force at the end of training. */
  public double finalTheta() {
    return periods.isEmpty() ? scoutRun.run().protocol().knob() : periods.get(periods.size() - 1).nextTheta();
  }
}
