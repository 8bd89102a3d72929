package io.tributary.focus.tune;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The stream tuner's last step (thesis §4.3.4): the Pareto boundary of ingest cost and query
 * latency over the viable configurations, and each {@link Policy}'s pick on it.
 */
public final class ParetoBoundary {
  private ParetoBoundary() {}

  /** The configurations no other viable one dominates, by ascending ingest cost. */
  public static List<TunedConfiguration> of(List<TunedConfiguration> viable) {
    List<TunedConfiguration> sorted = new ArrayList<>(viable);
    sorted.sort(Comparator.comparingDouble(TunedConfiguration::ingestCpuPerObject)
        .thenComparingDouble(TunedConfiguration::queryCpu));
    List<TunedConfiguration> out = new ArrayList<>();
    double bestQuery = Double.POSITIVE_INFINITY;
    for (TunedConfiguration c : sorted) {
      if (c.queryCpu() < bestQuery) {
        out.add(c);
        bestQuery = c.queryCpu();
      }
    }
    return out;
  }

  /**
   * The policy's pick on the Pareto boundary: OPT_INGEST the cheapest ingest, OPT_QUERY the lowest
   * query latency, BALANCE the least weighted sum of both costs normalised to [0, 1] over the boundary.
   */
  public static TunedConfiguration choose(List<TunedConfiguration> pareto, Policy p, double ingestWeight,
      double queryWeight) {
    if (pareto.isEmpty()) {
      throw new IllegalArgumentException("empty Pareto boundary");
    }
    return switch (p) {
      case OPT_INGEST -> pareto.get(0);
      case OPT_QUERY -> pareto.get(pareto.size() - 1);
      case BALANCE -> {
        double iMin = pareto.get(0).ingestCpuPerObject();
        double iMax = pareto.get(pareto.size() - 1).ingestCpuPerObject();
        double qMin = pareto.get(pareto.size() - 1).queryCpu();
        double qMax = pareto.get(0).queryCpu();
        TunedConfiguration best = null;
        double bestScore = Double.POSITIVE_INFINITY;
        for (TunedConfiguration c : pareto) {
          double score = ingestWeight * norm(c.ingestCpuPerObject(), iMin, iMax) + queryWeight * norm(c.queryCpu(), qMin, qMax);
          if (score < bestScore - 1e-12) {
            best = c;
            bestScore = score;
          }
        }
        yield best;
      }
    };
  }

  private static double norm(double v, double min, double max) {
    return max > min ? (v - min) / (max - min) : 0;
  }
}
