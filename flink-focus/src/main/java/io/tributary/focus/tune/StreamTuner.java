package io.tributary.focus.tune;

import io.tributary.focus.ingest.IngestMetrics;
import io.tributary.focus.model.CropModel;
import io.tributary.focus.model.CropPrediction;
import io.tributary.focus.model.CropView;
import io.tributary.focus.model.GroundTruthModel;
import io.tributary.focus.model.LabeledCrop;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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
 *       one per policy ({@link ConfigurationSearch}, {@link ParetoBoundary});
 *   <li>validates each policy's pick on the test half with its model run afresh on those objects.
 * </ol>
 */
public final class StreamTuner {
  private static final int BATCH = 32;

  private StreamTuner() {}

  /** Tunes on {@code history}; {@code log} (may be null) gets progress lines. */
  public static TuningResult tune(TuningSample history, GroundTruthModel gt, TunerSettings s, PrintStream log)
      throws IOException {
    long t0 = System.nanoTime();
    PrintStream out = log != null ? log : new PrintStream(OutputStream.nullOutputStream());
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
    ConfigurationSearch.Scoring scoring = new ConfigurationSearch.Scoring(select, fit, relevant, fitRelevant, queryClasses, gtCost);
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
        all.addAll(ConfigurationSearch.search(new ConfigurationSearch.Trained(stored, ls, outputs, fitOutputs, cost[0]),
            scoring, s));
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
    List<TunedConfiguration> pareto = ParetoBoundary.of(viable);
    Map<Policy, TunedConfiguration> chosen = new EnumMap<>(Policy.class);
    for (Policy p : Policy.values()) {
      chosen.put(p, ParetoBoundary.choose(pareto, p, s.ingestWeight(), s.queryWeight()));
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
}
