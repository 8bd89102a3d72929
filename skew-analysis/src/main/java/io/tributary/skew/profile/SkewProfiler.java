package io.tributary.skew.profile;

import io.tributary.common.config.Settings;
import io.tributary.common.data.LabeledDataset;
import io.tributary.common.io.AtomicFiles;
import io.tributary.common.model.Architecture;
import io.tributary.common.model.ModelSpec;
import io.tributary.common.model.Replica;
import io.tributary.common.report.CsvTable;
import io.tributary.common.report.Plots;
import io.tributary.common.report.Summary;
import io.tributary.common.scout.AccuracyLossMatrix;
import io.tributary.common.scout.LabelSkew;
import io.tributary.common.scout.Objective;
import io.tributary.common.train.MomentumSgd;
import io.tributary.skew.SkewSpark;
import io.tributary.skew.options.ProfileOptions;
import io.tributary.skew.options.SkewTrainingOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.sql.SparkSession;

/**
 * {@code tributary skew profile}: how skewed are a user's partitions, before they trust a
 * decentralized deployment with them. From the labels alone: per-partition label histograms,
 * pairwise Jensen-Shannon divergence and earth mover's distance of the label distributions, each
 * partition's distance from the pooled distribution, and quantity skew. Given a model (a model
 * file or a built-in architecture), the accuracy-loss matrix by model traveling: every
 * partition trains its own copy on its own data, then every copy is evaluated on a sample of
 * every partition (as SkewScout does during training). Writes CSV tables, heat maps, {@code
 * summary.json} and {@code report.txt}.
 */
public final class SkewProfiler {
  private static final int EVAL_BATCH = 250;

  private SkewProfiler() {}

  /** Profiles {@code options.partitions()} and writes the report to {@code options.out()}. */
  public static SkewProfile profile(Settings o, PrintStream out) throws IOException {
    boolean parquet = false;
    for (Path p : o.get(ProfileOptions.PARTITIONS)) {
      if (Files.exists(p) && PartitionLoader.isParquet(p)) {
        // Before Spark starts: a file that is not Parquet gets one line naming it, not Spark's task failures.
        PartitionLoader.checkParquetMagic(p);
        parquet = true;
      }
    }
    SparkSession spark = null;
    PartitionLoader.Partitions parts;
    try {
      if (parquet) {
        SkewSpark.limitEngineThreads();
        spark = SkewSpark.session("tributary-skew-profile", SkewSpark.master(o.get(SkewTrainingOptions.MASTER), "local[" + Runtime.getRuntime().availableProcessors() + "]"), 2);
      }
      parts = PartitionLoader.load(spark, o, ProfileOptions.wantsAccuracyLoss(o));
    } finally {
      if (spark != null) {
        spark.stop();
      }
    }
    List<Path> paths = parts.partitions().stream().map(PartitionLoader.Loaded::path).toList();
    long[][] h = parts.partitions().stream().map(PartitionLoader.Loaded::histogram).toArray(long[][]::new);
    SkewProfile profile = SkewProfile.of(paths, parts.classNames(), h);
    if (ProfileOptions.wantsAccuracyLoss(o)) {
      List<LabeledDataset> data = parts.partitions().stream().map(PartitionLoader.Loaded::data).toList();
      profile = accuracyLoss(profile, data, o, out);
    }
    write(profile, o.require(SkewTrainingOptions.OUT), out);
    return profile;
  }

  /**
   * The accuracy-loss matrix by model traveling: partition i's copy of the model (trained
   * {@code localSteps} momentum-SGD steps on partition i's data, from the given weights) is
   * evaluated on a seeded sample of every partition j.
   */
  static SkewProfile accuracyLoss(SkewProfile profile, List<LabeledDataset> data, Settings o, PrintStream out) {
    LabeledDataset first = data.get(0);
    long seed = o.get(SkewTrainingOptions.SEED);
    int steps = o.get(ProfileOptions.LOCAL_STEPS);
    double lr = o.get(ProfileOptions.LR);
    int batch = o.get(SkewTrainingOptions.BATCH_SIZE) != null ? o.get(SkewTrainingOptions.BATCH_SIZE)
        : ProfileOptions.DEFAULT_BATCH;
    int sample = o.get(ProfileOptions.SAMPLE);
    if (steps < 0 || batch < 1 || sample < 1 || !(lr > 0)) {
      throw new IllegalArgumentException("local steps must be >= 0, batch and sample >= 1, learning rate > 0");
    }
    ModelSpec spec;
    Replica base;
    if (o.get(ProfileOptions.MODEL) != null) {
      if (!Files.isRegularFile(o.get(ProfileOptions.MODEL))) {
        throw new IllegalArgumentException("model file " + o.get(ProfileOptions.MODEL) + " does not exist");
      }
      base = Replica.load(o.get(ProfileOptions.MODEL));
      spec = base.spec();
      if (!Arrays.equals(spec.inputShape(), first.sampleShape()) || spec.numClasses() != first.numClasses()) {
        base.close();
        throw new IllegalArgumentException("model " + o.get(ProfileOptions.MODEL) + " takes " + Arrays.toString(spec.inputShape())
            + " inputs and " + spec.numClasses() + " classes, but the partitions hold "
            + Arrays.toString(first.sampleShape()) + " samples of " + first.numClasses() + " classes");
      }
    } else {
      spec = new ModelSpec(Architecture.parse(o.get(ProfileOptions.ARCHITECTURE)), first.sampleShape(), first.numClasses());
      base = Replica.create(spec, seed);
    }
    int n = data.size();
    double[][] acc = new double[n][n];
    List<LabeledDataset> samples = new ArrayList<>();
    for (int j = 0; j < n; j++) {
      samples.add(sample(data.get(j), sample, seed + j));
    }
    float[] init = base.parameters();
    float[] initState = base.state();
    try (Replica r = base) {
      for (int i = 0; i < n; i++) {
        r.setParameters(init);
        if (initState.length > 0) {
          r.setState(initState);
        }
        train(r, data.get(i), steps, lr, batch, seed * 31 + i);
        for (int j = 0; j < n; j++) {
          acc[i][j] = r.evaluate(samples.get(j), EVAL_BATCH).top1();
        }
        out.printf(Locale.ROOT, "[skew profile] model of partition %d: %s%n", i, Arrays.toString(
            Arrays.stream(acc[i]).map(a -> Math.round(a * 1000) / 1000.0).toArray()));
      }
    }
    String description = (o.get(ProfileOptions.MODEL) != null ? "model " + o.get(ProfileOptions.MODEL) : "architecture " + spec.architecture().id())
        + String.format(Locale.ROOT, ", %d local steps (lr %.3g, batch %d, momentum 0.9) per partition, "
            + "evaluated on %d samples per partition, seed %d", steps, lr, batch, sample, seed);
    return profile.withAccuracyLoss(AccuracyLossMatrix.of(acc), description);
  }

  private static void train(Replica r, LabeledDataset d, int steps, double lr, int batch, long seed) {
    MomentumSgd sgd = new MomentumSgd(0.9, 0);
    float[] w = r.parameters();
    SplittableRandom random = new SplittableRandom(seed);
    for (int s = 0; s < steps; s++) {
      int[] b = new int[Math.min(batch, d.size())];
      for (int i = 0; i < b.length; i++) {
        b[i] = random.nextInt(d.size());
      }
      sgd.step(w, r.gradient(d, b).values(), lr);
      r.setParameters(w);
    }
  }

  private static LabeledDataset sample(LabeledDataset d, int m, long seed) {
    if (d.size() <= m) {
      return d;
    }
    int[] idx = new int[d.size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < m; i++) {
      int j = i + r.nextInt(idx.length - i);
      int t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }
    int[] pick = Arrays.copyOf(idx, m);
    Arrays.sort(pick);
    return d.subset(pick);
  }

  /** Writes the profile's tables, heat maps, summary and report to {@code dir}, and prints the report. */
  static void write(SkewProfile p, Path dir, PrintStream out) throws IOException {
    Files.createDirectories(dir);
    int n = p.paths().size();
    List<String> parts = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      parts.add("P" + k);
    }
    StringBuilder text = new StringBuilder();
    text.append(String.format(Locale.ROOT, "Skew profile of %d partitions, %d classes, %d samples%n", n,
        p.classNames().size(), Arrays.stream(p.quantity().sizes()).sum()));
    List<String> cols = new ArrayList<>(List.of("partition", "path", "samples", "share", "js_vs_pooled",
        "emd_vs_pooled"));
    cols.addAll(p.classNames());
    CsvTable hist = new CsvTable(cols.toArray(String[]::new));
    long total = Arrays.stream(p.quantity().sizes()).sum();
    double[][] shares = new double[n][];
    for (int k = 0; k < n; k++) {
      List<Object> row = new ArrayList<>(List.of(parts.get(k), p.paths().get(k).toString(), p.quantity().sizes()[k],
          total == 0 ? 0.0 : p.quantity().sizes()[k] / (double) total, p.jensenShannonToPooled()[k],
          p.earthMoversToPooled()[k]));
      for (long c : p.histograms()[k]) {
        row.add(c);
      }
      hist.add(row.toArray());
      shares[k] = LabelSkew.distribution(p.histograms()[k]);
    }
    hist.write(dir.resolve("histograms.csv"));
    text.append("\nLabel histograms (js/emd: distance of the partition's labels from the pooled labels):\n")
        .append(hist.toText());

    CsvTable pairs = new CsvTable("partition_a", "partition_b", "jensen_shannon", "earth_movers");
    for (int a = 0; a < n; a++) {
      for (int b = a + 1; b < n; b++) {
        pairs.add(parts.get(a), parts.get(b), p.jensenShannon()[a][b], p.earthMovers()[a][b]);
      }
    }
    pairs.write(dir.resolve("divergence.csv"));
    text.append("\nPairwise label divergence (Jensen-Shannon in bits, 0..1; earth mover's sum|p-q|, 0..2):\n")
        .append(pairs.toText());
    text.append(String.format(Locale.ROOT, "%nMean pairwise Jensen-Shannon %.3f, earth mover's %.3f%n",
        p.meanJensenShannon(), p.meanEarthMovers()));
    text.append(String.format(Locale.ROOT, "Quantity skew: sizes %s, coefficient of variation %.3f, largest/smallest "
        + "%.2f, largest share %.3f%n", Arrays.toString(p.quantity().sizes()), p.quantity().coefficientOfVariation(),
        p.quantity().maxOverMin(), p.quantity().largestShare()));

    Plots.heatMap(dir.resolve("label_shares.png"), "Label share per partition", parts, p.classNames(), shares);
    Plots.heatMap(dir.resolve("jensen_shannon.png"), "Pairwise Jensen-Shannon divergence of labels", parts, parts,
        p.jensenShannon());

    Summary s = new Summary();
    s.put("partitions", (long) n);
    s.put("classes", (long) p.classNames().size());
    s.put("samples", total);
    s.put("mean_jensen_shannon", p.meanJensenShannon());
    s.put("max_jensen_shannon", max(p.jensenShannon()));
    s.put("mean_earth_movers", p.meanEarthMovers());
    s.put("max_earth_movers", max(p.earthMovers()));
    s.put("quantity_cv", p.quantity().coefficientOfVariation());
    s.put("quantity_max_over_min", p.quantity().maxOverMin());
    s.put("largest_share", p.quantity().largestShare());

    if (p.accuracyLoss() != null) {
      AccuracyLossMatrix m = p.accuracyLoss();
      CsvTable al = new CsvTable(headers("model\\data", parts));
      CsvTable accTable = new CsvTable(headers("model\\data", parts));
      for (int i = 0; i < n; i++) {
        List<Object> r1 = new ArrayList<>(List.of(parts.get(i)));
        List<Object> r2 = new ArrayList<>(List.of(parts.get(i)));
        for (int j = 0; j < n; j++) {
          r1.add(m.loss()[i][j]);
          r2.add(m.accuracy()[i][j]);
        }
        al.add(r1.toArray());
        accTable.add(r2.toArray());
      }
      al.write(dir.resolve("accuracy_loss.csv"));
      accTable.write(dir.resolve("accuracy.csv"));
      double[][] points = m.loss();
      for (double[] row : points) {
        for (int j = 0; j < row.length; j++) {
          row[j] *= 100;
        }
      }
      Plots.heatMap(dir.resolve("accuracy_loss.png"), "Accuracy loss by model traveling (points): model of row "
          + "evaluated on data of column", parts, parts, points);
      text.append("\nAccuracy-loss matrix by model traveling (").append(p.modelDescription()).append("):\n")
          .append("row i, column j: accuracy of partition i's model on its own data minus on partition j's data\n")
          .append(al.toText());
      text.append(String.format(Locale.ROOT, "Mean accuracy loss %.1f points, largest %.1f points%n",
          100 * m.meanLoss(), 100 * m.maxLoss()));
      boolean high = m.meanLoss() > Objective.DEFAULT_SIGMA;
      text.append(high ? String.format(Locale.ROOT, "The partitions' models lose more than %.0f points on each "
          + "other's data: expect decentralized algorithms that communicate rarely to lose accuracy here; prefer "
          + "GroupNorm over BatchNorm and let SkewScout tune the communication (tributary skew scout).%n",
          100 * Objective.DEFAULT_SIGMA)
          : String.format(Locale.ROOT, "The models lose at most %.0f points on each other's data on average: "
              + "the partitions look close to IID to this model.%n", 100 * Objective.DEFAULT_SIGMA));
      s.put("mean_accuracy_loss", m.meanLoss());
      s.put("max_accuracy_loss", m.maxLoss());
    }
    s.write(dir.resolve("summary.json"));
    AtomicFiles.writeString(dir.resolve("report.txt"), text);
    out.print(text);
    out.println("[skew profile] wrote " + dir.toAbsolutePath() + " (histograms.csv, divergence.csv, "
        + (p.accuracyLoss() != null ? "accuracy_loss.csv, accuracy.csv, accuracy_loss.png, " : "")
        + "label_shares.png, jensen_shannon.png, summary.json, report.txt)");
  }

  private static String[] headers(String first, List<String> rest) {
    List<String> h = new ArrayList<>(List.of(first));
    h.addAll(rest);
    return h.toArray(String[]::new);
  }

  private static double max(double[][] m) {
    double best = 0;
    for (double[] r : m) {
      for (double v : r) {
        best = Math.max(best, v);
      }
    }
    return best;
  }
}
