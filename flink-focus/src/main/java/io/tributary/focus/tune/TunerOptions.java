package io.tributary.focus.tune;

import io.tributary.common.config.Setting;
import io.tributary.common.config.Settings;
import java.util.List;

/**
 * The stream tuner's user-facing options (targets, policy, candidates): what {@code focus tune},
 * {@code focus ingest --retune-every} and {@code focus bench --tuned} accept. {@link #apply} puts
 * them on a {@link TunerSettings}, whose search grids stay library defaults.
 */
public final class TunerOptions {
  private TunerOptions() {}

  public static final Setting<Double> PRECISION = Setting.key("precision").doubleType().defaultValue(0.99)
      .withDescription("Precision target per query class, relative to the GT-CNN.")
      .requiring(v -> v > 0 && v <= 1, "a fraction in (0, 1]");

  public static final Setting<Double> RECALL = Setting.key("recall").doubleType().defaultValue(0.99)
      .withDescription("Recall target per query class, relative to the GT-CNN.")
      .requiring(v -> v > 0 && v <= 1, "a fraction in (0, 1]");

  public static final Setting<String> POLICY = Setting.key("policy").stringType().defaultValue("balance")
      .withDescription("Which Pareto configuration to pick: balance, opt-ingest or opt-query.");

  public static final Setting<Double> INGEST_WEIGHT = Setting.key("ingest-weight").doubleType().defaultValue(1.0)
      .withDescription("BALANCE's weight of ingest cost.")
      .requiring(v -> v >= 0, "a weight of at least 0");

  public static final Setting<Double> QUERY_WEIGHT = Setting.key("query-weight").doubleType().defaultValue(1.0)
      .withDescription("BALANCE's weight of query latency.")
      .requiring(v -> v >= 0, "a weight of at least 0");

  public static final Setting<String> FAMILY = Setting.key("family").stringType().defaultValue("small")
      .withDescription("Cheap-CNN candidates: 'small' (3), 'default' (6, 32-112 px; slower to train) or "
          + "INPUT:C1-C2-...:FEATURES;...");

  public static final Setting<Integer> MAX_CLASSES = Setting.key("max-classes").intType().defaultValue(8)
      .withDescription("Largest L_s (classes a specialised CNN tells apart).")
      .requiring(v -> v >= 1, "at least 1");

  /** Every tuner option, in {@code --help} order. */
  public static final List<Setting<?>> ALL = List.of(PRECISION, RECALL, POLICY, INGEST_WEIGHT, QUERY_WEIGHT, FAMILY,
      MAX_CLASSES);

  /** {@code base} with the targets, policy, weights, candidates and largest L_s of {@code s}. */
  public static TunerSettings apply(TunerSettings base, Settings s) {
    return base.withTargets(s.get(PRECISION), s.get(RECALL)).withPolicy(Policy.parse(s.get(POLICY)))
        .withWeights(s.get(INGEST_WEIGHT), s.get(QUERY_WEIGHT)).withFamily(CandidateArch.parseFamily(s.get(FAMILY)))
        .withMaxClasses(s.get(MAX_CLASSES));
  }
}
