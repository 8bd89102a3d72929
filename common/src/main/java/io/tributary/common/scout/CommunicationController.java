package io.tributary.common.scout;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * SkewScout's communication control (thesis §6.6.2): after every model-traveling period it
 * records the accuracy loss AL and the communication C/CM measured while the current theta was in
 * force, memoises them for that theta (the most recent value per theta, as the thesis does), and
 * picks the theta for the next period by minimising {@link Objective eq. 6.2} over the {@link
 * KnobGrid} with one of three local searches:
 *
 * <ul>
 *   <li>{@link Strategy#HILL_CLIMBING} (the thesis found it best): look at the two neighbours of the
 *       current theta; the <em>preferred</em> one is the cheaper neighbour while AL is within the
 *       bound, the more communicating neighbour otherwise. An unknown preferred neighbour is
 *       explored; a known neighbour is taken when its memoised objective is lower than the
 *       current one; otherwise theta stays (a local optimum).</li>
 *   <li>{@link Strategy#STOCHASTIC_HILL_CLIMBING}: the same candidates (the unknown preferred
 *       neighbour and every improving known neighbour), one chosen at random with probability
 *       proportional to its improvement (Russell and Norvig's stochastic hill climbing).</li>
 *   <li>{@link Strategy#SIMULATED_ANNEALING}: a random neighbour (the preferred one with
 *       probability 3/4); unknown ones are explored, known ones accepted when better or with
 *       probability {@code exp(-delta / T)}; the temperature T falls by {@code cooling} every
 *       decision.</li>
 * </ul>
 *
 * A memoised value older than {@code memoTtl} decisions is forgotten, so a theta that was too
 * loose early in training is tried again later (accuracy loss changes as training converges and
 * the learning rate falls); {@code memoTtl = 0} keeps values forever.
 *
 * <p>The controller is engine-free and deterministic for a seed. It is not thread-safe; SkewScout
 * calls it from the training thread between iterations.
 */
public final class CommunicationController implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The local search that picks the next theta. */
  public enum Strategy {
    HILL_CLIMBING, STOCHASTIC_HILL_CLIMBING, SIMULATED_ANNEALING;

    /** Parses {@code hill-climbing}, {@code stochastic-hill-climbing}, {@code simulated-annealing} (or hc/shc/sa). */
    public static Strategy parse(String s) {
      return switch (s.trim().toLowerCase(Locale.ROOT).replace('_', '-')) {
        case "hill-climbing", "hc" -> HILL_CLIMBING;
        case "stochastic-hill-climbing", "shc", "stochastic" -> STOCHASTIC_HILL_CLIMBING;
        case "simulated-annealing", "sa", "annealing" -> SIMULATED_ANNEALING;
        default -> throw new IllegalArgumentException("unknown search strategy '" + s
            + "' (expected hill-climbing, stochastic-hill-climbing or simulated-annealing)");
      };
    }

    /** The lower-case, dashed name. */
    public String id() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** What was measured for one theta. */
  public record Observation(double accuracyLoss, double communication, double objective, long iteration,
      int decision) implements Serializable {}

  /**
   * One decision: what was measured for the theta in force during the period that ended at
   * {@code iteration}, and which theta comes next and why.
   */
  public record Decision(Observation observed, int index, double theta, int nextIndex, double nextTheta,
      String reason) implements Serializable {
    /** The decision's number, from 0. */
    public int decision() {
      return observed.decision();
    }

    /** The iteration at which the period ended. */
    public long iteration() {
      return observed.iteration();
    }

    /** The accuracy loss measured for {@link #theta}. */
    public double accuracyLoss() {
      return observed.accuracyLoss();
    }

    /** The communication measured for {@link #theta}. */
    public double communication() {
      return observed.communication();
    }

    /** Eq. 6.2's objective for {@link #theta}. */
    public double objective() {
      return observed.objective();
    }
  }

  private final KnobGrid grid;
  private final Objective objective;
  private final Strategy strategy;
  private final int memoTtl;
  private final double cooling;
  private final SplittableRandom random;
  private final Map<Integer, Observation> memo = new TreeMap<>();
  private final List<Decision> history = new ArrayList<>();
  private double temperature;
  private int current;

  /**
   * @param startIndex the grid index of the first period's theta
   * @param memoTtl decisions after which a memoised value is forgotten; 0 = never
   * @param seed seed of the stochastic strategies
   * @param initialTemperature simulated annealing's starting temperature, in objective units
   * @param cooling simulated annealing's temperature factor per decision, in (0, 1]
   */
  public CommunicationController(KnobGrid grid, Objective objective, Strategy strategy, int startIndex, int memoTtl,
      long seed, double initialTemperature, double cooling) {
    if (startIndex < 0 || startIndex >= grid.size()) {
      throw new IllegalArgumentException("start index " + startIndex + " outside the grid " + grid);
    }
    if (memoTtl < 0) {
      throw new IllegalArgumentException("memo TTL must be >= 0 decisions, got " + memoTtl);
    }
    if (!(cooling > 0 && cooling <= 1) || !(initialTemperature >= 0)) {
      throw new IllegalArgumentException("annealing needs temperature >= 0 and cooling in (0, 1], got "
          + initialTemperature + ", " + cooling);
    }
    this.grid = grid;
    this.objective = objective;
    this.strategy = strategy;
    this.current = startIndex;
    this.memoTtl = memoTtl;
    this.temperature = initialTemperature;
    this.cooling = cooling;
    this.random = new SplittableRandom(seed);
  }

  /** Hill climbing with the given start and memo lifetime. */
  public CommunicationController(KnobGrid grid, Objective objective, int startIndex, int memoTtl) {
    this(grid, objective, Strategy.HILL_CLIMBING, startIndex, memoTtl, 0, 1, 0.8);
  }

  public KnobGrid grid() {
    return grid;
  }

  public Objective objective() {
    return objective;
  }

  public Strategy strategy() {
    return strategy;
  }

  /** The grid index of the theta in force. */
  public int index() {
    return current;
  }

  /** The theta in force. */
  public double theta() {
    return grid.value(current);
  }

  /** The decisions so far, in order. */
  public List<Decision> history() {
    return List.copyOf(history);
  }

  /** The memoised observations by grid index (including expired ones). */
  public Map<Integer, Observation> memo() {
    return new LinkedHashMap<>(memo);
  }

  /**
   * Records what the period with the current theta measured and picks the next theta.
   *
   * @param iteration the iteration at which the period ended
   * @param accuracyLoss AL measured by model traveling (fraction)
   * @param communication C / CM of the period
   * @return the decision; {@link #theta()} is now its next theta
   */
  public Decision observe(long iteration, double accuracyLoss, double communication) {
    if (Double.isNaN(accuracyLoss) || Double.isNaN(communication) || communication < 0) {
      throw new IllegalArgumentException("observation needs AL and C/CM >= 0, got " + accuracyLoss + ", "
          + communication);
    }
    int decision = history.size();
    double f = objective.value(accuracyLoss, communication);
    Observation observed = new Observation(accuracyLoss, communication, f, iteration, decision);
    memo.put(current, observed);
    int from = current;
    String[] reason = new String[1];
    int next = switch (strategy) {
      case HILL_CLIMBING -> hillClimb(from, f, accuracyLoss, decision, reason);
      case STOCHASTIC_HILL_CLIMBING -> stochastic(from, f, accuracyLoss, decision, reason);
      case SIMULATED_ANNEALING -> anneal(from, f, accuracyLoss, decision, reason);
    };
    temperature *= cooling;
    current = next;
    Decision d = new Decision(observed, from, grid.value(from), next, grid.value(next), reason[0]);
    history.add(d);
    return d;
  }

  /** The memoised objective of {@code index} if known and fresh at {@code decision}, else NaN. */
  public double knownObjective(int index, int decision) {
    Observation o = fresh(index, decision);
    return o == null ? Double.NaN : o.objective();
  }

  private Observation fresh(int index, int decision) {
    Observation o = memo.get(index);
    if (o == null || (memoTtl > 0 && decision - o.decision() >= memoTtl)) {
      return null;
    }
    return o;
  }

  /** The neighbour the objective points to: cheaper when within the bound, more communicating otherwise. */
  private int preferred(int from, double accuracyLoss) {
    return objective.feasible(accuracyLoss) ? from + 1 : from - 1;
  }

  private boolean valid(int i) {
    return i >= 0 && i < grid.size();
  }

  private int hillClimb(int from, double f, double al, int decision, String[] reason) {
    int pref = preferred(from, al);
    for (int n : new int[] {pref, 2 * from - pref}) {
      if (!valid(n)) {
        continue;
      }
      Observation o = fresh(n, decision);
      if (o == null) {
        if (n == pref) {
          reason[0] = "explore " + grid.label(n);
          return n;
        }
      } else if (o.objective() < f) {
        reason[0] = String.format(Locale.ROOT, "improve to %s (f %.4g < %.4g)", grid.label(n), o.objective(), f);
        return n;
      }
    }
    reason[0] = "stay (local optimum)";
    return from;
  }

  private int stochastic(int from, double f, double al, int decision, String[] reason) {
    int pref = preferred(from, al);
    List<Integer> candidates = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    double maxGain = 0;
    for (int n : new int[] {pref, 2 * from - pref}) {
      if (!valid(n)) {
        continue;
      }
      Observation o = fresh(n, decision);
      if (o != null && o.objective() < f) {
        candidates.add(n);
        weights.add(f - o.objective());
        maxGain = Math.max(maxGain, f - o.objective());
      } else if (o == null && n == pref) {
        candidates.add(n);
        weights.add(Double.NaN); // filled below: as attractive as the best known improvement
      }
    }
    if (candidates.isEmpty()) {
      reason[0] = "stay (no improving neighbour)";
      return from;
    }
    double total = 0;
    for (int i = 0; i < weights.size(); i++) {
      if (Double.isNaN(weights.get(i))) {
        weights.set(i, maxGain > 0 ? maxGain : 1);
      }
      total += weights.get(i);
    }
    double r = random.nextDouble() * total;
    int pick = candidates.get(candidates.size() - 1);
    for (int i = 0; i < candidates.size(); i++) {
      r -= weights.get(i);
      if (r < 0) {
        pick = candidates.get(i);
        break;
      }
    }
    reason[0] = (fresh(pick, decision) == null ? "explore " : "random uphill to ") + grid.label(pick);
    return pick;
  }

  private int anneal(int from, double f, double al, int decision, String[] reason) {
    int pref = preferred(from, al);
    int other = 2 * from - pref;
    int n = random.nextDouble() < 0.75 ? pref : other;
    if (!valid(n)) {
      n = valid(pref) ? pref : other;
    }
    if (!valid(n)) {
      reason[0] = "stay (grid of one value)";
      return from;
    }
    Observation o = fresh(n, decision);
    if (o == null) {
      reason[0] = "explore " + grid.label(n);
      return n;
    }
    double delta = o.objective() - f;
    if (delta < 0) {
      reason[0] = String.format(Locale.ROOT, "improve to %s (f %.4g < %.4g)", grid.label(n), o.objective(), f);
      return n;
    }
    double p = temperature > 0 ? Math.exp(-delta / temperature) : 0;
    if (random.nextDouble() < p) {
      reason[0] = String.format(Locale.ROOT, "anneal to %s (p %.3f at T %.3g)", grid.label(n), p, temperature);
      return n;
    }
    reason[0] = String.format(Locale.ROOT, "stay (rejected %s, p %.3f)", grid.label(n), p);
    return from;
  }

  @Override
  public String toString() {
    return "CommunicationController[" + strategy.id() + ", " + grid + ", at " + grid.label(current) + ", "
        + objective + "]";
  }
}
