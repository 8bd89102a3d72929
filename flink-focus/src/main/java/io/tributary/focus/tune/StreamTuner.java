package io.tributary.focus.tune;

import io.tributary.focus.ingest.IngestMetrics;
import io.tributary.focus.model.CropModel;
import io.tributary.focus.model.CropPrediction;
import io.tributary.focus.model.CropView;
import io.tributary.focus.model.GroundTruthModel;
import io.tributary.focus.model.LabeledCrop;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;

/**
 * The Focus stream tuner (thesis §4.3.2, §4.3.4, §4.4.2), engine-free: given a stream's sampled
 * history, the user's GT-CNN and accuracy targets, it
 * <ol>
 *   <li>splits the history in time into a training and a test half (§4.5.1), and the training half
 *       again into the part the cheap CNNs learn from and the later part the parameters are chosen on;
 *   <li>labels every sampled object with the GT-CNN (measuring its CPU cost per object), and picks
 *       the query classes (those making up 95% of the objects) and the L_s values to try;
 *   <li>trains a specialised cheap CNN per (architecture, L_s): the top L_s classes, background and
 *       OTHER, OTHER re-weighted by class-balanced sampling ({@link TunedModels}), and measures each
 *       one's inference CPU per object;
 *   <li>searches (cheap CNN, L_s, K, T, Skip_th), replaying ingest and query ({@link Simulation})
 *       with each model's outputs computed once; keeps the configurations meeting the targets for
 *       every query class, extracts the Pareto boundary of ingest cost and query latency, and picks
 *       one per policy;
 *   <li>validates each policy's pick on the test half with its model run afresh on those objects.
 * </ol>
 */
public final class StreamTuner {
  private static final int BATCH = 32;
  /** How much larger T's quantile the margin check uses. */
  static final double MARGIN_Q = 0.1;

  private StreamTuner() {}

  /** Tunes on {@code history}; {@code log} (may be null) gets progress lines. */
  public static TuningResult tune(TuningSample history, GroundTruthModel gt, TunerSettings s, PrintStream log)
      throws IOException {
    long t0 = System.nanoTime();
    PrintStream out = log != null ? log : new PrintStream(java.io.OutputStream.nullOutputStream());
    if (history.isEmpty()) {
      throw new IllegalArgumentException("the stream's history holds no moving objects: nothing to tune on");
    }
    TuningSample[] halves = history.splitByTime(0.5);
    TuningSample train = halves[0];
    TuningSample test = halves[1];
    TuningSample[] fitSelect = s.selectionFraction() > 0 ? train.splitByTime(1 - s.selectionFraction())
        : new TuningSample[] {train, train};
    if (fitSelect[0].isEmpty() || fitSelect[1].isEmpty() || test.isEmpty()) {
      throw new IllegalArgumentException("the history (" + history.size() + " objects in " + history.frames()
          + " frames) is too short to split into training, selection and test parts");
    }
    out.printf(Locale.ROOT, "tuner: %d objects (%d frames, %.0f s); training %d objects (CNNs learn from %d, parameters"
        + " chosen on %d), test %d%n", history.size(), history.frames(), history.spanSeconds(), train.size(),
        fitSelect[0].size(), fitSelect[1].size(), test.size());
    out.println("tuner settings: " + s.describe());

    // GT labels and the GT-CNN's cost per object.
    long[] gtNs = {0};
    int[] gtObjects = {0};
    Simulation.Labelled fit = label(fitSelect[0], gt, gtNs, gtObjects);
    Simulation.Labelled select = s.selectionFraction() > 0 ? label(fitSelect[1], gt, gtNs, gtObjects) : fit;
    Simulation.Labelled testSet = label(test, gt, gtNs, gtObjects);
    double gtCost = gtNs[0] / 1e9 / gtObjects[0];
    out.printf(Locale.ROOT, "GT-CNN %s: %.1f us cpu per object (%d objects labelled)%n", gt.name(), gtCost * 1e6, gtObjects[0]);

    // Class distribution of the training half (top GT label per object), query classes, L_s values.
    Map<String, Integer> counts = new LinkedHashMap<>();
    List<Set<String>> trainLabels = new ArrayList<>(fit.gt);
    if (select != fit) {
      trainLabels.addAll(select.gt);
    }
    for (Set<String> l : trainLabels) {
      if (!l.isEmpty()) {
        counts.merge(l.iterator().next(), 1, Integer::sum);
      }
    }
    List<String> ranked = new ArrayList<>(counts.keySet());
    ranked.sort(Comparator.comparing((String c) -> -counts.get(c)).thenComparing(c -> c));
    if (ranked.isEmpty()) {
      throw new IllegalArgumentException("the GT-CNN " + gt.name() + " finds no object in the training half");
    }
    List<String> queryClasses = ranked.subList(0, coverCount(ranked, counts, s.classCoverage()));
    List<Integer> lsValues = s.specialisedClasses().isEmpty()
        ? new ArrayList<>(new TreeSet<>(List.of(Math.min(s.maxClasses(), coverCount(ranked, counts, 0.8)),
            Math.min(s.maxClasses(), coverCount(ranked, counts, 0.95)), Math.min(s.maxClasses(), ranked.size()))))
        : s.specialisedClasses().stream().map(l -> Math.min(l, ranked.size())).distinct().sorted().toList();
    out.println("GT classes in the training half: " + ranked.stream().map(c -> c + "=" + counts.get(c)).toList()
        + "; query classes " + queryClasses + "; L_s " + lsValues);

    // Specialised models and the search.
    Map<String, BitSet> relevant = new LinkedHashMap<>();
    queryClasses.forEach(c -> relevant.put(c, select.relevant(c)));
    Map<String, BitSet> fitRelevant = new LinkedHashMap<>();
    queryClasses.forEach(c -> fitRelevant.put(c, fit.relevant(c)));
    Scoring scoring = new Scoring(select, fit, relevant, fitRelevant, queryClasses, gtCost);
    List<TunedConfiguration> all = new ArrayList<>();
    Map<String, TunedModels.Stored> models = new LinkedHashMap<>();
    for (int ls : lsValues) {
      List<String> classes = new ArrayList<>();
      classes.add("background");
      classes.addAll(ranked.subList(0, ls));
      if (ls < ranked.size()) {
        classes.add("OTHER");
      }
      List<LabeledCrop> data = trainingData(fit, classes);
      for (CandidateArch arch : s.family()) {
        TunedModels.Stored stored = TunedModels.trainOrLoad(arch, classes, data, s.training(), out);
        models.put(stored.dir().toString(), stored);
        double[] cost = new double[1];
        List<CropPrediction> outputs = predict(stored, select.sample, cost);
        List<CropPrediction> fitOutputs = select == fit ? outputs : predict(stored, fit.sample, new double[1]);
        all.addAll(search(new Trained(stored, ls, outputs, fitOutputs, cost[0]), scoring, s));
        out.printf(Locale.ROOT, "  %s L_s=%d: %.1f us cpu per object (%.1fx cheaper than the GT-CNN), %d MACs%n",
            arch.name(), ls, cost[0] * 1e6, gtCost / cost[0], arch.macs(classes.size()));
      }
    }

    // Viable set, Pareto boundary, policies.
    List<TunedConfiguration> viable = all.stream().filter(c -> c.meets(s.precisionTarget(), s.recallTarget())
        && c.marginHeld()).toList();
    if (viable.isEmpty()) {
      out.println("no configuration keeps the targets with a margin (K - 1, larger T); taking those meeting them");
      viable = all.stream().filter(c -> c.meets(s.precisionTarget(), s.recallTarget())).toList();
    }
    if (viable.isEmpty()) {
      throw new IllegalStateException("no configuration meets precision " + s.precisionTarget() + " and recall "
          + s.recallTarget() + " on the selection sample (" + all.size() + " tried); widen K or lower the targets");
    }
    List<TunedConfiguration> pareto = pareto(viable);
    Map<Policy, TunedConfiguration> chosen = new EnumMap<>(Policy.class);
    for (Policy p : Policy.values()) {
      chosen.put(p, choose(pareto, p, s.ingestWeight(), s.queryWeight()));
    }
    out.printf("searched %d configurations: %d viable, %d on the Pareto boundary%n", all.size(), viable.size(), pareto.size());

    // Validation on the test half.
    Map<Policy, TuningResult.Validation> validation = new EnumMap<>(Policy.class);
    Map<String, List<CropPrediction>> testOutputs = new LinkedHashMap<>();
    Map<String, Double> testCost = new LinkedHashMap<>();
    Map<String, BitSet> testRelevant = new LinkedHashMap<>();
    queryClasses.forEach(c -> testRelevant.put(c, testSet.relevant(c)));
    for (Policy p : Policy.values()) {
      TunedConfiguration c = chosen.get(p);
      if (!testOutputs.containsKey(c.modelDir())) {
        double[] cost = new double[1];
        testOutputs.put(c.modelDir(), predict(models.get(c.modelDir()), testSet.sample, cost));
        testCost.put(c.modelDir(), cost[0]);
      }
      Simulation.Clusters cl = Simulation.cluster(testSet, testOutputs.get(c.modelDir()), c.distanceThreshold(),
          s.maxActiveClusters());
      Map<String, double[]> perClass = new LinkedHashMap<>();
      double calls = 0;
      for (String q : queryClasses) {
        Simulation.QueryOutcome o = Simulation.query(testSet, cl, c.modelClasses(), q, testRelevant.get(q), c.topK(),
            c.skipThreshold());
        perClass.put(q, new double[] {o.precision(), o.recall(), o.gtCalls()});
        calls += o.gtCalls();
      }
      calls /= queryClasses.size();
      TunedConfiguration.Measured measured = new TunedConfiguration.Measured(testCost.get(c.modelDir()), calls,
          calls * gtCost, perClass.values().stream().mapToDouble(a -> a[0]).min().orElse(Double.NaN),
          perClass.values().stream().mapToDouble(a -> a[1]).min().orElse(Double.NaN));
      TuningResult.Validation v = new TuningResult.Validation(p, perClass, measured, testSet.size(), cl.size());
      validation.put(p, v);
      out.printf(Locale.ROOT, "%-10s %s%n           test half: %s%n", p.cliName(), c.describe(), v.describe());
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    out.printf(Locale.ROOT, "tuning took %.1f s%n", seconds);
    return new TuningResult(s, new TuningResult.Sample(queryClasses, counts,
        new int[] {fit.size(), select.size(), testSet.size()}), new TuningResult.Search(all, viable, pareto, chosen,
        validation), gtCost, gt.name(), seconds);
  }

  /** How many of the ranked classes make up {@code coverage} of the counted objects (at least 1). */
  static int coverCount(List<String> ranked, Map<String, Integer> counts, double coverage) {
    int total = counts.values().stream().mapToInt(Integer::intValue).sum();
    int covered = 0;
    int n = 0;
    for (String c : ranked) {
      if (n > 0 && covered >= coverage * total) {
        break;
      }
      covered += counts.get(c);
      n++;
    }
    return n;
  }

  private static Simulation.Labelled label(TuningSample sample, GroundTruthModel gt, long[] ns, int[] n) {
    List<Set<String>> labels = new ArrayList<>(sample.size());
    List<CropView> views = sample.objects().stream().map(TuningSample.SampledObject::view).toList();
    for (int i = 0; i < views.size(); i += 16) {
      List<CropView> part = views.subList(i, Math.min(views.size(), i + 16));
      long c0 = IngestMetrics.threadCpu();
      labels.addAll(gt.classifyViews(part));
      ns[0] += IngestMetrics.threadCpu() - c0;
      n[0] += part.size();
    }
    return new Simulation.Labelled(sample, labels);
  }

  /** Training crops: the GT's top label mapped to the model's classes (unlisted classes to OTHER). */
  private static List<LabeledCrop> trainingData(Simulation.Labelled fit, List<String> classes) {
    List<LabeledCrop> data = new ArrayList<>(fit.size());
    int other = classes.indexOf("OTHER");
    for (int i = 0; i < fit.size(); i++) {
      Set<String> l = fit.gt.get(i);
      int idx = l.isEmpty() ? 0 : classes.indexOf(l.iterator().next());
      data.add(new LabeledCrop(fit.sample.objects().get(i).crop(), idx >= 0 ? idx : other));
    }
    return data;
  }

  /** The model's outputs on the sample, in batches as the ingest job runs it; {@code cost[0]} gets CPU s per object. */
  private static List<CropPrediction> predict(TunedModels.Stored stored, TuningSample sample, double[] cost)
      throws IOException {
    List<CropPrediction> out = new ArrayList<>(sample.size());
    try (CropModel m = stored.open()) {
      var crops = sample.objects().stream().map(TuningSample.SampledObject::crop).toList();
      m.predict(crops.subList(0, Math.min(BATCH, crops.size()))); // warm-up, not counted
      // The cost is the least of several passes (at least 3, and 0.5 s of CPU): one pass over a few
      // hundred crops is too short to time without the noise of other threads and the JIT.
      long best = Long.MAX_VALUE;
      long spent = 0;
      for (int pass = 0; pass < 3 || spent < 500_000_000L && pass < 20; pass++) {
        long c0 = IngestMetrics.threadCpu();
        for (int i = 0; i < crops.size(); i += BATCH) {
          List<CropPrediction> p = m.predict(crops.subList(i, Math.min(crops.size(), i + BATCH)));
          if (pass == 0) {
            out.addAll(p);
          }
        }
        long ns = IngestMetrics.threadCpu() - c0;
        best = Math.min(best, ns);
        spent += ns;
      }
      cost[0] = best / 1e9 / crops.size();
    }
    return out;
  }

  /**
   * One trained specialised CNN and its outputs.
   *
   * @param outputs its outputs on the selection sample
   * @param fitOutputs its outputs on the crops it learnt from (the same list when they are one sample)
   * @param cost its CPU seconds per object
   */
  private record Trained(TunedModels.Stored stored, int ls, List<CropPrediction> outputs,
      List<CropPrediction> fitOutputs, double cost) {}

  /**
   * The samples configurations are scored on: the selection half and the crops the CNNs learnt
   * from, each with the objects relevant to every query class, and the GT-CNN's cost per object.
   */
  private record Scoring(Simulation.Labelled select, Simulation.Labelled fit, Map<String, BitSet> relevant,
      Map<String, BitSet> fitRelevant, List<String> queryClasses, double gtCost) {}

  private static List<TunedConfiguration> search(Trained trained, Scoring scoring, TunerSettings s) {
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

  /** The configurations no other viable one dominates, by ascending ingest cost. */
  public static List<TunedConfiguration> pareto(List<TunedConfiguration> viable) {
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
