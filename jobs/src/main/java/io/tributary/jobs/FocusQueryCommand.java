package io.tributary.jobs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tributary focus query}: frames with objects of a class, from a Focus index. */
@Command(name = "query", mixinStandardHelpOptions = true,
    description = "Find frames with objects of a class: look the class up in the index, verify cluster centroids "
        + "with the GT-CNN, print the frames (camera, time, frame id, boxes).")
public final class FocusQueryCommand implements Callable<Integer> {
  @Option(names = "--index", required = true, description = "Index root written by 'focus ingest'.")
  String index;

  @Option(names = "--class", required = true, description = "Class to find, as the GT-CNN names it (e.g. car).")
  String className;

  @Option(names = "--cameras", split = ",", description = "Only these cameras (comma-separated).")
  List<String> cameras = new ArrayList<>();

  @Option(names = "--from", description = "Start of the time range (ISO-8601 or epoch ms).")
  String from;

  @Option(names = "--to", description = "End of the time range, exclusive.")
  String to;

  @Option(names = "--gt-model", defaultValue = "builtin",
      description = "GT-CNN: 'builtin', a YOLOX ONNX file (yolox:FILE or a name containing 'yolox'), or an ONNX "
          + "classifier (default: ${DEFAULT-VALUE}).")
  String gtModel;

  @Option(names = "--gt-labels", description = "Class names of the GT-CNN, one a line.")
  Path gtLabels;

  @Option(names = "--gt-input", defaultValue = "224", description = "Input size of an ONNX classifier GT-CNN (default: ${DEFAULT-VALUE}).")
  int gtInput;

  @Option(names = "--skip-threshold", defaultValue = "2", converter = OptionConverters.SkipThreshold.class,
      description = "Skip_th: accept clusters whose ingest confidence is at least this without the GT-CNN; above 1 "
          + "never skips (default: ${DEFAULT-VALUE}).")
  double skipThreshold;

  @Option(names = "--contact-sheet", description = "Write the verified clusters' crops to this PNG.")
  Path contactSheet;

  @Option(names = "--max-rows", defaultValue = "50", description = "Rows of the table to print (default: ${DEFAULT-VALUE}).")
  int maxRows;

  @Override
  public Integer call() throws Exception {
    io.tributary.focus.cli.FocusCli.query(index, className, cameras, from, to, gtModel, gtLabels, gtInput, skipThreshold,
        contactSheet, maxRows, System.out);
    return 0;
  }
}
