package io.tributary.skew.study;

import io.tributary.common.report.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Runs the study's training runs on Spark.
 *
 * <ul>
 *   <li>{@link Placement#RUN_PER_TASK} (default): every run is one Spark task that simulates all
 *       K partitions ({@link LockstepExecution}); runs are submitted together, so the cluster's
 *       task slots run the sweep in parallel.</li>
 *   <li>{@link Placement#PARTITION_PER_TASK}: every run is a barrier stage of K tasks, one per
 *       partition, each keeping its data and replica for the whole run ({@link
 *       BarrierExecution}); runs go one after another and need K slots.</li>
 * </ul>
 *
 * Each finished run is also saved under {@code <out>/runs/} (JSON, {@link RunCheckpoints}), so a study that
 * is interrupted resumes where it stopped when run again with the same configuration.
 */
public final class SkewStudy {
  /** Where a run's partitions execute. */
  public enum Placement {
    RUN_PER_TASK, PARTITION_PER_TASK;

    /** Parses {@code run-per-task} / {@code partition-per-task}. */
    public static Placement parse(String s) {
      return switch (s.trim().toLowerCase(Locale.ROOT).replace('_', '-')) {
        case "run-per-task", "run" -> RUN_PER_TASK;
        case "partition-per-task", "partition", "barrier" -> PARTITION_PER_TASK;
        default -> throw new IllegalArgumentException("unknown placement '" + s
            + "' (expected run-per-task or partition-per-task)");
      };
    }
  }

  private SkewStudy() {}

  /**
   * Runs {@code runs} (skipping those already saved under {@code checkpointDir}, when given) and
   * returns every run's result in the order of {@code runs}.
   *
   * @param onDone called on the driver as each run finishes
   */
  public static List<RunResult> execute(SparkSession spark, List<StudyRun> runs, Placement placement,
      Path checkpointDir, Consumer<RunResult> onDone) throws IOException, InterruptedException {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    RunResult[] results = new RunResult[runs.size()];
    Progress progress = new Progress("skew study", runs.size(), 0, System.err);
    List<Integer> pending = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      RunResult saved = checkpointDir == null ? null : loadCheckpoint(checkpointDir, runs.get(i));
      if (saved != null) {
        results[i] = saved;
        progress.step("resumed " + describe(saved));
        onDone.accept(saved);
      } else {
        pending.add(i);
      }
    }
    if (placement == Placement.PARTITION_PER_TASK) {
      MeshProvider meshes = new InProcessMeshProvider();
      for (int i : pending) {
        RunResult r = BarrierExecution.execute(jsc, runs.get(i), meshes);
        finish(r, i, results, checkpointDir, progress, onDone);
      }
    } else {
      List<JavaFutureAction<List<RunResult>>> futures = new ArrayList<>();
      for (int i : pending) {
        jsc.setJobDescription("skew study " + runs.get(i));
        futures.add(jsc.parallelize(List.of(runs.get(i)), 1).map(LockstepExecution::execute).collectAsync());
      }
      // Collect in completion order, so progress and checkpoints follow the runs as they end.
      List<Integer> left = new ArrayList<>(pending);
      List<JavaFutureAction<List<RunResult>>> leftF = new ArrayList<>(futures);
      while (!leftF.isEmpty()) {
        int doneAt = -1;
        for (int j = 0; j < leftF.size() && doneAt < 0; j++) {
          if (leftF.get(j).isDone()) {
            doneAt = j;
          }
        }
        if (doneAt < 0) {
          Thread.sleep(200);
          continue;
        }
        JavaFutureAction<List<RunResult>> f = leftF.remove(doneAt);
        int i = left.remove(doneAt);
        RunResult r;
        try {
          r = f.get().get(0);
        } catch (ExecutionException e) {
          r = RunResult.failed(runs.get(i), e.getCause() == null ? e : e.getCause(), 0);
        }
        finish(r, i, results, checkpointDir, progress, onDone);
      }
    }
    return List.of(results);
  }

  private static void finish(RunResult r, int i, RunResult[] results, Path checkpointDir, Progress progress,
      Consumer<RunResult> onDone) throws IOException {
    results[i] = r;
    if (checkpointDir != null && r.ok()) {
      saveCheckpoint(checkpointDir, r);
    }
    progress.step(describe(r));
    onDone.accept(r);
  }

  static String describe(RunResult r) {
    if (!r.ok()) {
      return r.run() + " FAILED: " + r.error();
    }
    return String.format(Locale.ROOT, "%s %s %s %s: top-1 %.1f%%, %.1f MB, %.0fs%s", r.run().id(),
        r.run().configurationLabel(), r.run().model(), r.run().setting(), 100 * r.top1(), r.bytes() / 1e6, r.seconds(),
        r.diverged() ? " (diverged)" : "");
  }

  /** What the study's checkpoints hold ({@link RunCheckpoints}). */
  static final String CHECKPOINT_KIND = "study-run";

  static Path checkpointFile(Path dir, StudyRun run) {
    return RunCheckpoints.file(dir, run.id(), run.describe());
  }

  static void saveCheckpoint(Path dir, RunResult r) throws IOException {
    RunCheckpoints.save(checkpointFile(dir, r.run()), CHECKPOINT_KIND, r.run().describe(),
        Map.of("result", RunCheckpoints.resultJson(r)));
  }

  /**
   * The result of {@code run} saved under {@code dir}, or null when there is none, it was saved for
   * another configuration, or it cannot be read (the run is then re-run; the reason is printed).
   */
  public static RunResult loadCheckpoint(Path dir, StudyRun run) {
    Path file = checkpointFile(dir, run);
    try {
      var saved = RunCheckpoints.load(file, CHECKPOINT_KIND, run.describe());
      return saved.isEmpty() ? null : RunCheckpoints.result(saved.get().get("result"), run, "checkpoint " + file);
    } catch (IOException e) {
      // An unreadable checkpoint (truncated file, another version) is re-run, not trusted; say so.
      System.err.println("[skew study] ignoring unreadable checkpoint " + file + ": " + e.getMessage());
      return null;
    }
  }
}
