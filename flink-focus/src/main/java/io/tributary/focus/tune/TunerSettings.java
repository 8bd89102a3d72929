package io.tributary.focus.tune;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * What the stream tuner searches and what it must achieve (thesis §4.3.4), in three groups: the
 * accuracy {@link Targets}, the {@link Objective} that picks among the configurations meeting them,
 * and the {@link Grid} searched. The accessors of the former flat record ({@link #precisionTarget()},
 * {@link #topKs()}, ...) read through the groups.
 *
 * @param targets precision and recall every query class must reach relative to the GT-CNN
 * @param objective which Pareto configuration to choose
 * @param grid the cheap CNNs and parameters tried
 * @param maxActiveClusters C, as the ingest job uses it
 * @param classCoverage query classes are those making up this fraction of the GT-labelled objects
 * @param selectionFraction the latest fraction of the training half held out from CNN training, on which
 *     the parameters are chosen (0: choose on the training crops themselves)
 * @param training how specialised CNNs are trained
 */
public record TunerSettings(Targets targets, Objective objective, Grid grid, int maxActiveClusters,
    double classCoverage, double selectionFraction, TunedModels.Training training) implements Serializable {

  /**
   * The accuracy a configuration must reach.
   *
   * @param precision precision every query class must reach relative to the GT-CNN (e.g. 0.99)
   * @param recall recall every query class must reach (e.g. 0.99)
   */
  public record Targets(double precision, double recall) implements Serializable {
    public Targets {
      if (!(precision > 0 && precision <= 1 && recall > 0 && recall <= 1)) {
        throw new IllegalArgumentException("precision and recall targets must be in (0, 1]; got " + precision
            + " and " + recall);
      }
    }
  }

  /**
   * How the configuration is chosen among those meeting the targets.
   *
   * @param policy which Pareto configuration to choose
   * @param ingestWeight weight of the normalised ingest cost in BALANCE's sum (1 by default)
   * @param queryWeight weight of the normalised query latency in BALANCE's sum (1 by default)
   */
  public record Objective(Policy policy, double ingestWeight, double queryWeight) implements Serializable {
    public Objective {
      if (!(ingestWeight >= 0 && queryWeight >= 0 && ingestWeight + queryWeight > 0)) {
        throw new IllegalArgumentException("policy weights must be >= 0 and not both 0; got " + ingestWeight + ","
            + queryWeight);
      }
    }
  }

  /**
   * What is searched.
   *
   * @param family cheap-CNN architectures to specialise
   * @param specialisedClasses the L_s values to try; empty picks them from the class distribution (the
   *     classes covering 80% and 95% of the objects, and all classes up to {@code maxClasses})
   * @param maxClasses largest L_s
   * @param topKs the K values to try
   * @param distanceQuantiles T values to try, as quantiles of each model's nearest-neighbour distances
   *     between successive objects (0: no clustering), so the grid fits each model's feature scale
   * @param skipThresholds Skip_th values to try (above 1: never skip)
   */
  public record Grid(List<CandidateArch> family, List<Integer> specialisedClasses, int maxClasses, List<Integer> topKs,
      List<Double> distanceQuantiles, List<Double> skipThresholds) implements Serializable {
    public Grid {
      family = List.copyOf(family);
      specialisedClasses = List.copyOf(specialisedClasses);
      topKs = List.copyOf(topKs);
      distanceQuantiles = List.copyOf(distanceQuantiles);
      skipThresholds = List.copyOf(skipThresholds);
      if (family.isEmpty() || topKs.isEmpty() || distanceQuantiles.isEmpty() || skipThresholds.isEmpty()) {
        throw new IllegalArgumentException("the tuner needs at least one architecture, K, T and Skip_th to try");
      }
      if (topKs.stream().anyMatch(k -> k < 1) || specialisedClasses.stream().anyMatch(l -> l < 1) || maxClasses < 1) {
        throw new IllegalArgumentException("K and L_s must be >= 1");
      }
      if (distanceQuantiles.stream().anyMatch(q -> !(q >= 0 && q <= 1))) {
        throw new IllegalArgumentException("T quantiles must be in [0, 1]: " + distanceQuantiles);
      }
    }
  }

  public TunerSettings {
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
    return new TunerSettings(new Targets(0.99, 0.99), new Objective(Policy.BALANCE, 1, 1),
        new Grid(CandidateArch.defaultFamily(), List.of(), 8, List.of(1, 2, 3, 4, 5), List.of(0.0, 0.1, 0.25, 0.5, 0.75),
            List.of(2.0, 0.99, 0.95, 0.9, 0.8)), 100, 0.95, 0.4, TunedModels.Training.defaults());
  }

  public double precisionTarget() {
    return targets.precision();
  }

  public double recallTarget() {
    return targets.recall();
  }

  public Policy policy() {
    return objective.policy();
  }

  public double ingestWeight() {
    return objective.ingestWeight();
  }

  public double queryWeight() {
    return objective.queryWeight();
  }

  public List<CandidateArch> family() {
    return grid.family();
  }

  public List<Integer> specialisedClasses() {
    return grid.specialisedClasses();
  }

  public int maxClasses() {
    return grid.maxClasses();
  }

  public List<Integer> topKs() {
    return grid.topKs();
  }

  public List<Double> distanceQuantiles() {
    return grid.distanceQuantiles();
  }

  public List<Double> skipThresholds() {
    return grid.skipThresholds();
  }

  public TunerSettings withTargets(double precision, double recall) {
    return new TunerSettings(new Targets(precision, recall), objective, grid, maxActiveClusters, classCoverage,
        selectionFraction, training);
  }

  public TunerSettings withPolicy(Policy p) {
    return withObjective(new Objective(p, objective.ingestWeight(), objective.queryWeight()));
  }

  /** BALANCE's weights for the normalised ingest cost and query latency. */
  public TunerSettings withWeights(double ingest, double query) {
    return withObjective(new Objective(objective.policy(), ingest, query));
  }

  private TunerSettings withObjective(Objective o) {
    return new TunerSettings(targets, o, grid, maxActiveClusters, classCoverage, selectionFraction, training);
  }

  private TunerSettings withGrid(Grid g) {
    return new TunerSettings(targets, objective, g, maxActiveClusters, classCoverage, selectionFraction, training);
  }

  public TunerSettings withFamily(List<CandidateArch> f) {
    return withGrid(new Grid(f, grid.specialisedClasses(), grid.maxClasses(), grid.topKs(), grid.distanceQuantiles(),
        grid.skipThresholds()));
  }

  public TunerSettings withSpecialisedClasses(List<Integer> ls) {
    return withGrid(new Grid(grid.family(), ls, grid.maxClasses(), grid.topKs(), grid.distanceQuantiles(),
        grid.skipThresholds()));
  }

  /** The largest L_s tried when L_s is picked from the class distribution. */
  public TunerSettings withMaxClasses(int max) {
    return withGrid(new Grid(grid.family(), grid.specialisedClasses(), max, grid.topKs(), grid.distanceQuantiles(),
        grid.skipThresholds()));
  }

  public TunerSettings withTopKs(List<Integer> ks) {
    return withGrid(new Grid(grid.family(), grid.specialisedClasses(), grid.maxClasses(), ks, grid.distanceQuantiles(),
        grid.skipThresholds()));
  }

  public TunerSettings withDistanceQuantiles(List<Double> qs) {
    return withGrid(new Grid(grid.family(), grid.specialisedClasses(), grid.maxClasses(), grid.topKs(), qs,
        grid.skipThresholds()));
  }

  public TunerSettings withSkipThresholds(List<Double> s) {
    return withGrid(new Grid(grid.family(), grid.specialisedClasses(), grid.maxClasses(), grid.topKs(),
        grid.distanceQuantiles(), s));
  }

  public TunerSettings withMaxActiveClusters(int c) {
    return new TunerSettings(targets, objective, grid, c, classCoverage, selectionFraction, training);
  }

  public TunerSettings withSelectionFraction(double f) {
    return new TunerSettings(targets, objective, grid, maxActiveClusters, classCoverage, f, training);
  }

  public TunerSettings withTraining(TunedModels.Training t) {
    return new TunerSettings(targets, objective, grid, maxActiveClusters, classCoverage, selectionFraction, t);
  }

  public String describe() {
    return String.format(Locale.ROOT, "precision>=%s recall>=%s policy=%s weights=%s,%s family=%s L_s=%s(max %d) K=%s"
        + " T_quantiles=%s Skip_th=%s C=%d class_coverage=%s selection_fraction=%s training={%s}", precisionTarget(),
        recallTarget(), policy().cliName(), ingestWeight(), queryWeight(), family().stream().map(CandidateArch::name).toList(),
        specialisedClasses().isEmpty() ? "auto" : specialisedClasses(), maxClasses(), topKs(), distanceQuantiles(),
        skipThresholds(),
        maxActiveClusters, classCoverage, selectionFraction, training.describe());
  }
}
