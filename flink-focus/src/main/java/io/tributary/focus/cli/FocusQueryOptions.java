package io.tributary.focus.cli;

import io.tributary.common.config.Setting;
import io.tributary.focus.FocusOptions;
import java.nio.file.Path;
import java.util.List;

/** The options of a Focus query ({@code tributary focus query}): what to find, where, and how to verify it. */
public final class FocusQueryOptions {
  private FocusQueryOptions() {}

  public static final Setting<String> INDEX = Setting.key("index").stringType().noDefaultValue()
      .withDescription("Index root written by 'focus ingest' (a path or URI). Required.");

  public static final Setting<String> CLASS = Setting.key("class").stringType().noDefaultValue()
      .withDescription("Class to find, as the GT-CNN names it (e.g. car). Required.");

  public static final Setting<List<String>> CAMERAS = Setting.key("cameras").stringListType().noDefaultValue()
      .withDescription("Only these cameras (comma-separated; default: all).");

  public static final Setting<String> FROM = Setting.key("from").stringType().noDefaultValue()
      .withDescription("Start of the time range (ISO-8601 or epoch ms).");

  public static final Setting<String> TO = Setting.key("to").stringType().noDefaultValue()
      .withDescription("End of the time range, exclusive.");

  public static final Setting<Integer> GT_INPUT = Setting.key("gt-input").intType().defaultValue(224)
      .withDescription("Input size of an ONNX classifier GT-CNN.")
      .requiring(v -> v >= 1, "a positive size in pixels");

  public static final Setting<Path> CONTACT_SHEET = Setting.key("contact-sheet").pathType().noDefaultValue()
      .withDescription("Write the verified clusters' crops to this PNG.");

  public static final Setting<Integer> MAX_ROWS = Setting.key("max-rows").intType().defaultValue(50)
      .withDescription("Rows of the table to print.");

  /** Every option of a query, in {@code --help} order. */
  public static final List<Setting<?>> ALL = List.of(INDEX, CLASS, CAMERAS, FROM, TO, FocusOptions.GT_MODEL,
      FocusOptions.GT_LABELS, GT_INPUT, FocusOptions.SKIP_THRESHOLD, CONTACT_SHEET, MAX_ROWS);
}
