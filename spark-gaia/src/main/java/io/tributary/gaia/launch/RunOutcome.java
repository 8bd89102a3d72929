package io.tributary.gaia.launch;

import io.tributary.common.wan.CostModel;
import io.tributary.gaia.app.GaiaApp;
import io.tributary.gaia.deploy.GaiaRunConfig.GaiaSystem;
import io.tributary.gaia.deploy.GaiaRunConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The merged result of one run, read back from what every data centre wrote
 * ({@code result-<dc>.json}, {@code objective-<dc>.csv}). The figures are grouped by what they
 * measure; the shortcut accessors below ({@link #reached()}, {@link #wanBytes()}, ...) name the
 * figures callers read most.
 *
 * @param key which run this was
 * @param goal whether and when it met its goal
 * @param curve global objective per clock: {clock, seconds, objective}
 * @param timing training and machine time
 * @param traffic what crossed the WAN
 * @param cost what the run cost at the given prices
 * @param dataBytes training data each data centre holds, by data centre id
 * @param finalModel the final model's figures
 */
public record RunOutcome(Key key, Goal goal, List<double[]> curve, Timing timing, Traffic traffic, Cost cost,
    Map<String, Long> dataBytes, FinalModel finalModel) {

  /**
   * Which run.
   *
   * @param label run name
   * @param system the system that ran
   * @param dataCentres number of data centres
   */
  public record Key(String label, GaiaSystem system, int dataCentres) {}

  /**
   * The run's goal and whether it was met.
   *
   * @param reached whether the goal (target objective, or convergence for a LAN run) was met
   * @param reason why the run stopped
   * @param target the objective the run had to reach (the converged one for a convergence run)
   * @param timeToTarget training seconds until the goal was met (NaN when not met)
   */
  public record Goal(boolean reached, String reason, double target, double timeToTarget) {}

  /**
   * Training and machine time.
   *
   * @param trainSeconds training seconds until the run stopped (slowest data centre)
   * @param clocks clocks completed (most of any data centre)
   * @param wallSeconds wall-clock time of the whole launch (JVM start, data, training, shutdown)
   * @param computeInstanceSeconds machine time computing (workers x seconds in Spark jobs), all data
   *     centres
   * @param waitInstanceSeconds machine time waiting for the network, all data centres
   */
  public record Timing(double trainSeconds, long clocks, double wallSeconds, double computeInstanceSeconds,
      double waitInstanceSeconds) {}

  /**
   * What crossed the WAN, all data centres together.
   *
   * @param wanBytes bytes sent over the WAN
   * @param parametersUpdated non-zero local parameter updates
   * @param parametersSent parameter updates sent over the WAN
   * @param barriers selective barriers sent
   */
  public record Traffic(long wanBytes, long parametersUpdated, long parametersSent, long barriers) {
    /** Share of local parameter updates that crossed the WAN. */
    public double sentShare() {
      return parametersUpdated == 0 ? 0 : (double) parametersSent / parametersUpdated;
    }
  }

  /**
   * What the run cost, USD (NaN without prices).
   *
   * @param computeUsd machine time computing
   * @param waitingUsd machine time waiting for the network
   * @param transferUsd WAN transfer
   */
  public record Cost(double computeUsd, double waitingUsd, double transferUsd) {
    /** A run without prices. */
    public static final Cost UNPRICED = new Cost(Double.NaN, Double.NaN, Double.NaN);

    public double totalUsd() {
      return computeUsd + waitingUsd + transferUsd;
    }
  }

  /**
   * The final model's figures.
   *
   * @param evaluation the final models' quality figures ({@code eval.*}), averaged over data centres
   * @param stats every data centre's figures of the final model after the final flush
   *     ({@code final_stat.*}), in data-centre order; {@link #finalObjective} combines them
   */
  public record FinalModel(Map<String, Double> evaluation, List<double[]> stats) {
    /** No figures (a run whose data centres reported none). */
    public static final FinalModel NONE = new FinalModel(Map.of(), List.of());
  }

  /**
   * The objective of the final model (after the final flush: the model every data centre holds),
   * scored on all the data centres' data as every clock was; NaN when a data centre reported none.
   */
  public double finalObjective(GaiaApp<?> app) {
    List<double[]> stats = finalModel.stats();
    if (stats.isEmpty() || stats.stream().anyMatch(x -> x.length == 0)) {
      return Double.NaN;
    }
    return app.objective(stats);
  }

  /**
   * This outcome timed to {@code goal} instead of its own goal: the first point of its curve at
   * the goal (a LAN run that converged is timed to the target the other systems are given, which
   * may lie before its convergence); unreached when the curve never gets there.
   */
  public RunOutcome timedTo(double goal, boolean lowerIsBetter) {
    // The goal comes back from result JSON at 6 significant digits and the curve from CSV at 9: a
    // point equal to the goal must count.
    double slack = 1e-5 * Math.abs(goal);
    double t = secondsToReach(lowerIsBetter ? goal + slack : goal - slack, lowerIsBetter);
    Goal timed = new Goal(!Double.isNaN(t), Double.isNaN(t) ? "did not reach " + goal : reason(), goal, t);
    return new RunOutcome(key, timed, curve, timing, traffic, cost, dataBytes, finalModel);
  }

  /**
   * This outcome marked as not having reached its goal, for {@code why} (e.g. its final model
   * does not bear out the objective it stopped at).
   */
  public RunOutcome unreached(String why) {
    Goal missed = new Goal(false, why, target(), Double.NaN);
    return new RunOutcome(key, missed, curve, timing, traffic, cost, dataBytes, finalModel);
  }

  /** Run name. */
  public String label() {
    return key.label();
  }

  /** The system that ran. */
  public GaiaSystem system() {
    return key.system();
  }

  /** Number of data centres. */
  public int dataCentres() {
    return key.dataCentres();
  }

  /** Whether the goal was met. */
  public boolean reached() {
    return goal.reached();
  }

  /** Why the run stopped. */
  public String reason() {
    return goal.reason();
  }

  /** The objective the run had to reach. */
  public double target() {
    return goal.target();
  }

  /** Training seconds until the goal was met (NaN when not met). */
  public double timeToTarget() {
    return goal.timeToTarget();
  }

  /** Training seconds until the run stopped (slowest data centre). */
  public double trainSeconds() {
    return timing.trainSeconds();
  }

  /** Clocks completed (most of any data centre). */
  public long clocks() {
    return timing.clocks();
  }

  /** Wall-clock time of the whole launch. */
  public double wallSeconds() {
    return timing.wallSeconds();
  }

  /** Machine time computing, all data centres. */
  public double computeInstanceSeconds() {
    return timing.computeInstanceSeconds();
  }

  /** Machine time waiting for the network, all data centres. */
  public double waitInstanceSeconds() {
    return timing.waitInstanceSeconds();
  }

  /** Bytes sent over the WAN by all data centres. */
  public long wanBytes() {
    return traffic.wanBytes();
  }

  /** Selective barriers sent. */
  public long barriers() {
    return traffic.barriers();
  }

  /** Share of local parameter updates that crossed the WAN. */
  public double sentShare() {
    return traffic.sentShare();
  }

  /** Machine time computing, USD (NaN without prices). */
  public double computeUsd() {
    return cost.computeUsd();
  }

  /** Machine time waiting for the network, USD (NaN without prices). */
  public double waitingUsd() {
    return cost.waitingUsd();
  }

  /** WAN transfer, USD (NaN without prices). */
  public double transferUsd() {
    return cost.transferUsd();
  }

  /** Everything, USD (NaN without prices). */
  public double totalUsd() {
    return cost.totalUsd();
  }

  /** The final models' quality figures, averaged over data centres. */
  public Map<String, Double> evaluation() {
    return finalModel.evaluation();
  }

  /** First training second at which the curve reaches {@code goal} (lower is better), NaN if never. */
  public double secondsToReach(double goal) {
    return secondsToReach(goal, true);
  }

  /** First training second at which the curve reaches {@code goal}, NaN if never. */
  public double secondsToReach(double goal, boolean lowerIsBetter) {
    for (double[] p : curve) {
      if (lowerIsBetter ? p[2] <= goal : p[2] >= goal) {
        return p[1];
      }
    }
    return Double.NaN;
  }

  /** An evaluation figure of the final models (NaN when the application reports none). */
  public double eval(String key) {
    Double v = evaluation().get(key);
    return v == null ? Double.NaN : v;
  }

  /** Training data held by all data centres. */
  public long totalDataBytes() {
    return dataBytes.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Reads a finished run's directory. */
  static RunOutcome collect(GaiaRunConfig cfg, Path dir, CostModel prices, double wallSeconds) throws IOException {
    Map<String, Map<String, Object>> results = new LinkedHashMap<>();
    for (String dc : cfg.ids()) {
      Path f = dir.resolve("result-" + dc + ".json");
      if (!Files.exists(f)) {
        throw new IOException("data centre " + dc + " wrote no result (" + f + "); see " + dir.resolve("logs"));
      }
      results.put(dc, SummaryJson.parse(Files.readString(f, StandardCharsets.UTF_8), f.toString()));
    }
    boolean reached = false;
    String reason = "";
    double target = Double.NaN;
    double timeToTarget = Double.NaN;
    double train = 0;
    long clocks = 0;
    long wan = 0;
    long updated = 0;
    long sent = 0;
    long barriers = 0;
    double compute = 0;
    double waiting = 0;
    double transfer = 0;
    double computeInstanceS = 0;
    double waitInstanceS = 0;
    Map<String, Long> data = new LinkedHashMap<>();
    Map<String, Double> eval = new TreeMap<>();
    List<double[]> finalStats = new ArrayList<>();
    for (Map.Entry<String, Map<String, Object>> e : results.entrySet()) {
      Map<String, Object> r = e.getValue();
      String dc = e.getKey();
      boolean ok = Boolean.TRUE.equals(r.get("reached"));
      if (ok && !reached) {
        reached = true;
        timeToTarget = num(r.get("reached_seconds"));
      }
      reason = String.valueOf(r.get("reason"));
      target = num(r.get("target"));
      train = Math.max(train, num(r.get("train_seconds")));
      clocks = Math.max(clocks, (long) num(r.get("clocks")));
      long bytes = (long) num(r.get("wan_bytes_sent"));
      wan += bytes;
      updated += (long) num(r.get("parameters_updated"));
      sent += (long) num(r.get("parameters_sent"));
      barriers += (long) num(r.get("barriers_sent"));
      int workers = cfg.dataCentre(dc).workers();
      computeInstanceS += workers * num(r.get("compute_seconds"));
      waitInstanceS += workers * Math.max(0, num(r.get("train_seconds")) - num(r.get("compute_seconds")));
      List<Double> fs = new ArrayList<>();
      for (int i = 0; r.containsKey("final_stat." + i); i++) {
        fs.add(num(r.get("final_stat." + i)));
      }
      finalStats.add(fs.stream().mapToDouble(Double::doubleValue).toArray());
      Object db = r.get("data_bytes");
      data.put(dc, db == null ? 0L : (long) num(db));
      for (Map.Entry<String, Object> x : r.entrySet()) {
        if (x.getKey().startsWith("eval.")) {
          eval.merge(x.getKey().substring(5), num(x.getValue()) / results.size(), Double::sum);
        }
      }
      if (prices != null) {
        String region = cfg.dataCentre(dc).region();
        int machines = cfg.dataCentre(dc).workers();
        double computeS = num(r.get("compute_seconds"));
        double trainS = num(r.get("train_seconds"));
        CostModel.RegionPrices rp = prices.prices(region);
        double hourly = rp.cpuPerHour();
        compute += machines * computeS / 3600 * hourly;
        waiting += machines * Math.max(0, trainS - computeS) / 3600 * hourly;
        long received = 0;
        for (Map.Entry<String, Map<String, Object>> o : results.entrySet()) {
          Object b = o.getValue().get("wan_bytes_to." + dc);
          if (b != null) {
            received += (long) num(b);
          }
        }
        transfer += bytes / CostModel.BYTES_PER_GB * rp.sendPerGb() + received / CostModel.BYTES_PER_GB * rp.receivePerGb();
      }
    }
    List<double[]> curve = new ArrayList<>();
    for (String dc : cfg.ids()) {
      Path f = dir.resolve("objective-" + dc + ".csv");
      List<double[]> c = new ArrayList<>();
      List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
      for (int i = 1; i < lines.size(); i++) {
        String[] x = lines.get(i).split(",");
        c.add(new double[] {Double.parseDouble(x[0]), Double.parseDouble(x[1]), Double.parseDouble(x[2])});
      }
      if (c.size() > curve.size()) {
        curve = c;
      }
    }
    return new RunOutcome(new Key(cfg.label(), cfg.system(), cfg.dataCentres().size()),
        new Goal(reached, reason, target, timeToTarget), curve,
        new Timing(train, clocks, wallSeconds, computeInstanceS, waitInstanceS), new Traffic(wan, updated, sent, barriers),
        prices == null ? Cost.UNPRICED : new Cost(compute, waiting, transfer), data, new FinalModel(eval, finalStats));
  }

  private static double num(Object o) {
    return o == null ? Double.NaN : ((Number) o).doubleValue();
  }
}
