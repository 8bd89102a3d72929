package io.tributary.jobs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tributary focus bench}: Focus against INGEST-HEAVY and a NoScope-style cascade, in one run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Ingest and query with Focus and its baselines side by side; write CSV, PNG and summary.json "
        + "(ingest_cost_ratio, query_latency_ratio, precision/recall) to --out. Without --video, on a generated video.")
public final class FocusBenchCommand implements Callable<Integer> {
  @Option(names = "--video", description = "A video file (repeatable); none: generate one.")
  List<Path> videos = new ArrayList<>();

  @Option(names = "--seconds", defaultValue = "600", description = "Length of the generated video (default: ${DEFAULT-VALUE}).")
  double seconds;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated video (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--gt-model", defaultValue = "builtin",
      description = "GT-CNN: 'builtin' (generated video) or a YOLOX ONNX file (default: ${DEFAULT-VALUE}).")
  String gtModel;

  @Option(names = "--gt-labels", description = "Class names of the YOLOX model (80 COCO names, or the 90-name list).")
  Path gtLabels;

  @Option(names = "--sample-fps", defaultValue = "1", description = "Sampled frames per second (default: ${DEFAULT-VALUE}).")
  double sampleFps;

  @Option(names = {"-k", "--top-k"}, defaultValue = "4", description = "K (default: ${DEFAULT-VALUE}).")
  int topK;

  @Option(names = {"-t", "--distance"}, defaultValue = "5.0", description = "T (default: ${DEFAULT-VALUE}).")
  double distance;

  @Option(names = "--skip-threshold", defaultValue = "2", converter = OptionConverters.SkipThreshold.class,
      description = "Skip_th; above 1 never skips (default: ${DEFAULT-VALUE}).")
  double skipThreshold;

  @Option(names = {"-p", "--parallelism"}, defaultValue = "1", description = "Flink parallelism (default: ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(names = "--tuned", description = "Also run the stream tuner and ingest/query with its balance, opt-ingest and "
      + "opt-query picks; summary.json gains <policy>_ingest_cost_ratio, _query_latency_ratio, _test_precision_min, "
      + "_test_recall_min.")
  boolean tuned;

  @Option(names = "--tune-family", defaultValue = "small",
      description = "With --tuned: cheap-CNN candidates, as 'focus tune --family' (default: ${DEFAULT-VALUE}).")
  String tuneFamily;

  @Option(names = "--out", description = "Output folder (default: results/focus-bench at the repository root).")
  Path out;

  @Override
  public Integer call() throws Exception {
    Path dir = out != null ? out : Path.of(System.getProperty("tributary.root", ".")).resolve("results").resolve("focus-bench");
    io.tributary.focus.cli.FocusCli.bench(videos, seconds, seed, gtModel, gtLabels, sampleFps, topK, distance,
        skipThreshold, parallelism, tuned, tuneFamily, dir, System.out);
    return 0;
  }
}
