package io.tributary.focus.tune;

import io.tributary.common.report.CsvTable;
import io.tributary.common.report.Plots;
import io.tributary.common.report.Summary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * What the stream tuner found: every configuration searched, the viable ones, the Pareto boundary,
 * each policy's pick and its validation on the test half.
 *
 * @param gtCpuPerObject measured CPU seconds of the GT-CNN per object
 * @param sample the query classes, class counts and sample sizes
 * @param search every configuration searched, the viable ones, the Pareto boundary, the picks and
 *     their validation
 */
public record TuningResult(TunerSettings settings, Sample sample, Search search, double gtCpuPerObject, String gtName,
    double seconds) {

  /**
   * What the tuner learnt from.
   *
   * @param classCounts GT-labelled objects per class
   * @param sizes objects the CNNs learnt from, objects parameters were chosen on, test objects
   */
  public record Sample(List<String> queryClasses, Map<String, Integer> classCounts, int[] sizes) {}

  /**
   * What it found.
   *
   * @param configurations every configuration searched
   * @param viable those meeting the targets
   * @param pareto the Pareto boundary of the viable ones
   * @param chosen each policy's pick
   * @param validation each policy's pick replayed on the test half
   */
  public record Search(List<TunedConfiguration> configurations, List<TunedConfiguration> viable,
      List<TunedConfiguration> pareto, Map<Policy, TunedConfiguration> chosen, Map<Policy, Validation> validation) {}

  /**
   * A policy's pick replayed on the test half.
   *
   * @param perClass per query class: frame precision, frame recall, GT calls
   * @param measured the cheap CNN's CPU seconds per object measured on the test half, GT calls per query,
   *     query CPU, lowest precision and recall over the query classes
   */
  public record Validation(Policy policy, Map<String, double[]> perClass, TunedConfiguration.Measured measured,
      int objects, int clusters) {
    public double precisionMin() {
      return measured.precisionMin();
    }

    public double recallMin() {
      return measured.recallMin();
    }

    public double ingestCpuPerObject() {
      return measured.ingestCpuPerObject();
    }

    public double gtCallsPerQuery() {
      return measured.gtCallsPerQuery();
    }

    public double queryCpu() {
      return measured.queryCpu();
    }

    public String describe() {
      return String.format(Locale.ROOT, "P_min %.4f R_min %.4f, ingest %.1f us/object, query %.1f GT calls (%.4f cpu s),"
          + " %d objects in %d clusters", precisionMin(), recallMin(), ingestCpuPerObject() * 1e6, gtCallsPerQuery(),
          queryCpu(), objects, clusters);
    }
  }

  public List<String> queryClasses() {
    return sample.queryClasses();
  }

  public Map<String, Integer> classCounts() {
    return sample.classCounts();
  }

  public int[] sizes() {
    return sample.sizes();
  }

  public List<TunedConfiguration> configurations() {
    return search.configurations();
  }

  public List<TunedConfiguration> viable() {
    return search.viable();
  }

  public List<TunedConfiguration> pareto() {
    return search.pareto();
  }

  public Map<Policy, TunedConfiguration> chosen() {
    return search.chosen();
  }

  public Map<Policy, Validation> validation() {
    return search.validation();
  }

  /** The pick of the settings' policy. */
  public TunedConfiguration best() {
    return chosen().get(settings.policy());
  }

  /** The GT-CNN's cost per object over the configuration's cheap CNN's (both measured). */
  public double cheapness(TunedConfiguration c) {
    return gtCpuPerObject / c.ingestCpuPerObject();
  }

  /**
   * Writes to {@code dir}: {@code tuned.properties} (the settings' policy's pick, for
   * {@code focus ingest --tuned}), {@code tuned-<policy>.properties} for every policy,
   * {@code configurations().csv} (every configuration searched), {@code tradeoff.png} (Fig. 4.5:
   * viable() configurations(), Pareto boundary, the three policies) and {@code tuning.json}.
   */
  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (Policy p : Policy.values()) {
      chosen().get(p).write(dir.resolve("tuned-" + p.cliName() + ".properties"), "tributary focus tune, policy "
          + p.cliName(), extra(p));
    }
    best().write(dir.resolve("tuned.properties"), "tributary focus tune, policy " + settings.policy().cliName(),
        extra(settings.policy()));
    CsvTable csv = new CsvTable("model", "macs", "specialised_classes", "top_k", "distance_threshold", "distance_quantile",
        "skip_threshold", "ingest_cpu_us_per_object", "gt_calls_per_query", "query_cpu_s", "precision_min", "recall_min",
        "margin_held", "viable", "pareto", "policies");
    for (TunedConfiguration c : configurations()) {
      List<String> ps = new ArrayList<>();
      chosen().forEach((p, x) -> {
        if (x == c) {
          ps.add(p.cliName());
        }
      });
      csv.add(c.arch().name(), c.arch().macs(c.modelClasses().size()), c.specialisedClasses(), c.topK(),
          c.distanceThreshold(), c.distanceQuantile(), c.skipThreshold(), c.ingestCpuPerObject() * 1e6,
          c.gtCallsPerQuery(), c.queryCpu(), c.precisionMin(), c.recallMin(), c.marginHeld(), viable().contains(c), pareto().contains(c),
          String.join(" ", ps));
    }
    csv.write(dir.resolve("configurations.csv"));
    plot(dir.resolve("tradeoff.png"));
    summary().write(dir.resolve("tuning.json"));
  }

  /** The tuning run's flat summary. */
  public Summary summary() {
    Summary s = new Summary();
    s.put("gt_model", gtName);
    s.put("gt_cpu_us_per_object", gtCpuPerObject * 1e6);
    s.put("query_classes", String.join(",", queryClasses()));
    s.put("configurations", (long) configurations().size());
    s.put("viable", (long) viable().size());
    s.put("pareto", (long) pareto().size());
    s.put("fit_objects", (long) sizes()[0]);
    s.put("selection_objects", (long) sizes()[1]);
    s.put("test_objects", (long) sizes()[2]);
    s.put("tuning_s", seconds);
    for (Policy p : Policy.values()) {
      TunedConfiguration c = chosen().get(p);
      Validation v = validation().get(p);
      String k = p.key() + "_";
      s.put(k + "model", c.arch().name());
      s.put(k + "specialised_classes", (long) c.specialisedClasses());
      s.put(k + "top_k", (long) c.topK());
      s.put(k + "distance_threshold", c.distanceThreshold());
      s.put(k + "skip_threshold", c.skipThreshold());
      s.put(k + "cheaper_than_gt", cheapness(c));
      s.put(k + "ingest_cpu_us_per_object", c.ingestCpuPerObject() * 1e6);
      s.put(k + "query_cpu_s", c.queryCpu());
      s.put(k + "test_precision_min", v.precisionMin());
      s.put(k + "test_recall_min", v.recallMin());
      s.put(k + "test_query_cpu_s", v.queryCpu());
    }
    s.put("settings", settings.describe());
    return s;
  }

  private Properties extra(Policy p) {
    Properties e = new Properties();
    Validation v = validation().get(p);
    e.setProperty("policy", p.cliName());
    e.setProperty("precision_target", String.valueOf(settings.precisionTarget()));
    e.setProperty("recall_target", String.valueOf(settings.recallTarget()));
    e.setProperty("max_active_clusters", String.valueOf(settings.maxActiveClusters()));
    e.setProperty("gt_model", gtName);
    e.setProperty("gt_cpu_s_per_object", String.valueOf(gtCpuPerObject));
    e.setProperty("query_classes", String.join(",", queryClasses()));
    e.setProperty("test_precision_min", String.valueOf(v.precisionMin()));
    e.setProperty("test_recall_min", String.valueOf(v.recallMin()));
    e.setProperty("settings", settings.describe());
    return e;
  }

  /** Fig. 4.5: ingest cost (x) against query latency (y), normalised to the GT-CNN on every object. */
  public void plot(Path png) throws IOException {
    double gt = gtCpuPerObject;
    double allObjects = sizes()[1] * gt;
    List<Plots.Series> points = new ArrayList<>();
    points.add(series("viable configurations", viable(), gt, allObjects));
    List<Plots.Series> lines = new ArrayList<>();
    lines.add(series("Pareto boundary", pareto(), gt, allObjects));
    // Policies last, drawn over the boundary (a one-point line series shows just its marker).
    for (Policy p : Policy.values()) {
      lines.add(series(p.cliName(), List.of(chosen().get(p)), gt, allObjects));
    }
    Plots.scatter(png, "Ingest cost vs query latency (viable() configurations())",
        "ingest cost (cheap CNN cpu per object / GT-CNN's)", "query latency (GT cpu per query / GT on every object)",
        points, lines, true, true);
  }

  private static Plots.Series series(String name, List<TunedConfiguration> cs, double gt, double allObjects) {
    double[] x = cs.stream().mapToDouble(c -> c.ingestCpuPerObject() / gt).toArray();
    double[] y = cs.stream().mapToDouble(c -> Math.max(c.queryCpu(), 1e-9) / allObjects).toArray();
    return new Plots.Series(name, x, y);
  }
}
