package io.tributary.skew.scout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import io.tributary.common.config.Settings;
import io.tributary.common.io.AtomicFiles;
import io.tributary.common.model.Architecture;
import io.tributary.common.partition.Partitioners;
import io.tributary.common.report.Progress;
import io.tributary.common.scout.KnobGrid;
import io.tributary.common.scout.SkewScout;
import io.tributary.skew.SkewSpark;
import io.tributary.skew.options.ScoutOptions;
import io.tributary.skew.options.SkewTrainingOptions;
import io.tributary.skew.study.DatasetSource;
import io.tributary.skew.study.RunCheckpoints;
import io.tributary.skew.study.RunResult;
import io.tributary.skew.study.SkewStudy;
import io.tributary.skew.study.StudyOutput;
import io.tributary.skew.study.StudyRun;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * {@code tributary skew scout} and {@code tributary skew scout --bench} on Spark: plans the runs
 * ({@link ScoutPlan}), prints the partitions' class histograms, runs every SkewScout run and
 * every fixed-theta run as one Spark task each (the study's lock-step placement, so a cluster
 * runs them in parallel), and writes {@code runs.parquet} (the study's schema, one row per
 * training run), {@code periods.parquet} and the {@link ScoutReport}.
 *
 * <p>Finished runs are saved under {@code <out>/runs} (fixed runs, by the study) and
 * {@code <out>/scout-runs}, so with {@code --resume} an interrupted bench continues where it
 * stopped.
 */
public final class SkewScoutRunner {
  private SkewScoutRunner() {}

  /** {@code tributary skew scout}: SkewScout per partitioning (and BSP beside it unless disabled). */
  public static int scout(Settings options, PrintStream out) throws IOException, InterruptedException {
    return run(options, out, false);
  }

  /** {@code tributary skew scout --bench}: BSP, the fixed-theta sweep (ORACLE) and SkewScout per setting. */
  public static int bench(Settings options, PrintStream out) throws IOException, InterruptedException {
    return run(options, out, true);
  }

  private static int run(Settings options, PrintStream out, boolean bench) throws IOException,
      InterruptedException {
    ScoutPlan.Plan plan = ScoutPlan.plan(options, bench);
    validate(plan);
    Path dir = options.require(SkewTrainingOptions.OUT);
    Files.createDirectories(dir);
    String master = SkewSpark.master(options.get(SkewTrainingOptions.MASTER), "local[" + Runtime.getRuntime().availableProcessors() + "]");
    String what = bench ? "skew scout bench" : "skew scout";
    out.printf(Locale.ROOT, "[%s] %d SkewScout runs and %d fixed runs on %s, output %s%n", what, plan.scout().size(),
        plan.fixed().size(), master, dir.toAbsolutePath());
    // The effective settings (the master as resolved), whether this is the bench, then the planned
    // runs as comments, so Settings.parse reads the file back (less the bench line).
    StringBuilder config = new StringBuilder(options.with(SkewTrainingOptions.MASTER, master)
        .toText(ScoutOptions.ALL));
    config.append("# bench=").append(bench).append('\n');
    StringBuilder runs = new StringBuilder();
    for (ScoutRun r : plan.scout()) {
      runs.append(r).append("  ").append(r.describe()).append('\n');
    }
    for (StudyRun r : plan.fixed()) {
      runs.append(r).append("  ").append(r.describe()).append('\n');
    }
    config.append("# runs\n").append(runs.toString().replaceAll("(?m)^", "# "));
    AtomicFiles.writeString(dir.resolve("config.txt"), config);
    out.printf(Locale.ROOT, "master=%s%nbench=%s%ntolerance=%s%n", master, bench, plan.tolerance());
    out.print(runs);
    SkewSpark.printPartitions(plan.scout().stream().map(ScoutRun::run).toList(), out);
    if (options.get(SkewTrainingOptions.DRY_RUN)) {
      return 0;
    }
    SkewSpark.limitEngineThreads();
    long t0 = System.nanoTime();
    SparkSession spark = session(master);
    List<RunResult> fixed;
    List<ScoutResult> scout;
    ScoutReport.Report report;
    try {
      Path fixedCheckpoints = dir.resolve("runs");
      Path scoutCheckpoints = dir.resolve("scout-runs");
      if (!options.get(SkewTrainingOptions.RESUME)) {
        clearCheckpoints(fixedCheckpoints);
        clearCheckpoints(scoutCheckpoints);
      }
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      // SkewScout runs go first (they are what the user waits for); the fixed runs queue behind them.
      Progress progress = new Progress(what + " (SkewScout runs)", plan.scout().size(), 0, System.err);
      ScoutResult[] scoutResults = new ScoutResult[plan.scout().size()];
      List<Integer> pending = new ArrayList<>();
      List<JavaFutureAction<List<ScoutResult>>> futures = new ArrayList<>();
      for (int i = 0; i < plan.scout().size(); i++) {
        ScoutResult saved = loadCheckpoint(scoutCheckpoints, plan.scout().get(i));
        if (saved != null) {
          scoutResults[i] = saved;
          progress.step("resumed " + describe(saved));
          continue;
        }
        jsc.setJobDescription("skew scout " + plan.scout().get(i));
        futures.add(jsc.parallelize(List.of(plan.scout().get(i)), 1).map(ScoutExecution::execute).collectAsync());
        pending.add(i);
      }
      Thread collector = new Thread(() -> collect(futures, pending, plan, scoutResults, scoutCheckpoints, progress),
          "skew-scout-collector");
      collector.setDaemon(true);
      collector.start();
      fixed = plan.fixed().isEmpty() ? List.of()
          : SkewStudy.execute(spark, plan.fixed(), SkewStudy.Placement.RUN_PER_TASK, fixedCheckpoints, r -> { });
      collector.join();
      scout = List.of(scoutResults);
      double minutes = (System.nanoTime() - t0) / 60e9;
      List<RunResult> all = new ArrayList<>(fixed);
      scout.forEach(s -> all.add(s.result()));
      StudyOutput.write(spark, all, dir.resolve("runs.parquet"));
      ScoutOutput.writePeriods(spark, scout, plan.grid().algorithm(), dir.resolve("periods.parquet"));
      report = ScoutReport.write(plan, fixed, scout, dir, minutes, bench);
      out.print(report.text());
      out.printf(Locale.ROOT, "%n[%s] done in %s; wrote %s (runs.parquet, periods.parquet, results.csv, sweep.csv, "
          + "periods.csv, summary.json, report.txt, plots)%n", what, Progress.duration(minutes * 60),
          dir.toAbsolutePath());
    } finally {
      spark.stop();
    }
    long failed = fixed.stream().filter(r -> !r.ok()).count() + scout.stream().filter(s -> !s.ok()).count();
    if (failed > 0) {
      System.err.println("[" + what + "] " + failed + " runs failed; see report.txt and sweep.csv");
      return 1;
    }
    return 0;
  }

  private static void collect(List<JavaFutureAction<List<ScoutResult>>> futures, List<Integer> pending,
      ScoutPlan.Plan plan, ScoutResult[] results, Path checkpoints, Progress progress) {
    for (int j = 0; j < futures.size(); j++) {
      int i = pending.get(j);
      ScoutResult r;
      try {
        r = futures.get(j).get().get(0);
      } catch (ExecutionException | InterruptedException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        r = failed(plan.scout().get(i), cause);
      }
      results[i] = r;
      if (r.ok()) {
        try {
          saveCheckpoint(checkpoints, r);
        } catch (IOException e) {
          System.err.println("[skew scout] could not save checkpoint of " + r.scoutRun().run().id() + ": "
              + e.getMessage());
        }
      }
      progress.step(describe(r));
    }
  }

  private static ScoutResult failed(ScoutRun run, Throwable e) {
    // The study's failed-result shape, through its public execution (a run that fails at once).
    RunResult r = RunResult.empty(run.run(), e.getClass().getSimpleName() + ": " + e.getMessage(), 0);
    return new ScoutResult(run, r, List.of(), 0, 0, 0);
  }

  static String describe(ScoutResult s) {
    RunResult r = s.result();
    if (!r.ok()) {
      return r.run().id() + " SkewScout " + r.run().partitioner() + " FAILED: " + r.error();
    }
    return String.format(Locale.ROOT, "%s SkewScout %s: top-1 %.1f%%, %.1f MB (%.1f MB traveling), final %s, %.0fs",
        r.run().id(), r.run().setting(), 100 * r.top1(), s.totalBytes() / 1e6, s.travelBytes() / 1e6,
        KnobGrid.label(r.run().protocol().algorithm(), s.finalTheta()), r.seconds());
  }

  /** Fails on the driver, before training, when a name in the plan is bad. */
  static void validate(ScoutPlan.Plan plan) {
    Set<String> seen = new LinkedHashSet<>();
    List<StudyRun> runs = new ArrayList<>(plan.fixed());
    plan.scout().forEach(s -> runs.add(s.run()));
    for (StudyRun r : runs) {
      if (seen.add("d" + r.dataset())) {
        DatasetSource.check(r.dataset());
      }
      if (seen.add("p" + r.partitioner())) {
        Partitioners.parse(r.partitioner());
      }
      if (seen.add("m" + r.model())) {
        Architecture.parse(r.model());
      }
    }
  }

  /** SkewScout's Spark session for {@code master}. */
  static SparkSession session(String master) {
    return SkewSpark.session("tributary-skew-scout", master, 1);
  }

  /** What SkewScout's checkpoints hold ({@link RunCheckpoints}). */
  static final String CHECKPOINT_KIND = "scout-run";

  static Path checkpointFile(Path dir, ScoutRun run) {
    return RunCheckpoints.file(dir, run.run().id(), run.describe());
  }

  static void saveCheckpoint(Path dir, ScoutResult r) throws IOException {
    Map<String, JsonNode> body = new LinkedHashMap<>();
    body.put("result", RunCheckpoints.resultJson(r.result()));
    body.put("periods", RunCheckpoints.JSON.valueToTree(r.periods()));
    body.put("travel_bytes", LongNode.valueOf(r.travelBytes()));
    body.put("travel_messages", LongNode.valueOf(r.travelMessages()));
    body.put("model_bytes", LongNode.valueOf(r.modelBytes()));
    RunCheckpoints.save(checkpointFile(dir, r.scoutRun()), CHECKPOINT_KIND, r.scoutRun().describe(), body);
  }

  /** The saved result of {@code run}, or null when there is none (or it cannot be read: the run is then re-run). */
  static ScoutResult loadCheckpoint(Path dir, ScoutRun run) {
    Path file = checkpointFile(dir, run);
    try {
      var saved = RunCheckpoints.load(file, CHECKPOINT_KIND, run.describe());
      if (saved.isEmpty()) {
        return null;
      }
      JsonNode o = saved.get();
      String where = "checkpoint " + file;
      RunResult result = RunCheckpoints.result(o.get("result"), run.run(), where);
      List<SkewScout.Period> periods;
      try {
        periods = RunCheckpoints.JSON.readerForListOf(SkewScout.Period.class).readValue(o.path("periods"));
      } catch (IOException | IllegalArgumentException e) {
        throw new IOException(where + ": malformed periods: " + e.getMessage(), e);
      }
      for (String k : List.of("travel_bytes", "travel_messages", "model_bytes")) {
        if (!o.path(k).canConvertToLong()) {
          throw new IOException(where + " lacks " + k);
        }
      }
      return new ScoutResult(run, result, periods == null ? List.of() : List.copyOf(periods),
          o.get("travel_bytes").asLong(), o.get("travel_messages").asLong(), o.get("model_bytes").asLong());
    } catch (IOException | RuntimeException e) {
      // An unreadable checkpoint (truncated file, another version) is re-run, not trusted; say so.
      System.err.println("[skew scout] ignoring unreadable checkpoint " + file + ": " + e.getMessage());
      return null;
    }
  }

  private static void clearCheckpoints(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        String name = f.getFileName().toString();
        // .bin: checkpoints of older versions (Java-serialised), never read; cleared with the rest.
        if (name.endsWith(RunCheckpoints.EXTENSION) || name.endsWith(".bin")) {
          Files.delete(f);
        }
      }
    }
  }
}
