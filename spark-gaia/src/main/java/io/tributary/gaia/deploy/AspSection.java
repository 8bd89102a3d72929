package io.tributary.gaia.deploy;

import io.tributary.common.asp.AspConfig;
import io.tributary.common.asp.AspGoal;
import io.tributary.common.config.Setting;
import io.tributary.common.config.Settings;
import io.tributary.gaia.options.AspOptions;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * ASP's section of the run file ({@code asp.}): {@link AspConfig} through the {@link AspOptions}
 * flags where one exists ({@code asp.threshold}, {@code asp.staleness} is {@code --ds},
 * {@code asp.shard_size}) and settings of the file's own for the values the launcher fixes.
 * The barrier and the goal are stored as the effective values ({@code asp.barrier=true},
 * {@code asp.goal=OPTIMISE_SPEED}), not as the flags that chose them ({@code --no-barrier},
 * {@code --goal speed}).
 */
final class AspSection {
  private AspSection() {}

  /** Whether the selective barrier is on. */
  static final Setting<Boolean> BARRIER = Setting.key("barrier").flag()
      .withDescription("ASP: selective barrier on.");

  /** The soft threshold's goal, by its constant name. */
  static final Setting<AspGoal> GOAL = Setting.key("goal")
      .type("<goal>", "OPTIMISE_SPEED or MINIMISE_COST", AspGoal::valueOf, AspGoal::name).noDefaultValue()
      .withDescription("ASP soft threshold's goal.");

  /** The soft threshold's lowest ratio to the hard one. */
  static final Setting<Double> MIN_SOFT_RATIO = Setting.key("min-soft-ratio").doubleType().noDefaultValue()
      .withDescription("ASP: the soft threshold's lowest ratio to the hard threshold.");

  /** Largest frame on a link. */
  static final Setting<Integer> MAX_FRAME_BYTES = Setting.key("max-frame-bytes").intType().noDefaultValue()
      .withDescription("ASP: largest frame on a link, in bytes.");

  /** The selective barrier's budget (0: a moving average of clock times). */
  static final Setting<Long> BARRIER_BUDGET_MS = Setting.key("barrier-budget-ms").longType().noDefaultValue()
      .withDescription("ASP: the selective barrier's budget in ms (0: a moving average of clock times).");

  private static final RunFileSection FILE = RunFileSection.of("asp", List.of(AspOptions.THRESHOLD, AspOptions.DS,
      BARRIER, GOAL, MIN_SOFT_RATIO, AspOptions.SHARD_SIZE, MAX_FRAME_BYTES, BARRIER_BUDGET_MS))
      .renaming(AspOptions.DS, "staleness");

  /** Writes {@code asp} under {@code asp.}. */
  static void write(AspConfig asp, Map<String, String> out) {
    Settings s = Settings.empty().with(AspOptions.THRESHOLD, asp.initialThreshold())
        .with(AspOptions.DS, asp.staleness()).with(BARRIER, asp.selectiveBarrier()).with(GOAL, asp.goal())
        .with(MIN_SOFT_RATIO, asp.minSoftRatio()).with(AspOptions.SHARD_SIZE, asp.shardSize())
        .with(MAX_FRAME_BYTES, asp.maxFrameBytes()).with(BARRIER_BUDGET_MS, asp.barrierBudgetMillis());
    FILE.write(s, out);
  }

  /** Reads what {@link #write} wrote; every key is required. */
  static AspConfig read(Properties p) {
    Settings s = FILE.read(p);
    return new AspConfig(FILE.require(s, AspOptions.THRESHOLD), FILE.require(s, AspOptions.DS),
        FILE.require(s, BARRIER), FILE.require(s, GOAL), FILE.require(s, MIN_SOFT_RATIO),
        FILE.require(s, AspOptions.SHARD_SIZE), FILE.require(s, MAX_FRAME_BYTES), FILE.require(s, BARRIER_BUDGET_MS));
  }
}
