package io.tributary.jobs;

import io.tributary.common.config.Setting;
import io.tributary.focus.bench.FocusBenchOptions;
import io.tributary.focus.cli.FocusCli;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tributary focus bench}: Focus against INGEST-HEAVY and a NoScope-style cascade, in one run.
 * Its flags are {@link FocusBenchOptions#ALL}; the videos and the output folder are the command's own.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Ingest and query with Focus and its baselines side by side; write CSV, PNG and summary.json "
        + "(ingest_cost_ratio, query_latency_ratio, precision/recall) to --out. Without --video, on a generated video.")
public final class FocusBenchCommand implements Callable<Integer>, DeclaresSettings {
  @Spec
  CommandSpec spec;

  @Option(names = "--video", description = "A video file (repeatable); none: generate one.")
  List<Path> videos = new ArrayList<>();

  @Option(names = "--out", description = "Output folder (default: results/focus-bench at the repository root).")
  Path out;

  @Override
  public List<Setting<?>> settings() {
    return FocusBenchOptions.ALL;
  }

  @Override
  public Map<String, String> shortNames() {
    return FocusShortNames.BENCH;
  }

  @Override
  public Integer call() throws Exception {
    Path dir = out != null ? out : Path.of(System.getProperty("tributary.root", ".")).resolve("results").resolve("focus-bench");
    FocusCli.bench(videos, CliSettings.read(spec, settings()), dir, System.out);
    return 0;
  }
}
