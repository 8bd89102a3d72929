/**
 * SkewScout on Spark (thesis §6.6): training runs of the non-IID study with model traveling and
 * adaptive communication control, and its benchmark against BSP and ORACLE (Fig. 6.12).
 *
 * <p>A {@link io.tributary.skew.scout.ScoutRun} is a study run plus SkewScout's settings. {@link
 * io.tributary.skew.scout.ScoutExecution} runs it inside one Spark task: the study's lock-step
 * execution with an iteration observer that drives the engine-free {@link
 * io.tributary.common.scout.SkewScout} (models travel over counted in-process links and are
 * evaluated with a DJL replica on samples of the partitions' training data; the chosen knob is set
 * on every partition's protocol at the same iteration). {@link io.tributary.skew.scout.ScoutPlan}
 * turns the command line into runs: SkewScout runs, BSP and, for the bench, the fixed-knob sweep
 * from which ORACLE is picked. {@link io.tributary.skew.scout.SkewScoutRunner} runs them on Spark
 * (one task per run, checkpointed for {@code --resume}); {@link io.tributary.skew.scout.ScoutReport}
 * compares SkewScout with BSP and ORACLE and writes CSV, plots and {@code summary.json}; {@link
 * io.tributary.skew.scout.ScoutOutput} writes the periods as Parquet.
 */
package io.tributary.skew.scout;
