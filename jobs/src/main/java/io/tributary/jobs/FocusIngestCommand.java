package io.tributary.jobs;

import io.tributary.common.config.Setting;
import io.tributary.focus.cli.FocusCli;
import io.tributary.focus.ingest.FocusIngestOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tributary focus ingest}: the Focus ingest job (Flink; embedded MiniCluster by default).
 * Its flags are {@link FocusIngestOptions#ALL}; the videos are the command's arguments.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Index video with Focus: background subtraction, the cheap CNN's top-K classes, incremental "
        + "clustering; writes Parquet tables partitioned by camera and hour to --index (any Hadoop file system).")
public final class FocusIngestCommand implements Callable<Integer>, DeclaresSettings {
  @Spec
  CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "VIDEO",
      description = "Video files (a camera each), folders (a camera per file or per sub-folder of segments), "
          + "or stream URLs (rtsp://, http://, ...).")
  List<String> inputs;

  @Override
  public List<Setting<?>> settings() {
    return FocusIngestOptions.ALL;
  }

  @Override
  public Map<String, String> shortNames() {
    return FocusShortNames.INGEST;
  }

  @Override
  public Integer call() throws Exception {
    FocusCli.ingest(inputs, CliSettings.read(spec, settings(), FocusIngestOptions.INDEX), System.out);
    return 0;
  }
}
