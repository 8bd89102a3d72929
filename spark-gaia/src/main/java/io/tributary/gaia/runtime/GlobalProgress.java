package io.tributary.gaia.runtime;

import io.tributary.gaia.app.GaiaApp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * One data centre's view of the whole deployment's progress: every data centre reports, per clock,
 * its application figures plus its elapsed training time (its own directly, the others' through
 * the synchronisation layer); once all have reported a clock, the global objective of that clock
 * is known and the {@link StopRule} is checked. Clock 0 reports carry each data centre's ready
 * time, so all start the clock together ({@link #awaitStart}).
 */
public final class GlobalProgress {
  private final List<String> dataCentres;
  private final GaiaApp<?> app;
  private final StopRule rule;
  private final Map<String, Double> readyEpochMillis = new HashMap<>();
  private final TreeMap<Long, Map<String, double[]>> reports = new TreeMap<>();
  private final List<double[]> series = new ArrayList<>();
  private long evaluatedUpTo;
  private double target;
  private boolean stop;
  private boolean reached;
  private String reason = "running";
  private double reachedSeconds = Double.NaN;
  private long reachedClock = -1;

  /** A point of the global convergence curve. */
  public record Point(long clock, double seconds, double objective) {}

  public GlobalProgress(List<String> dataCentres, GaiaApp<?> app, StopRule rule) {
    this.dataCentres = List.copyOf(dataCentres);
    this.app = app;
    this.rule = rule;
    this.target = rule.target();
  }

  public StopRule rule() {
    return rule;
  }

  /**
   * Records {@code dc}'s report for {@code clock}: for clock 0 {@code stats[0]} is its ready time
   * (epoch ms); otherwise the application's figures followed by the elapsed seconds.
   */
  public synchronized void report(String dc, long clock, double[] stats) {
    if (!dataCentres.contains(dc)) {
      throw new IllegalArgumentException("progress report from unknown data centre " + dc + " " + dataCentres);
    }
    if (clock == 0) {
      readyEpochMillis.put(dc, stats[0]);
      notifyAll();
      return;
    }
    if (clock <= evaluatedUpTo) {
      return;
    }
    reports.computeIfAbsent(clock, c -> new HashMap<>()).put(dc, stats.clone());
    evaluate();
    notifyAll();
  }

  private void evaluate() {
    while (true) {
      Map<String, double[]> r = reports.get(evaluatedUpTo + 1);
      if (r == null || r.size() < dataCentres.size()) {
        return;
      }
      long clock = evaluatedUpTo + 1;
      reports.remove(clock);
      evaluatedUpTo = clock;
      List<double[]> appStats = new ArrayList<>();
      double seconds = 0;
      for (String dc : dataCentres) {
        double[] s = r.get(dc);
        appStats.add(Arrays.copyOf(s, s.length - 1));
        seconds = Math.max(seconds, s[s.length - 1]);
      }
      double objective = app.objective(appStats);
      series.add(new double[] {clock, seconds, objective});
      if (stop) {
        continue;
      }
      if (rule.hasTarget() && better(objective, rule.target())) {
        finish(true, "reached target " + rule.target(), clock, seconds);
      } else if (rule.convergence() && series.size() > rule.convergenceWindow()) {
        double before = series.get(series.size() - 1 - rule.convergenceWindow())[2];
        if (Math.abs(objective - before) <= rule.convergenceChange() * Math.abs(before)) {
          target = objective;
          finish(true, "converged (change < " + rule.convergenceChange() * 100 + "% over " + rule.convergenceWindow()
              + " clocks)", clock, seconds);
        }
      }
      if (!stop && seconds > rule.maxSeconds()) {
        finish(false, "time limit " + rule.maxSeconds() + " s", clock, seconds);
      }
    }
  }

  private boolean better(double objective, double goal) {
    return app.lowerIsBetter() ? objective <= goal : objective >= goal;
  }

  private void finish(boolean ok, String why, long clock, double seconds) {
    stop = true;
    reached = ok;
    reason = why;
    if (ok) {
      reachedClock = clock;
      reachedSeconds = seconds;
    }
  }

  /** Stops the run for a reason decided locally (clock or time limit, failure). */
  public synchronized void stop(String why) {
    if (!stop) {
      stop = true;
      reason = why;
    }
    notifyAll();
  }

  /** Whether the run should end. */
  public synchronized boolean shouldStop() {
    return stop;
  }

  /** Whether the goal (target or convergence) was met. */
  public synchronized boolean reached() {
    return reached;
  }

  public synchronized String reason() {
    return reason;
  }

  /** The objective to reach: the rule's target, or the converged objective. */
  public synchronized double target() {
    return target;
  }

  /** Training seconds at which the goal was met (NaN if not). */
  public synchronized double reachedSeconds() {
    return reachedSeconds;
  }

  public synchronized long reachedClock() {
    return reachedClock;
  }

  /** Last clock whose global objective is known. */
  public synchronized long evaluatedUpTo() {
    return evaluatedUpTo;
  }

  /** The global objective of every evaluated clock, in order. */
  public synchronized List<Point> series() {
    List<Point> out = new ArrayList<>();
    for (double[] p : series) {
      out.add(new Point((long) p[0], p[1], p[2]));
    }
    return out;
  }

  /**
   * Waits until every data centre is ready and returns the common start (the latest ready time,
   * epoch ms); throws on timeout naming who is missing.
   */
  public synchronized long awaitStart(long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    while (readyEpochMillis.size() < dataCentres.size()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        List<String> missing = new ArrayList<>(dataCentres);
        missing.removeAll(readyEpochMillis.keySet());
        throw new IllegalStateException("data centres " + missing + " did not become ready within "
            + unit.toSeconds(timeout) + " s (not started, or unreachable?)");
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return (long) readyEpochMillis.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
  }
}
