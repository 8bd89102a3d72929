package io.tributary.skew.study;

import io.tributary.common.config.Settings;
import io.tributary.common.io.AtomicFiles;
import io.tributary.common.model.Architecture;
import io.tributary.common.partition.Partitioners;
import io.tributary.common.report.Progress;
import io.tributary.skew.SkewSpark;
import io.tributary.skew.options.SkewTrainingOptions;
import io.tributary.skew.options.StudyOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;

/**
 * {@code tributary skew study}: plans the sweep, prints the partitions' class histograms, runs it
 * on Spark, writes {@code runs.parquet}, the tables, plots and {@code summary.json}, and prints the
 * report. {@code tributary skew report} rebuilds the report from a study's Parquet output.
 */
public final class SkewStudyRunner {
  private SkewStudyRunner() {}

  /**
   * Runs the study of {@code options} ({@link StudyOptions}; {@link SkewTrainingOptions#OUT} is
   * required).
   *
   * @return 0 when every run completed, 1 when some failed (their errors are in the report)
   * @throws IllegalArgumentException naming the bad option when the plan is invalid
   */
  public static int study(Settings options, PrintStream out) throws IOException, InterruptedException {
    List<StudyRun> runs = StudyPresets.runs(options);
    validate(runs);
    Path dir = options.require(SkewTrainingOptions.OUT);
    Files.createDirectories(dir);
    SkewStudy.Placement placement = SkewStudy.Placement.parse(options.get(StudyOptions.PLACEMENT));
    int k = runs.stream().mapToInt(StudyRun::partitions).max().orElse(1);
    String master = SkewSpark.master(options.get(SkewTrainingOptions.MASTER), placement == SkewStudy.Placement.PARTITION_PER_TASK
        ? "local[" + k + "]" : "local[" + Runtime.getRuntime().availableProcessors() + "]");
    out.printf(Locale.ROOT, "[skew study] preset %s: %d runs on %s, placement %s, output %s%n", options.get(StudyOptions.PRESET),
        runs.size(), master, placement.name().toLowerCase(Locale.ROOT).replace('_', '-'), dir.toAbsolutePath());
    StringBuilder plan = new StringBuilder();
    for (StudyRun r : runs) {
      plan.append(r).append("  ").append(r.describe()).append('\n');
    }
    // The effective settings (the master as resolved), then the planned runs as comments, so
    // Settings.parse reads the file back.
    String settings = options.with(SkewTrainingOptions.MASTER, master).toText(StudyOptions.ALL);
    AtomicFiles.writeString(dir.resolve("study-config.txt"), settings + "# runs\n" + plan.toString().replaceAll(
        "(?m)^", "# "));
    out.print(plan);
    SkewSpark.printPartitions(runs, out);
    if (options.get(SkewTrainingOptions.DRY_RUN)) {
      return 0;
    }
    SkewSpark.limitEngineThreads();
    long t0 = System.nanoTime();
    List<RunResult> results;
    SparkSession spark = session(master);
    try {
      Path checkpoints = dir.resolve("runs");
      if (!options.get(SkewTrainingOptions.RESUME)) {
        clearCheckpoints(checkpoints);
      }
      double resumedMinutes = 0;
      for (StudyRun r : runs) {
        RunResult saved = SkewStudy.loadCheckpoint(checkpoints, r);
        resumedMinutes += saved == null ? 0 : saved.seconds() / 60;
      }
      results = SkewStudy.execute(spark, runs, placement, checkpoints, r -> { });
      double minutes = (System.nanoTime() - t0) / 60e9;
      StudyOutput.write(spark, results, dir.resolve("runs.parquet"));
      // minutes: this invocation's wall clock; runs resumed from an earlier, interrupted invocation
      // trained for resumed_run_minutes of task time before it.
      StudyReport.Report report = StudyReport.write(results, dir, minutes,
          Map.of("resumed_run_minutes", resumedMinutes));
      out.print(report.text());
      out.printf(Locale.ROOT, "%n[skew study] %d runs in %s; wrote %s (runs.parquet, report.txt, table6_1.csv, "
          + "summary.json, plots)%n", results.size(), Progress.duration(minutes * 60), dir.toAbsolutePath());
    } finally {
      spark.stop();
    }
    long failed = results.stream().filter(r -> !r.ok()).count();
    if (failed > 0) {
      System.err.println("[skew study] " + failed + " of " + results.size() + " runs failed; see report.txt");
      return 1;
    }
    return 0;
  }

  /** Rebuilds the report of a study from its {@code runs.parquet}. */
  public static int report(Path runsParquet, Path outDir, PrintStream out) throws IOException {
    if (!Files.exists(runsParquet)) {
      throw new IllegalArgumentException("no study output at " + runsParquet);
    }
    SparkSession spark = session("local[1]");
    try {
      List<RunResult> results = StudyOutput.read(spark, runsParquet);
      if (results.isEmpty()) {
        throw new IllegalArgumentException(runsParquet + " holds no runs");
      }
      // Keep the study's own wall-clock figures when rebuilding its report in place; otherwise the
      // sum of the runs' training time is the best available figure.
      Map<String, Double> kept = previousTimes(outDir.resolve("summary.json"));
      double minutes = kept.containsKey("minutes") ? kept.remove("minutes")
          : results.stream().mapToDouble(RunResult::seconds).sum() / 60;
      StudyReport.Report report = StudyReport.write(results, outDir, minutes, kept);
      out.print(report.text());
      out.println("[skew report] wrote " + outDir.toAbsolutePath());
      return 0;
    } finally {
      spark.stop();
    }
  }

  private static Map<String, Double> previousTimes(Path summary) throws IOException {
    Map<String, Double> out = new LinkedHashMap<>();
    if (Files.isRegularFile(summary)) {
      String json = Files.readString(summary, StandardCharsets.UTF_8);
      for (String key : List.of("minutes", "resumed_run_minutes")) {
        Matcher m = Pattern.compile("\"" + key + "\": ([0-9.eE+-]+)").matcher(json);
        if (m.find()) {
          out.put(key, Double.parseDouble(m.group(1)));
        }
      }
    }
    return out;
  }

  /** Fails on the driver, before any training, when a name or spec in the plan is bad. */
  static void validate(List<StudyRun> runs) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("the study has no runs");
    }
    Set<String> seen = new LinkedHashSet<>();
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

  /** The study's Spark session for {@code master}. */
  static SparkSession session(String master) {
    return SkewSpark.session("tributary-skew-study", master, 1);
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
