package io.tributary.skew.scout;

import io.tributary.common.config.Settings;
import io.tributary.common.protocol.ProtocolSpec;
import io.tributary.common.protocol.SgdConfig;
import io.tributary.common.scout.CommunicationController;
import io.tributary.common.scout.KnobGrid;
import io.tributary.common.scout.Objective;
import io.tributary.common.scout.SkewScout;
import io.tributary.skew.options.ScoutOptions;
import io.tributary.skew.options.SkewTrainingOptions;
import io.tributary.skew.study.StudyGrid;
import io.tributary.skew.study.StudyRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns {@link ScoutOptions} into runs: SkewScout runs, and the fixed-theta runs they are
 * compared with (BSP; in the bench also every theta of the grid, from which ORACLE is picked).
 *
 * <p>Defaults (the bench's configuration, sized for 2 cores): Fashion-MNIST, the first
 * {@value #TRAIN_PER_CLASS} training and {@value #TEST_PER_CLASS} test images of each class, K = 5,
 * the study's GN-LeNet, minibatch {@value #BATCH} per partition, {@value #EPOCHS} epochs, learning rate 0.01
 * (mean-weighted form; appendix 6.B's 0.002 per partition summed over K = 5) divided by 10 at 50%
 * and 75% of training, momentum 0.9, weight decay 0.0005; Gaia with T0 in {0, 1, 2, 5, 10, 20,
 * 30, 50}% (the bench: {@value #BENCH_GAIA_GRID}); SkewScout with MTP = {@value #MTP} iterations, pairwise travel schedule, direct
 * routes, {@value #SAMPLE} training samples per evaluation, sigma_AL = 5%, hill climbing from the
 * grid's most communicating value, memoised accuracy losses trusted for {@value #MEMO_TTL} decisions.
 */
public final class ScoutPlan {
  /** Default dataset. */
  public static final String DATASET = ScoutOptions.DATASET.defaultValue();
  /** Default model. */
  public static final String MODEL = ScoutOptions.MODEL.defaultValue();
  /** Default training images per class. */
  public static final int TRAIN_PER_CLASS = ScoutOptions.DEFAULT_TRAIN_PER_CLASS;
  /** Default test images per class. */
  public static final int TEST_PER_CLASS = ScoutOptions.DEFAULT_TEST_PER_CLASS;
  /** Default epochs. */
  public static final double EPOCHS = ScoutOptions.DEFAULT_EPOCHS;
  /** Default model-traveling period (iterations). */
  public static final int MTP = ScoutOptions.MTP.defaultValue();
  /** Default travel sample per partition. */
  public static final int SAMPLE = ScoutOptions.SAMPLE.defaultValue();
  /**
   * Default memo lifetime (decisions): a theta whose accuracy loss was too high early in
   * training is tried again after this many decisions, as AL falls when training converges.
   */
  public static final int MEMO_TTL = ScoutOptions.MEMO_TTL.defaultValue();
  /** Default K. */
  public static final int PARTITIONS = ScoutOptions.DEFAULT_PARTITIONS;
  /** Default minibatch per partition. */
  public static final int BATCH = ScoutOptions.DEFAULT_BATCH;
  /** Default learning rate (mean-weighted form). */
  public static final double LR = ScoutOptions.DEFAULT_LR;
  /** The bench's settings: IID, 20%, 60% and 100% non-IID (label skew). */
  public static final List<String> BENCH_PARTITIONERS = List.of("iid", "noniid:20", "noniid:60", "label-skew");
  /**
   * The bench's default knob grid for Gaia (T0 = 0, 2%, 10%, 30%): every value is one fixed run
   * per setting in the ORACLE sweep, so a coarse grid keeps the bench within ~25 minutes on 2
   * shared cores, and SkewScout climbs it in a few periods.
   */
  public static final String BENCH_GAIA_GRID = "0,2%,10%,30%";
  /** The default tolerance for "reaches BSP's accuracy": 2 points, the study's threshold. */
  public static final double TOLERANCE = ScoutOptions.TOLERANCE.defaultValue();

  /** The runs of one invocation. */
  public record Plan(List<StudyRun> fixed, List<ScoutRun> scout, KnobGrid grid, double tolerance) {}

  private ScoutPlan() {}

  /** The setting key of a partitioner: {@code iid}, {@code 20}, {@code 60}, {@code 100}, or the study's setting name. */
  public static String settingKey(String partitioner) {
    String s = StudyRun.settingOf(partitioner);
    if (s.equals("noniid")) {
      return "100";
    }
    if (s.startsWith("noniid")) {
      return s.substring(6);
    }
    return s;
  }

  /**
   * The plan of {@code tributary skew scout}: one SkewScout run per partitioning, plus BSP on the
   * same partitions when {@code baseline} is set; with {@code bench} also every fixed theta of
   * the grid (the ORACLE sweep) and the bench's four settings by default.
   */
  public static Plan plan(Settings o, boolean bench) {
    String algorithm = o.get(ScoutOptions.ALGORITHM).trim().toLowerCase(Locale.ROOT);
    double epochs = or(o.get(SkewTrainingOptions.EPOCHS), EPOCHS);
    String gridText = o.get(ScoutOptions.GRID) == null && bench && algorithm.equals("gaia") ? BENCH_GAIA_GRID
        : o.get(ScoutOptions.GRID);
    KnobGrid paperGrid = KnobGrid.parse(algorithm, gridText);
    // DGC's E_warm is given in the paper's 128 epochs and runs scaled to this training length,
    // as the study scales it.
    KnobGrid grid = algorithm.equals("dgc") ? scaled(paperGrid, epochs) : paperGrid;
    List<String> given = o.get(ScoutOptions.PARTITIONS);
    List<String> partitioners = given != null && !given.isEmpty() ? given
        : bench ? BENCH_PARTITIONERS : List.of("label-skew");
    String dataset = o.get(ScoutOptions.DATASET);
    String model = o.get(ScoutOptions.MODEL);
    String startText = o.get(ScoutOptions.START);
    double startPaper = startText == null ? paperGrid.value(0) : parseKnob(startText);
    int startIndex = paperGrid.nearest(startPaper);
    double start = grid.value(startIndex);
    CommunicationController.Strategy strategy = CommunicationController.Strategy.parse(o.get(ScoutOptions.STRATEGY));
    Objective objective = new Objective(o.get(ScoutOptions.LAMBDA_AL), o.get(ScoutOptions.SIGMA),
        o.get(ScoutOptions.LAMBDA_C));
    long seed = o.get(SkewTrainingOptions.SEED);
    SkewScout.Config config = new SkewScout.Config(o.get(ScoutOptions.MTP), new SkewScout.Search(grid, objective,
        strategy, start, o.get(ScoutOptions.MEMO_TTL), seed, 1.0, 0.8), o.get(ScoutOptions.SCHEDULE),
        o.get(ScoutOptions.OVERLAY));

    List<ProtocolSpec> fixedProtocols = new ArrayList<>();
    if (bench || !o.get(ScoutOptions.NO_BASELINE)) {
      fixedProtocols.add(ProtocolSpec.bsp());
    }
    if (bench) {
      for (double v : paperGrid.values()) {
        fixedProtocols.add(new ProtocolSpec(algorithm, v, Map.of()));
      }
    }
    StudyGrid.Dimensions fixedDims = new StudyGrid.Dimensions(List.of(dataset), List.of(model), partitioners,
        fixedProtocols);
    List<StudyRun> fixed = fixedProtocols.isEmpty() ? List.of() : grid(o, fixedDims, epochs, seed).expand(0);
    StudyGrid.Dimensions scoutDims = new StudyGrid.Dimensions(List.of(dataset), List.of(model), partitioners,
        List.of(new ProtocolSpec(algorithm, paperGrid.value(startIndex), Map.of())));
    List<StudyRun> scoutBase = grid(o, scoutDims, epochs, seed).expand(fixed.size());
    List<ScoutRun> scout = new ArrayList<>();
    int sample = o.get(ScoutOptions.SAMPLE);
    for (StudyRun r : scoutBase) {
      scout.add(new ScoutRun(r.withId("s" + r.id().substring(1)), config, sample));
    }
    if (scout.get(0).run().protocol().knob() != start) {
      throw new IllegalStateException("first theta " + scout.get(0).run().protocol() + " vs " + start);
    }
    return new Plan(fixed, scout, grid, o.get(ScoutOptions.TOLERANCE));
  }

  private static StudyGrid grid(Settings o, StudyGrid.Dimensions dimensions, double epochs, long seed) {
    StudyGrid.Training training = new StudyGrid.Training(or(o.get(SkewTrainingOptions.NUM_PARTITIONS), PARTITIONS),
        or(o.get(SkewTrainingOptions.BATCH_SIZE), BATCH), epochs, or(o.get(SkewTrainingOptions.LR), LR),
        new double[] {0.5, 0.75}, SgdConfig.PAPER, or(o.get(SkewTrainingOptions.TRAIN_PER_CLASS), TRAIN_PER_CLASS),
        or(o.get(SkewTrainingOptions.TEST_PER_CLASS), TEST_PER_CLASS));
    return new StudyGrid(dimensions, training, seed,
        or(o.get(SkewTrainingOptions.EVAL_EVERY), ScoutOptions.DEFAULT_EVAL_EVERY), 2, true);
  }

  private static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }

  private static KnobGrid scaled(KnobGrid g, double epochs) {
    double[] v = g.values();
    for (int i = 0; i < v.length; i++) {
      v[i] = v[i] * epochs / StudyGrid.PAPER_EPOCHS; // exactly as StudyGrid scales the protocols
    }
    return new KnobGrid(g.algorithm(), v);
  }

  private static double parseKnob(String s) {
    String t = s.trim();
    try {
      return t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1).trim()) / 100 : Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad first knob value '" + s + "'", e);
    }
  }
}
