package io.tributary.jobs;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tributary focus generate}: a synthetic street video with known objects (and its ground truth). */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Render a street scene with objects of known classes crossing it, encode it with FFmpeg, "
        + "and write the per-frame ground truth beside it (<video>.truth.csv).")
public final class FocusGenerateCommand implements Callable<Integer> {
  @Option(names = "--out", required = true, converter = OptionConverters.VideoOutput.class,
      description = "Video file to write (.mp4, .avi, .mkv: the extension picks the container).")
  Path out;

  @Option(names = "--seconds", defaultValue = "120", description = "Length of the video (default: ${DEFAULT-VALUE}).")
  double seconds;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--width", defaultValue = "320", description = "Frame width (default: ${DEFAULT-VALUE}).")
  int width;

  @Option(names = "--height", defaultValue = "240", description = "Frame height (default: ${DEFAULT-VALUE}).")
  int height;

  @Option(names = "--fps", defaultValue = "10", description = "Frames per second (default: ${DEFAULT-VALUE}).")
  double fps;

  @Option(names = "--objects-per-second", defaultValue = "0.4",
      description = "Mean new objects per second (default: ${DEFAULT-VALUE}).")
  double spawn;

  @Option(names = "--occlusion", defaultValue = "0.5",
      description = "0 keeps lanes apart, 1 packs them so vehicles hide each other (default: ${DEFAULT-VALUE}).")
  double occlusion;

  @Option(names = "--lighting-drift", defaultValue = "0.12",
      description = "Amplitude of a slow brightness change, 0-1 (default: ${DEFAULT-VALUE}).")
  double lighting;

  @Override
  public Integer call() throws Exception {
    io.tributary.focus.cli.FocusCli.generate(out, seconds, seed, width, height, fps, spawn, occlusion, lighting,
        System.out);
    return 0;
  }
}
