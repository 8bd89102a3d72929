package io.tributary.jobs;

import io.tributary.common.config.Setting;
import io.tributary.connectors.video.synthetic.SceneOptions;
import io.tributary.focus.cli.FocusCli;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tributary focus generate}: a synthetic street video with known objects (and its ground
 * truth). The scene's flags are {@link SceneOptions}; only the output file is the command's own.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Render a street scene with objects of known classes crossing it, encode it with FFmpeg, "
        + "and write the per-frame ground truth beside it (<video>.truth.csv).")
public final class FocusGenerateCommand implements Callable<Integer>, DeclaresSettings {
  @Spec
  CommandSpec spec;

  @Option(names = "--out", required = true, converter = OptionConverters.VideoOutput.class,
      description = "Video file to write (.mp4, .avi, .mkv: the extension picks the container).")
  Path out;

  @Override
  public List<Setting<?>> settings() {
    return SceneOptions.ALL;
  }

  @Override
  public Integer call() throws Exception {
    FocusCli.generate(out, CliSettings.read(spec, settings()), System.out);
    return 0;
  }
}
