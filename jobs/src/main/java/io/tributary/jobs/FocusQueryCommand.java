package io.tributary.jobs;

import io.tributary.common.config.Setting;
import io.tributary.focus.cli.FocusCli;
import io.tributary.focus.cli.FocusQueryOptions;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tributary focus query}: frames with objects of a class, from a Focus index ({@link FocusQueryOptions}). */
@Command(name = "query", mixinStandardHelpOptions = true,
    description = "Find frames with objects of a class: look the class up in the index, verify cluster centroids "
        + "with the GT-CNN, print the frames (camera, time, frame id, boxes).")
public final class FocusQueryCommand implements Callable<Integer>, DeclaresSettings {
  @Spec
  CommandSpec spec;

  @Override
  public List<Setting<?>> settings() {
    return FocusQueryOptions.ALL;
  }

  @Override
  public Integer call() throws Exception {
    FocusCli.query(CliSettings.read(spec, settings(), FocusQueryOptions.INDEX, FocusQueryOptions.CLASS), System.out);
    return 0;
  }
}
