package io.tributary.focus.tune;

import io.tributary.focus.model.CropPrediction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;

/**
 * The stream tuner's grid search for one trained cheap CNN (thesis §4.3.2): every (K, T, Skip_th)
 * of the settings, scored by replaying ingest and query ({@link Simulation}) on the model's outputs,
 * computed once. T is taken at quantiles of the distances between successive objects' features, and
 * a configuration holds its margin when its riskier neighbour (K - 1, T at a higher quantile) meets
 * the targets too.
 */
final class ConfigurationSearch {
  /** How much larger T's quantile the margin check uses. */
  static final double MARGIN_Q = 0.1;

  private ConfigurationSearch() {}

  /**
   * One trained specialised CNN and its outputs.
   *
   * @param outputs its outputs on the selection sample
   * @param fitOutputs its outputs on the crops it learnt from (the same list when they are one sample)
   * @param cost its CPU seconds per object
   */
  record Trained(TunedModels.Stored stored, int ls, List<CropPrediction> outputs,
      List<CropPrediction> fitOutputs, double cost) {}

  /**
   * The samples configurations are scored on: the selection half and the crops the CNNs learnt
   * from, each with the objects relevant to every query class, and the GT-CNN's cost per object.
   */
  record Scoring(Simulation.Labelled select, Simulation.Labelled fit, Map<String, BitSet> relevant,
      Map<String, BitSet> fitRelevant, List<String> queryClasses, double gtCost) {}

  /** Every configuration of {@code trained} the settings span, each with its scores and margin. */
  static List<TunedConfiguration> search(Trained trained, Scoring scoring, TunerSettings s) {
    TunedModels.Stored stored = trained.stored();
    int ls = trained.ls();
    List<CropPrediction> outputs = trained.outputs();
    List<CropPrediction> fitOutputs = trained.fitOutputs();
    double cost = trained.cost();
    Simulation.Labelled select = scoring.select();
    Simulation.Labelled fit = scoring.fit();
    Map<String, BitSet> relevant = scoring.relevant();
    Map<String, BitSet> fitRelevant = scoring.fitRelevant();
    List<String> queryClasses = scoring.queryClasses();
    double gtCost = scoring.gtCost();
    double[] nn = successiveDistances(select, outputs);
    Map<Double, Simulation.Clusters[]> byT = new HashMap<>();
    DoubleUnaryOperator tAt = q -> q <= 0 || nn.length == 0 ? 0
        : nn[Math.min(nn.length - 1, (int) Math.floor(Math.min(1, q) * (nn.length - 1)))];
    // (K, T, Skip_th) -> {precision min, recall min, GT calls per query}; clusters computed once per T.
    Function<double[], double[]> eval = kts -> {
      int k = (int) kts[0];
      double t = kts[1];
      double skip = kts[2];
      Simulation.Clusters[] cl = byT.computeIfAbsent(t, tt -> new Simulation.Clusters[] {
          Simulation.cluster(select, outputs, tt, s.maxActiveClusters()),
          fit == select ? null : Simulation.cluster(fit, fitOutputs, tt, s.maxActiveClusters())});
      double pMin = 1;
      double rMin = 1;
      double calls = 0;
      for (String x : queryClasses) {
        Simulation.QueryOutcome o = Simulation.query(select, cl[0], stored.classes(), x, relevant.get(x), k, skip);
        pMin = Math.min(pMin, o.precision());
        rMin = Math.min(rMin, o.recall());
        calls += o.gtCalls();
        if (cl[1] != null) {
          // Accuracy must also hold on the crops the CNN learnt from: a larger sample, so the
          // impurity a large T causes shows before the test half does.
          Simulation.QueryOutcome f = Simulation.query(fit, cl[1], stored.classes(), x, fitRelevant.get(x), k, skip);
          pMin = Math.min(pMin, f.precision());
          rMin = Math.min(rMin, f.recall());
        }
      }
      return new double[] {pMin, rMin, calls / queryClasses.size()};
    };
    List<TunedConfiguration> out = new ArrayList<>();
    double lastT = -1;
    for (double q : s.distanceQuantiles()) {
      double t = tAt.applyAsDouble(q);
      if (t == lastT) {
        continue;
      }
      lastT = t;
      // The margin: a configuration counts as viable only if its riskier neighbour (K - 1, and T at a
      // quantile MARGIN_Q higher) meets the targets too, since the sample's 99% rests on few frames.
      double tRisk = tAt.applyAsDouble(q + MARGIN_Q);
      for (int k : s.topKs()) {
        if (k > stored.classes().size()) {
          continue;
        }
        for (double skip : s.skipThresholds()) {
          double[] e = eval.apply(new double[] {k, t, skip});
          boolean margin = false;
          if (e[0] >= s.precisionTarget() && e[1] >= s.recallTarget()) {
            double[] r = eval.apply(new double[] {Math.max(1, k - 1), tRisk, skip});
            margin = r[0] >= s.precisionTarget() && r[1] >= s.recallTarget();
          }
          out.add(new TunedConfiguration(new TunedConfiguration.Model(stored.arch(), ls, stored.dir().toString(),
              stored.classes()), new TunedConfiguration.Params(k, t, q, skip),
              new TunedConfiguration.Measured(cost, e[2], e[2] * gtCost, e[0], e[1]), margin));
        }
      }
    }
    return out;
  }

  /** Sorted distances from each object's feature to the nearest of the previous 16 objects of its camera. */
  static double[] successiveDistances(Simulation.Labelled data, List<CropPrediction> outputs) {
    List<Double> d = new ArrayList<>();
    for (int i = 1; i < data.size(); i++) {
      double best = Double.POSITIVE_INFINITY;
      String cam = data.sample.objects().get(i).camera();
      for (int j = i - 1; j >= Math.max(0, i - 16); j--) {
        if (!data.sample.objects().get(j).camera().equals(cam)) {
          break;
        }
        best = Math.min(best, dist(outputs.get(i).feature(), outputs.get(j).feature()));
      }
      if (best < Double.POSITIVE_INFINITY) {
        d.add(best);
      }
    }
    double[] a = d.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(a);
    return a;
  }

  private static double dist(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double x = a[i] - b[i];
      s += x * x;
    }
    return Math.sqrt(s);
  }
}
