package io.tributary.skew.scout;

import io.tributary.common.protocol.ProtocolSpec;
import io.tributary.common.protocol.SgdConfig;
import io.tributary.common.scout.CommunicationController;
import io.tributary.common.scout.KnobGrid;
import io.tributary.common.scout.Objective;
import io.tributary.common.scout.SkewScout;
import io.tributary.skew.study.StudyGrid;
import io.tributary.skew.study.StudyRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
  public static final String DATASET = "fashion-mnist";
  /** Default model. */
  public static final String MODEL = "gn-lenet";
  /** Default training images per class. */
  public static final int TRAIN_PER_CLASS = 60;
  /** Default test images per class. */
  public static final int TEST_PER_CLASS = 100;
  /** Default epochs. */
  public static final double EPOCHS = 3;
  /** Default model-traveling period (iterations). */
  public static final int MTP = 4;
  /** Default travel sample per partition. */
  public static final int SAMPLE = 100;
  /**
   * Default memo lifetime (decisions): a theta whose accuracy loss was too high early in
   * training is tried again after this many decisions, as AL falls when training converges.
   */
  public static final int MEMO_TTL = 4;
  /** Default K. */
  public static final int PARTITIONS = 5;
  /** Default minibatch per partition. */
  public static final int BATCH = 10;
  /** Default learning rate (mean-weighted form). */
  public static final double LR = 0.01;
  /** The bench's settings: IID, 20%, 60% and 100% non-IID (label skew). */
  public static final List<String> BENCH_PARTITIONERS = List.of("iid", "noniid:20", "noniid:60", "label-skew");
  /**
   * The bench's default knob grid for Gaia (T0 = 0, 2%, 10%, 30%): every value is one fixed run
   * per setting in the ORACLE sweep, so a coarse grid keeps the bench within ~25 minutes on 2
   * shared cores, and SkewScout climbs it in a few periods.
   */
  public static final String BENCH_GAIA_GRID = "0,2%,10%,30%";
  /** The default tolerance for "reaches BSP's accuracy": 2 points, the study's threshold. */
  public static final double TOLERANCE = 0.02;

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
  public static Plan plan(ScoutOptions o, boolean bench) {
    String algorithm = o.algorithm() == null ? "gaia" : o.algorithm().trim().toLowerCase(Locale.ROOT);
    double epochs = o.epochs() != null ? o.epochs() : EPOCHS;
    String gridText = o.grid() == null && bench && algorithm.equals("gaia") ? BENCH_GAIA_GRID : o.grid();
    KnobGrid paperGrid = KnobGrid.parse(algorithm, gridText);
    // DGC's E_warm is given in the paper's 128 epochs and runs scaled to this training length,
    // as the study scales it.
    KnobGrid grid = algorithm.equals("dgc") ? scaled(paperGrid, epochs) : paperGrid;
    List<String> partitioners = !o.partitioners().isEmpty() ? o.partitioners()
        : bench ? BENCH_PARTITIONERS : List.of("label-skew");
    String dataset = o.dataset() != null ? o.dataset() : DATASET;
    String model = o.model() != null ? o.model() : MODEL;
    double startPaper = o.start() == null ? paperGrid.value(0) : parseKnob(o.start());
    int startIndex = paperGrid.nearest(startPaper);
    double start = grid.value(startIndex);
    CommunicationController.Strategy strategy = o.strategy() == null ? CommunicationController.Strategy.HILL_CLIMBING
        : CommunicationController.Strategy.parse(o.strategy());
    Objective objective = new Objective(o.lambdaAl() != null ? o.lambdaAl() : Objective.DEFAULT_LAMBDA_AL,
        o.sigma() != null ? o.sigma() : Objective.DEFAULT_SIGMA, o.lambdaC() != null ? o.lambdaC()
            : Objective.DEFAULT_LAMBDA_C);
    long seed = o.seed() != null ? o.seed() : 1L;
    SkewScout.Config config = new SkewScout.Config(o.mtp() != null ? o.mtp() : MTP, grid, objective, strategy, start,
        o.memoTtl() != null ? o.memoTtl() : MEMO_TTL, seed, 1.0, 0.8, o.schedule() != null ? o.schedule() : "pairs",
        o.overlay() != null ? o.overlay() : "direct");

    List<ProtocolSpec> fixedProtocols = new ArrayList<>();
    if (bench || o.baseline()) {
      fixedProtocols.add(ProtocolSpec.bsp());
    }
    if (bench) {
      for (double v : paperGrid.values()) {
        fixedProtocols.add(new ProtocolSpec(algorithm, v, java.util.Map.of()));
      }
    }
    List<StudyRun> fixed = fixedProtocols.isEmpty() ? List.of()
        : grid(o, dataset, model, partitioners, fixedProtocols, epochs, seed).expand(0);
    List<StudyRun> scoutBase = grid(o, dataset, model, partitioners,
        List.of(new ProtocolSpec(algorithm, paperGrid.value(startIndex), java.util.Map.of())), epochs, seed)
        .expand(fixed.size());
    List<ScoutRun> scout = new ArrayList<>();
    int sample = o.sampleSize() != null ? o.sampleSize() : SAMPLE;
    for (StudyRun r : scoutBase) {
      StudyRun renamed = new StudyRun("s" + r.id().substring(1), r.dataset(), r.trainPerClass(), r.testPerClass(),
          r.partitioner(), r.partitions(), r.model(), r.groupSize(), r.protocol(), r.paperKnob(), r.batchSize(),
          r.epochs(), r.learningRate(), r.sgd(), r.seed(), r.evalEveryEpochs(), r.bnWindow());
      scout.add(new ScoutRun(renamed, config, sample));
    }
    if (scout.get(0).run().protocol().knob() != start) {
      throw new IllegalStateException("first theta " + scout.get(0).run().protocol() + " vs " + start);
    }
    return new Plan(fixed, scout, grid, o.tolerance() != null ? o.tolerance() : TOLERANCE);
  }

  private static StudyGrid grid(ScoutOptions o, String dataset, String model, List<String> partitioners,
      List<ProtocolSpec> protocols, double epochs, long seed) {
    return new StudyGrid(List.of(dataset), List.of(model), partitioners, protocols,
        o.partitions() != null ? o.partitions() : PARTITIONS, o.batchSize() != null ? o.batchSize() : BATCH, epochs,
        o.learningRate() != null ? o.learningRate() : LR, new double[] {0.5, 0.75}, SgdConfig.PAPER,
        o.trainPerClass() != null ? o.trainPerClass() : TRAIN_PER_CLASS,
        o.testPerClass() != null ? o.testPerClass() : TEST_PER_CLASS, seed,
        o.evalEveryEpochs() != null ? o.evalEveryEpochs() : 1.0, 2, true);
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
