package io.tributary.focus.tune;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * What the stream tuner searches and what it must achieve (thesis §4.3.4).
 *
 * @param precisionTarget precision every query class must reach relative to the GT-CNN (e.g. 0.99)
 * @param recallTarget recall every query class must reach (e.g. 0.99)
 * @param policy which Pareto configuration to choose
 * @param ingestWeight weight of the normalised ingest cost in BALANCE's sum (1 by default)
 * @param queryWeight weight of the normalised query latency in BALANCE's sum (1 by default)
 * @param family cheap-CNN architectures to specialise
 * @param specialisedClasses the L_s values to try; empty picks them from the class distribution (the
 *     classes covering 80% and 95% of the objects, and all classes up to {@code maxClasses})
 * @param maxClasses largest L_s
 * @param topKs the K values to try
 * @param distanceQuantiles T values to try, as quantiles of each model's nearest-neighbour distances
 *     between successive objects (0: no clustering), so the grid fits each model's feature scale
 * @param skipThresholds Skip_th values to try (above 1: never skip)
 * @param maxActiveClusters C, as the ingest job uses it
 * @param classCoverage query classes are those making up this fraction of the GT-labelled objects
 * @param selectionFraction the latest fraction of the training half held out from CNN training, on which
 *     the parameters are chosen (0: choose on the training crops themselves)
 * @param training how specialised CNNs are trained
 */
public record TunerSettings(double precisionTarget, double recallTarget, Policy policy, double ingestWeight,
    double queryWeight, List<CandidateArch> family, List<Integer> specialisedClasses, int maxClasses,
    List<Integer> topKs, List<Double> distanceQuantiles, List<Double> skipThresholds, int maxActiveClusters,
    double classCoverage, double selectionFraction, TunedModels.Training training) implements Serializable {

  public TunerSettings {
    family = List.copyOf(family);
    specialisedClasses = List.copyOf(specialisedClasses);
    topKs = List.copyOf(topKs);
    distanceQuantiles = List.copyOf(distanceQuantiles);
    skipThresholds = List.copyOf(skipThresholds);
    if (!(precisionTarget > 0 && precisionTarget <= 1 && recallTarget > 0 && recallTarget <= 1)) {
      throw new IllegalArgumentException("precision and recall targets must be in (0, 1]; got " + precisionTarget
          + " and " + recallTarget);
    }
    if (!(ingestWeight >= 0 && queryWeight >= 0 && ingestWeight + queryWeight > 0)) {
      throw new IllegalArgumentException("policy weights must be >= 0 and not both 0; got " + ingestWeight + ","
          + queryWeight);
    }
    if (family.isEmpty() || topKs.isEmpty() || distanceQuantiles.isEmpty() || skipThresholds.isEmpty()) {
      throw new IllegalArgumentException("the tuner needs at least one architecture, K, T and Skip_th to try");
    }
    if (topKs.stream().anyMatch(k -> k < 1) || specialisedClasses.stream().anyMatch(l -> l < 1) || maxClasses < 1) {
      throw new IllegalArgumentException("K and L_s must be >= 1");
    }
    if (distanceQuantiles.stream().anyMatch(q -> !(q >= 0 && q <= 1))) {
      throw new IllegalArgumentException("T quantiles must be in [0, 1]: " + distanceQuantiles);
    }
    if (maxActiveClusters < 1 || !(classCoverage > 0 && classCoverage <= 1)
        || !(selectionFraction >= 0 && selectionFraction < 1)) {
      throw new IllegalArgumentException("need C >= 1, class coverage in (0, 1], selection fraction in [0, 1)");
    }
  }

  /**
   * 99% precision and recall, BALANCE with equal weights, the default family, automatic L_s up to
   * 8, K 1-5, T at quantiles 0, 0.1, 0.25, 0.5, 0.75, Skip_th off/0.99/0.95/0.9/0.8, C = 100, query
   * classes covering 95% of the objects, the last 40% of the training half for choosing.
   */
  public static TunerSettings defaults() {
    return new TunerSettings(0.99, 0.99, Policy.BALANCE, 1, 1, CandidateArch.defaultFamily(), List.of(), 8,
        List.of(1, 2, 3, 4, 5), List.of(0.0, 0.1, 0.25, 0.5, 0.75), List.of(2.0, 0.99, 0.95, 0.9, 0.8), 100, 0.95, 0.4,
        TunedModels.Training.defaults());
  }

  public TunerSettings withTargets(double precision, double recall) {
    return new TunerSettings(precision, recall, policy, ingestWeight, queryWeight, family, specialisedClasses,
        maxClasses, topKs, distanceQuantiles, skipThresholds, maxActiveClusters, classCoverage, selectionFraction, training);
  }

  public TunerSettings withPolicy(Policy p) {
    return new TunerSettings(precisionTarget, recallTarget, p, ingestWeight, queryWeight, family, specialisedClasses,
        maxClasses, topKs, distanceQuantiles, skipThresholds, maxActiveClusters, classCoverage, selectionFraction, training);
  }

  /** BALANCE's weights for the normalised ingest cost and query latency. */
  public TunerSettings withWeights(double ingest, double query) {
    return new TunerSettings(precisionTarget, recallTarget, policy, ingest, query, family, specialisedClasses,
        maxClasses, topKs, distanceQuantiles, skipThresholds, maxActiveClusters, classCoverage, selectionFraction, training);
  }

  public TunerSettings withFamily(List<CandidateArch> f) {
    return new TunerSettings(precisionTarget, recallTarget, policy, ingestWeight, queryWeight, f, specialisedClasses,
        maxClasses, topKs, distanceQuantiles, skipThresholds, maxActiveClusters, classCoverage, selectionFraction, training);
  }

  public TunerSettings withSpecialisedClasses(List<Integer> ls) {
    return new TunerSettings(precisionTarget, recallTarget, policy, ingestWeight, queryWeight, family, ls,
        maxClasses, topKs, distanceQuantiles, skipThresholds, maxActiveClusters, classCoverage, selectionFraction, training);
  }

  public TunerSettings withTopKs(List<Integer> ks) {
    return new TunerSettings(precisionTarget, recallTarget, policy, ingestWeight, queryWeight, family, specialisedClasses,
        maxClasses, ks, distanceQuantiles, skipThresholds, maxActiveClusters, classCoverage, selectionFraction, training);
  }

  public TunerSettings withDistanceQuantiles(List<Double> qs) {
    return new TunerSettings(precisionTarget, recallTarget, policy, ingestWeight, queryWeight, family, specialisedClasses,
        maxClasses, topKs, qs, skipThresholds, maxActiveClusters, classCoverage, selectionFraction, training);
  }

  public TunerSettings withSkipThresholds(List<Double> s) {
    return new TunerSettings(precisionTarget, recallTarget, policy, ingestWeight, queryWeight, family, specialisedClasses,
        maxClasses, topKs, distanceQuantiles, s, maxActiveClusters, classCoverage, selectionFraction, training);
  }

  public TunerSettings withMaxActiveClusters(int c) {
    return new TunerSettings(precisionTarget, recallTarget, policy, ingestWeight, queryWeight, family, specialisedClasses,
        maxClasses, topKs, distanceQuantiles, skipThresholds, c, classCoverage, selectionFraction, training);
  }

  public TunerSettings withSelectionFraction(double f) {
    return new TunerSettings(precisionTarget, recallTarget, policy, ingestWeight, queryWeight, family, specialisedClasses,
        maxClasses, topKs, distanceQuantiles, skipThresholds, maxActiveClusters, classCoverage, f, training);
  }

  public TunerSettings withTraining(TunedModels.Training t) {
    return new TunerSettings(precisionTarget, recallTarget, policy, ingestWeight, queryWeight, family, specialisedClasses,
        maxClasses, topKs, distanceQuantiles, skipThresholds, maxActiveClusters, classCoverage, selectionFraction, t);
  }

  public String describe() {
    return String.format(Locale.ROOT, "precision>=%s recall>=%s policy=%s weights=%s,%s family=%s L_s=%s(max %d) K=%s"
        + " T_quantiles=%s Skip_th=%s C=%d class_coverage=%s selection_fraction=%s training={%s}", precisionTarget,
        recallTarget, policy.cliName(), ingestWeight, queryWeight, family.stream().map(CandidateArch::name).toList(),
        specialisedClasses.isEmpty() ? "auto" : specialisedClasses, maxClasses, topKs, distanceQuantiles, skipThresholds,
        maxActiveClusters, classCoverage, selectionFraction, training.describe());
  }
}
