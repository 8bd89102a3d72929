package io.tributary.common.scout;

import io.tributary.common.link.LinkShape;
import io.tributary.common.link.VectorCodec;
import io.tributary.common.metrics.TrafficMeter;
import io.tributary.common.protocol.SyncProtocol;
import io.tributary.common.protocol.TunableProtocol;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SkewScout (thesis §6.6) for one training run of K partitions, engine-free: every {@code MTP}
 * iterations it travels models between partitions ({@link ModelTraveler}) to measure the accuracy
 * loss AL, measures the protocol's communication C while the current theta was in force, lets the
 * {@link CommunicationController} pick the next theta by eq. 6.2, and sets it on every partition's
 * protocol ({@link TunableProtocol#setKnob}) at the same iteration, so it takes effect at the next
 * step.
 *
 * <p>Call {@link #begin} before the first step and {@link #afterIteration} after every iteration,
 * when all partitions have completed it (the lock-step placement's iteration observer does).
 */
public final class SkewScout implements AutoCloseable {

  /**
   * SkewScout's settings.
   *
   * @param mtp model-traveling period, iterations ({@code >= 1})
   * @param search how the knob is chosen: the grid, the objective and the local search
   * @param schedule travel schedule ({@link TravelSchedule#parse})
   * @param overlay travel overlay ({@link TravelOverlay#parse})
   */
  public record Config(int mtp, Search search, String schedule, String overlay) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Config {
      if (mtp < 1) {
        throw new IllegalArgumentException("model-traveling period MTP must be >= 1 iteration, got " + mtp);
      }
      TravelSchedule.parse(schedule);
      if (!overlay.trim().toLowerCase(Locale.ROOT).startsWith("hubs:")) {
        TravelOverlay.parse(overlay, 1);
      }
    }

    /** Defaults for {@code algorithm}: its default grid, hill climbing from the grid's most communicating value. */
    public static Config defaults(String algorithm, int mtp, double sigma) {
      KnobGrid g = KnobGrid.defaults(algorithm);
      return new Config(mtp, new Search(g, Objective.withSigma(sigma), CommunicationController.Strategy.HILL_CLIMBING,
          g.value(0), 0, 1L, 1.0, 0.8), "pairs", "direct");
    }

    /** The same settings with another grid. */
    public Config withGrid(KnobGrid g) {
      Search s = search;
      return new Config(mtp, new Search(g, s.objective(), s.strategy(), s.startTheta(), s.memoTtl(), s.seed(),
          s.annealTemperature(), s.annealCooling()), schedule, overlay);
    }

    /** The same settings with another first theta. */
    public Config withStart(double theta) {
      Search s = search;
      return new Config(mtp, new Search(s.grid(), s.objective(), s.strategy(), theta, s.memoTtl(), s.seed(),
          s.annealTemperature(), s.annealCooling()), schedule, overlay);
    }

    /** The knob values to choose from. */
    public KnobGrid grid() {
      return search.grid();
    }

    /** Eq. 6.2's weights and accuracy-loss bound. */
    public Objective objective() {
      return search.objective();
    }

    /** The local search. */
    public CommunicationController.Strategy strategy() {
      return search.strategy();
    }

    /** The first period's theta. */
    public double startTheta() {
      return search.startTheta();
    }

    /** Decisions after which a memoised AL is forgotten (0 = never). */
    public int memoTtl() {
      return search.memoTtl();
    }

    /** Seed of the stochastic strategies. */
    public long seed() {
      return search.seed();
    }
  }

  /**
   * How SkewScout chooses the knob.
   *
   * @param grid the knob values to choose from
   * @param objective eq. 6.2's weights and accuracy-loss bound
   * @param strategy the local search
   * @param startTheta the first period's theta (the grid value nearest to it)
   * @param memoTtl decisions after which a memoised AL is forgotten (0 = never)
   * @param seed seed of the stochastic strategies
   * @param annealTemperature simulated annealing's initial temperature
   * @param annealCooling simulated annealing's cooling factor per decision
   */
  public record Search(KnobGrid grid, Objective objective, CommunicationController.Strategy strategy,
      double startTheta, int memoTtl, long seed, double annealTemperature, double annealCooling)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /**
   * One model-traveling period and the decision that ended it.
   *
   * @param period period number from 0
   * @param fromIteration first iteration of the period
   * @param toIteration iterations completed at its end
   * @param theta the knob in force during the period
   * @param accuracyLoss AL measured at its end (fraction)
   * @param communication C / CM: the protocol's bytes per iteration and partition over one model's size
   * @param objective eq. 6.2's value
   * @param nextTheta the knob for the next period
   * @param reason why the controller chose it
   * @param protocolBytes bytes the protocol sent during the period (all partitions)
   * @param travelBytes bytes model traveling sent at its end
   * @param round the travel round (trips with local and remote accuracies)
   */
  public record Period(int period, long fromIteration, long toIteration, double theta, double accuracyLoss,
      double communication, double objective, double nextTheta, String reason, long protocolBytes, long travelBytes,
      ModelTraveler.TravelRound round) implements Serializable {}

  private final Config config;
  private final int partitions;
  private final long modelBytes;
  private final CommunicationController controller;
  private final ModelTraveler traveler;
  private final List<Period> periods = new ArrayList<>();
  private long periodStart;
  private long bytesAtPeriodStart;
  private boolean begun;

  /**
   * @param name prefix of the travel links' endpoint names
   * @param numParameters the model's parameter count (CM is one dense model frame of this size)
   * @param travelMeter where model traveling's bytes are counted
   */
  public SkewScout(Config config, String name, int partitions, int numParameters, TrafficMeter travelMeter) {
    this.config = config;
    this.partitions = partitions;
    this.modelBytes = 1 + VectorCodec.varintSize(numParameters) + 4L * numParameters;
    this.controller = new CommunicationController(config.grid(), config.objective(), config.strategy(),
        config.grid().nearest(config.startTheta()), config.memoTtl(), config.seed(), config.search().annealTemperature(),
        config.search().annealCooling());
    this.traveler = new ModelTraveler(name + "/travel", partitions, TravelSchedule.parse(config.schedule()),
        TravelOverlay.parse(config.overlay(), partitions), LinkShape.UNSHAPED, travelMeter);
  }

  public Config config() {
    return config;
  }

  public CommunicationController controller() {
    return controller;
  }

  public ModelTraveler traveler() {
    return traveler;
  }

  /** CM: the bytes of one dense model. */
  public long modelBytes() {
    return modelBytes;
  }

  /** The periods so far. */
  public List<Period> periods() {
    return List.copyOf(periods);
  }

  /** Bytes model traveling has sent so far. */
  public long travelBytes() {
    return traveler.meter().totalBytes();
  }

  /** The knob in force. */
  public double theta() {
    return controller.theta();
  }

  /**
   * Sets the first theta on every partition's protocol; call before the first step.
   *
   * @throws IllegalArgumentException when the protocols are not the grid's tunable algorithm
   */
  public void begin(List<? extends SyncProtocol> protocols) {
    begin(protocols, 0);
  }

  /**
   * Starts SkewScout after {@code iterationsDone} iterations that already ran with the first
   * theta (e.g. when the first call comes from an observer after iteration 1): those iterations
   * and their bytes count into the first period.
   *
   * @throws IllegalStateException when the protocols' knob is not the first theta
   */
  public void begin(List<? extends SyncProtocol> protocols, long iterationsDone) {
    checkProtocols(protocols);
    if (iterationsDone == 0) {
      apply(protocols, controller.theta());
    } else {
      for (SyncProtocol p : protocols) {
        if (((TunableProtocol) p).knob() != controller.theta()) {
          throw new IllegalStateException("partition " + p.partition() + " ran with " + config.grid().knobName() + "="
              + ((TunableProtocol) p).knob() + ", not SkewScout's first value " + controller.theta());
        }
      }
    }
    bytesAtPeriodStart = iterationsDone == 0 ? bytesSent(protocols) : 0;
    periodStart = 0;
    begun = true;
  }

  /**
   * Called after every iteration; at the end of every period it travels models, decides and sets
   * the next theta on every protocol.
   *
   * @param iterationsDone iterations completed
   * @return the period that ended, or null when none did
   */
  public Period afterIteration(long iterationsDone, List<? extends SyncProtocol> protocols,
      ModelTraveler.ModelAccess models, ModelTraveler.SampleEvaluator evaluator)
      throws IOException, InterruptedException {
    if (!begun) {
      throw new IllegalStateException("SkewScout.begin was not called");
    }
    if (iterationsDone - periodStart < config.mtp()) {
      return null;
    }
    long bytes = bytesSent(protocols);
    long periodBytes = bytes - bytesAtPeriodStart;
    double c = periodBytes / (double) (iterationsDone - periodStart) / partitions / modelBytes;
    ModelTraveler.TravelRound round = traveler.travel(periods.size(), models, evaluator);
    double al = round.accuracyLoss();
    if (Double.isNaN(al)) {
      al = 0; // a single partition has nothing to travel to: no skew to measure
    }
    double theta = controller.theta();
    CommunicationController.Decision d = controller.observe(iterationsDone, al, c);
    apply(protocols, controller.theta());
    Period p = new Period(periods.size(), periodStart, iterationsDone, theta, al, c, d.objective(), d.nextTheta(),
        d.reason(), periodBytes, round.bytes(), round);
    periods.add(p);
    periodStart = iterationsDone;
    bytesAtPeriodStart = bytesSent(protocols);
    return p;
  }

  private void checkProtocols(List<? extends SyncProtocol> protocols) {
    if (protocols.size() != partitions) {
      throw new IllegalArgumentException("SkewScout for " + partitions + " partitions got " + protocols.size()
          + " protocols");
    }
    for (SyncProtocol p : protocols) {
      if (!(p instanceof TunableProtocol t) || !p.algorithm().equals(config.grid().algorithm())) {
        throw new IllegalArgumentException("SkewScout tunes " + config.grid().algorithm() + "'s "
            + config.grid().knobName() + " but partition " + p.partition() + " runs " + p.algorithm()
            + (p instanceof TunableProtocol ? "" : ", which has no communication knob"));
      }
    }
  }

  private static void apply(List<? extends SyncProtocol> protocols, double theta) {
    for (SyncProtocol p : protocols) {
      ((TunableProtocol) p).setKnob(theta);
    }
  }

  private static long bytesSent(List<? extends SyncProtocol> protocols) {
    long s = 0;
    for (SyncProtocol p : protocols) {
      s += p.bytesSent();
    }
    return s;
  }

  @Override
  public void close() throws IOException {
    traveler.close();
  }
}
