package io.tributary.skew.scout;

import io.tributary.common.scout.SkewScout;
import io.tributary.skew.study.StudyRun;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One SkewScout-controlled training run: a study run (data, partitioning, model, training
 * parameters; its protocol's knob is SkewScout's first theta) and SkewScout's settings.
 *
 * @param run the training run; {@code run.protocol()} is the tuned algorithm at the first theta
 * @param scout SkewScout's settings
 * @param sampleSize training samples of a partition that travelling models are evaluated on per
 *     round (a seeded sample, new every round)
 */
public record ScoutRun(StudyRun run, SkewScout.Config scout, int sampleSize) implements Serializable {
  private static final long serialVersionUID = 1L;

  public ScoutRun {
    if (sampleSize < 1) {
      throw new IllegalArgumentException("run " + run.id() + ": travel sample size must be >= 1, got " + sampleSize);
    }
    if (!run.protocol().algorithm().equals(scout.grid().algorithm())) {
      throw new IllegalArgumentException("run " + run.id() + " trains " + run.protocol().algorithm()
          + " but SkewScout tunes " + scout.grid().algorithm());
    }
    double first = scout.grid().value(scout.grid().nearest(scout.startTheta()));
    if (run.protocol().knob() != first) {
      throw new IllegalArgumentException("run " + run.id() + " starts at " + run.protocol() + " but SkewScout's first "
          + scout.grid().knobName() + " is " + first);
    }
  }

  /** The configuration as flat name/value pairs (the run's, then SkewScout's). */
  public Map<String, String> describe() {
    Map<String, String> m = new LinkedHashMap<>(run.describe());
    m.put("scout_mtp", String.valueOf(scout.mtp()));
    m.put("scout_grid", scout.grid().toString());
    m.put("scout_strategy", scout.strategy().id());
    m.put("scout_sigma_al", String.valueOf(scout.objective().sigmaAl()));
    m.put("scout_lambda_al", String.valueOf(scout.objective().lambdaAl()));
    m.put("scout_lambda_c", String.valueOf(scout.objective().lambdaC()));
    m.put("scout_start", String.valueOf(scout.startTheta()));
    m.put("scout_memo_ttl", String.valueOf(scout.memoTtl()));
    m.put("scout_seed", String.valueOf(scout.seed()));
    m.put("scout_schedule", scout.schedule());
    m.put("scout_overlay", scout.overlay());
    m.put("scout_sample", String.valueOf(sampleSize));
    return m;
  }

  @Override
  public String toString() {
    return run.id() + "[SkewScout " + scout.grid().algorithm() + " " + scout.strategy().id() + ", MTP=" + scout.mtp()
        + ", sigma_AL=" + scout.objective().sigmaAl() + ", " + run.model() + ", " + run.partitioner() + ", "
        + run.dataset() + ", K=" + run.partitions() + "]";
  }
}
