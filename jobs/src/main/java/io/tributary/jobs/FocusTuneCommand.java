package io.tributary.jobs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tributary focus tune}: the stream tuner (specialised cheap CNN, K, T, Skip_th for a stream). */
@Command(name = "tune", mixinStandardHelpOptions = true,
    description = "Tune Focus for a stream: label sampled objects with the GT-CNN, train specialised cheap CNNs, "
        + "search (CNN, L_s, K, T, Skip_th) for the accuracy targets, pick by policy, validate on the test half. "
        + "Writes tuned.properties (for 'focus ingest --cheap-model tuned:FILE'), configurations.csv, "
        + "tradeoff.png and tuning.json to --out. Without --video, on a generated video.")
public final class FocusTuneCommand implements Callable<Integer> {
  @Option(names = "--video", description = "A video file (repeatable, a camera each); none: generate one.")
  List<Path> videos = new ArrayList<>();

  @Option(names = "--seconds", defaultValue = "600", description = "Length of the generated video (default: ${DEFAULT-VALUE}).")
  double seconds;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated video (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--gt-model", defaultValue = "builtin",
      description = "GT-CNN: 'builtin' (generated video) or a YOLOX ONNX file (default: ${DEFAULT-VALUE}).")
  String gtModel;

  @Option(names = "--gt-labels", description = "Class names of the YOLOX model, one a line.")
  Path gtLabels;

  @Option(names = "--sample-fps", defaultValue = "1", description = "Sampled frames per second (default: ${DEFAULT-VALUE}).")
  double sampleFps;

  @Option(names = "--precision", defaultValue = "0.99", description = "Precision target per class (default: ${DEFAULT-VALUE}).")
  double precision;

  @Option(names = "--recall", defaultValue = "0.99", description = "Recall target per class (default: ${DEFAULT-VALUE}).")
  double recall;

  @Option(names = "--policy", defaultValue = "balance",
      description = "balance, opt-ingest or opt-query (default: ${DEFAULT-VALUE}).")
  String policy;

  @Option(names = "--ingest-weight", defaultValue = "1", description = "BALANCE's weight of ingest cost (default: ${DEFAULT-VALUE}).")
  double ingestWeight;

  @Option(names = "--query-weight", defaultValue = "1", description = "BALANCE's weight of query latency (default: ${DEFAULT-VALUE}).")
  double queryWeight;

  @Option(names = "--family", defaultValue = "small",
      description = "Cheap-CNN candidates: 'small' (3), 'default' (6, 32-112 px; slower to train) or "
          + "INPUT:C1-C2-...:FEATURES;... (default: ${DEFAULT-VALUE}).")
  String family;

  @Option(names = "--max-classes", defaultValue = "8", description = "Largest L_s (default: ${DEFAULT-VALUE}).")
  int maxClasses;

  @Option(names = "--out", description = "Output folder (default: results/focus-tune at the repository root).")
  Path out;

  @Override
  public Integer call() throws Exception {
    Path dir = out != null ? out : Path.of(System.getProperty("tributary.root", ".")).resolve("results").resolve("focus-tune");
    io.tributary.focus.tune.TuneCli.tune(videos, seconds, seed, gtModel, gtLabels, sampleFps, precision, recall, policy,
        ingestWeight, queryWeight, family, maxClasses, dir, System.out);
    return 0;
  }
}
