package io.tributary.gaia.options;

import io.tributary.common.config.Setting;
import java.util.ArrayList;
import java.util.List;

/**
 * The options {@code gaia launch} and {@code gaia bench} share: which application(s), their data
 * and model ({@link MfOptions}, {@link TmOptions}, {@link IcOptions}) and ASP ({@link AspOptions}).
 */
public final class ProblemOptions {
  private ProblemOptions() {}

  /** The application, or for the bench a comma-separated list. */
  public static final Setting<String> APP = Setting.key("app").stringType().defaultValue("mf")
      .withDescription("Application: mf (matrix factorisation), tm (topic modelling, LDA), ic (image classification,"
          + " CNN); the bench takes a list, e.g. tm,ic.");

  /** Every problem option in {@code --help} order. */
  public static final List<Setting<?>> ALL = concat(List.of(APP), MfOptions.ALL, TmOptions.ALL, IcOptions.ALL,
      AspOptions.ALL);

  @SafeVarargs
  static List<Setting<?>> concat(List<Setting<?>>... lists) {
    List<Setting<?>> out = new ArrayList<>();
    for (List<Setting<?>> l : lists) {
      out.addAll(l);
    }
    return List.copyOf(out);
  }
}
