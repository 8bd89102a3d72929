package io.tributary.jobs;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tributary focus ingest}: the Focus ingest job (Flink; embedded MiniCluster by default). */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Index video with Focus: background subtraction, the cheap CNN's top-K classes, incremental "
        + "clustering; writes Parquet tables partitioned by camera and hour to --index (any Hadoop file system).")
public final class FocusIngestCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "VIDEO",
      description = "Video files (a camera each), folders (a camera per file or per sub-folder of segments), "
          + "or stream URLs (rtsp://, http://, ...).")
  List<String> inputs;

  @Option(names = "--index", required = true, description = "Index root: a path or URI (file://, hdfs://).")
  String index;

  @Option(names = "--cheap-model", defaultValue = "builtin",
      description = "Ingest CNN: 'builtin' (trained by the project for generated video), 'tuned:FILE' (a tuned.properties "
          + "of 'focus tune': its model, K and T) or an ONNX/TorchScript "
          + "classifier file (default: ${DEFAULT-VALUE}).")
  String cheapModel;

  @Option(names = "--cheap-labels", description = "Class names of a user's ingest CNN, one a line.")
  Path cheapLabels;

  @Option(names = "--cheap-input", defaultValue = "224", description = "Input size of a user's ingest CNN (default: ${DEFAULT-VALUE}).")
  int cheapInput;

  @Option(names = "--sample-fps", defaultValue = "1", description = "Sampled frames per second (default: ${DEFAULT-VALUE}).")
  double sampleFps;

  @Option(names = {"-k", "--top-k"}, defaultValue = "4", description = "K: classes indexed per object (default: ${DEFAULT-VALUE}).")
  int topK;

  @Option(names = {"-t", "--distance"}, defaultValue = "5.0",
      description = "T: clustering distance threshold (default: ${DEFAULT-VALUE}).")
  double distance;

  @Option(names = {"-c", "--max-clusters"}, defaultValue = "100",
      description = "C: most active clusters per camera (default: ${DEFAULT-VALUE}).")
  int maxClusters;

  @Option(names = "--crop-context", defaultValue = "1",
      description = "Window stored around each centroid object, as a multiple of its size: 1 keeps the crop; "
          + "about 2.5 when the GT-CNN is a detector such as YOLOX (default: ${DEFAULT-VALUE}).")
  double cropContext;

  @Option(names = "--background", defaultValue = "window-average",
      description = "window-average (hourly average, as in the paper) or running-average (default: ${DEFAULT-VALUE}).")
  String background;

  @Option(names = "--start", defaultValue = "1970-01-01T00:00:00Z",
      description = "Wall-clock time of the first frame: ISO-8601 or epoch ms (default: ${DEFAULT-VALUE}).")
  String start;

  @Option(names = "--state-backend", defaultValue = "hashmap", description = "hashmap or rocksdb (default: ${DEFAULT-VALUE}).")
  String stateBackend;

  @Option(names = {"-p", "--parallelism"}, defaultValue = "1", description = "Flink parallelism (default: ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(names = "--checkpoint-interval-ms", defaultValue = "2000",
      description = "Checkpoint (and index commit) interval (default: ${DEFAULT-VALUE}).")
  long checkpointMs;

  @Option(names = "--checkpoint-dir", description = "Checkpoint storage URI (default: in memory).")
  String checkpointDir;

  @Option(names = "--tuned-dir", description = "Re-tuning: watch this folder for the stream tuner's tuned.properties "
      + "(focus tune --out DIR, re-run on a schedule); each new one becomes the ingest CNN, K and T at the next checkpoint.")
  java.nio.file.Path tunedDir;

  @Option(names = "--retune-poll-ms", defaultValue = "5000",
      description = "How often --tuned-dir is checked (default: ${DEFAULT-VALUE}).")
  long retunePollMs;

  @Option(names = "--retune-every", paramLabel = "DURATION",
      description = "Re-tuning: run the stream tuner every DURATION (90s, 10m, 1h) in the job's driver on the history "
          + "the index has committed so far (video files only) and switch to its choice at the next checkpoint.")
  String retuneEvery;

  @Option(names = "--gt-model", defaultValue = "builtin",
      description = "With --retune-every: the GT-CNN labelling the history: 'builtin' or a YOLOX ONNX file (default: ${DEFAULT-VALUE}).")
  String gtModel;

  @Option(names = "--gt-labels", description = "With --retune-every: class names of the GT-CNN, one a line.")
  Path gtLabels;

  @Option(names = "--policy", defaultValue = "balance",
      description = "With --retune-every: balance, opt-ingest or opt-query (default: ${DEFAULT-VALUE}).")
  String policy;

  @Option(names = "--precision", defaultValue = "0.99", description = "With --retune-every: precision target (default: ${DEFAULT-VALUE}).")
  double precision;

  @Option(names = "--recall", defaultValue = "0.99", description = "With --retune-every: recall target (default: ${DEFAULT-VALUE}).")
  double recall;

  @Option(names = "--family", defaultValue = "small",
      description = "With --retune-every: candidate cheap CNNs, as for 'focus tune' (default: ${DEFAULT-VALUE}).")
  String family;

  @Option(names = "--retune-out", defaultValue = "results/focus-retune",
      description = "With --retune-every: where each round's tuner outputs go, round-N/ (default: ${DEFAULT-VALUE}).")
  Path retuneOut;

  @Override
  public Integer call() throws Exception {
    io.tributary.focus.cli.FocusCli.ingest(inputs, index, cheapModel, cheapLabels, cheapInput, sampleFps, topK, distance,
        maxClusters, cropContext, background, start, stateBackend, parallelism, checkpointMs, checkpointDir, tunedDir,
        retunePollMs, retuneEvery, gtModel, gtLabels, policy, precision, recall, family, retuneOut, System.out);
    return 0;
  }
}
