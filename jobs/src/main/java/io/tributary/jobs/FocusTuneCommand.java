package io.tributary.jobs;

import io.tributary.common.config.Setting;
import io.tributary.focus.cli.FocusTuneOptions;
import io.tributary.focus.tune.TuneCli;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tributary focus tune}: the stream tuner (specialised cheap CNN, K, T, Skip_th for a stream).
 * Its flags are {@link FocusTuneOptions#ALL}; the videos and the output folder are the command's own.
 */
@Command(name = "tune", mixinStandardHelpOptions = true,
    description = "Tune Focus for a stream: label sampled objects with the GT-CNN, train specialised cheap CNNs, "
        + "search (CNN, L_s, K, T, Skip_th) for the accuracy targets, pick by policy, validate on the test half. "
        + "Writes tuned.properties (for 'focus ingest --cheap-model tuned:FILE'), configurations.csv, "
        + "tradeoff.png, tuning.json and tune-config.txt to --out. Without --video, on a generated video.")
public final class FocusTuneCommand implements Callable<Integer>, DeclaresSettings {
  @Spec
  CommandSpec spec;

  @Option(names = "--video", description = "A video file (repeatable, a camera each); none: generate one.")
  List<Path> videos = new ArrayList<>();

  @Option(names = "--out", description = "Output folder (default: results/focus-tune at the repository root).")
  Path out;

  @Override
  public List<Setting<?>> settings() {
    return FocusTuneOptions.ALL;
  }

  @Override
  public Integer call() throws Exception {
    Path dir = out != null ? out : Path.of(System.getProperty("tributary.root", ".")).resolve("results").resolve("focus-tune");
    TuneCli.tune(videos, CliSettings.read(spec, settings()), dir, System.out);
    return 0;
  }
}
