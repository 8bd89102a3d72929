package io.tributary.focus.tune;

import io.tributary.focus.ingest.IngestConfig;
import io.tributary.focus.model.FocusModel;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * One point of the stream tuner's search (thesis §4.3.4): a specialised cheap CNN (architecture,
 * L_s and its classes, stored model folder), K, T and Skip_th, with what it costs and achieves on
 * the sample the parameters are chosen on.
 *
 * @param model the specialised cheap CNN
 * @param params K, T (and the quantile it was taken at) and Skip_th
 * @param measured its costs and accuracy on the selection sample
 * @param marginHeld whether its riskier neighbour (K - 1, a larger T) meets the targets too, the
 *     tuner's guard against a 99% that rests on a handful of frames
 */
public record TunedConfiguration(Model model, Params params, Measured measured, boolean marginHeld)
    implements Serializable {

  /**
   * The specialised cheap CNN.
   *
   * @param specialisedClasses L_s
   * @param modelDir folder of the trained specialised model ({@link TunedModels#load})
   * @param modelClasses the model's classes in output order (background, the top L_s classes, OTHER)
   */
  public record Model(CandidateArch arch, int specialisedClasses, String modelDir, List<String> modelClasses)
      implements Serializable {
    public Model {
      modelClasses = List.copyOf(modelClasses);
    }
  }

  /**
   * The ingest and query parameters.
   *
   * @param distanceQuantile the quantile of the model's successive-object distances T was taken at
   */
  public record Params(int topK, double distanceThreshold, double distanceQuantile, double skipThreshold)
      implements Serializable {}

  /**
   * What it costs and achieves on the sample the parameters are chosen on.
   *
   * @param ingestCpuPerObject measured CPU seconds of the cheap CNN per object (pre-processing included)
   * @param gtCallsPerQuery mean GT-CNN invocations on centroids over the query classes
   * @param queryCpu mean expected query CPU seconds (GT calls times the GT-CNN's measured cost per object)
   * @param precisionMin lowest frame precision over the query classes, against the GT-CNN
   * @param recallMin lowest frame recall over the query classes
   */
  public record Measured(double ingestCpuPerObject, double gtCallsPerQuery, double queryCpu, double precisionMin,
      double recallMin) implements Serializable {}

  public CandidateArch arch() {
    return model.arch();
  }

  public int specialisedClasses() {
    return model.specialisedClasses();
  }

  public String modelDir() {
    return model.modelDir();
  }

  public List<String> modelClasses() {
    return model.modelClasses();
  }

  public int topK() {
    return params.topK();
  }

  public double distanceThreshold() {
    return params.distanceThreshold();
  }

  public double distanceQuantile() {
    return params.distanceQuantile();
  }

  public double skipThreshold() {
    return params.skipThreshold();
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

  public double precisionMin() {
    return measured.precisionMin();
  }

  public double recallMin() {
    return measured.recallMin();
  }

  /** Whether it meets the targets. */
  public boolean meets(double precision, double recall) {
    return precisionMin() >= precision && recallMin() >= recall;
  }

  /** Whether it is at least as good as {@code o} in both costs and better in one. */
  public boolean dominates(TunedConfiguration o) {
    return ingestCpuPerObject() <= o.ingestCpuPerObject() && queryCpu() <= o.queryCpu()
        && (ingestCpuPerObject() < o.ingestCpuPerObject() || queryCpu() < o.queryCpu());
  }

  /** The specialised model as the ingest job takes it. */
  public FocusModel modelSpec() throws IOException {
    TunedModels.Stored s = TunedModels.load(Path.of(modelDir()));
    if (!s.classes().equals(modelClasses())) {
      throw new IOException("tuned model " + modelDir() + " has classes " + s.classes() + ", the configuration " + modelClasses());
    }
    return s.spec();
  }

  /** {@code base} with this configuration's K, T (and its C kept). */
  public IngestConfig ingestConfig(IngestConfig base) {
    return base.withTopK(topK()).withDistanceThreshold(distanceThreshold());
  }

  public String describe() {
    return String.format(Locale.ROOT, "%s L_s=%d K=%d T=%.3f (q%.2f) Skip_th=%s | ingest %.1f us/object, query %.1f GT calls"
        + " %.4f cpu s | P_min %.4f R_min %.4f", arch().name(), specialisedClasses(), topK(), distanceThreshold(), distanceQuantile(),
        skipThreshold() > 1 ? "off" : String.valueOf(skipThreshold()), ingestCpuPerObject() * 1e6, gtCallsPerQuery(), queryCpu(),
        precisionMin(), recallMin());
  }

  /** Writes it as properties the ingest and query read back with {@link #read} (atomically). */
  public void write(Path file, String comment, Properties extra) throws IOException {
    Properties p = new Properties();
    if (extra != null) {
      p.putAll(extra);
    }
    arch().store(p);
    p.setProperty("model.dir", Path.of(modelDir()).toAbsolutePath().toString());
    p.setProperty("model.classes", String.join(",", modelClasses()));
    p.setProperty("specialised_classes", String.valueOf(specialisedClasses()));
    p.setProperty("top_k", String.valueOf(topK()));
    p.setProperty("distance_threshold", String.valueOf(distanceThreshold()));
    p.setProperty("distance_quantile", String.valueOf(distanceQuantile()));
    p.setProperty("skip_threshold", String.valueOf(skipThreshold()));
    p.setProperty("ingest_cpu_s_per_object", String.valueOf(ingestCpuPerObject()));
    p.setProperty("gt_calls_per_query", String.valueOf(gtCallsPerQuery()));
    p.setProperty("query_cpu_s", String.valueOf(queryCpu()));
    p.setProperty("selection_precision_min", String.valueOf(precisionMin()));
    p.setProperty("selection_recall_min", String.valueOf(recallMin()));
    p.setProperty("margin_held", String.valueOf(marginHeld));
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (var out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      p.store(out, comment);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Reads what {@link #write} wrote; fails naming the file and the bad or missing field. */
  public static TunedConfiguration read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("tuned configuration " + file + " does not exist");
    }
    Properties p = new Properties();
    try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    }
    String where = "tuned configuration " + file;
    try {
      Model model = new Model(CandidateArch.load(p, where), Integer.parseInt(req(p, "specialised_classes", where)),
          req(p, "model.dir", where), List.of(req(p, "model.classes", where).split(",")));
      Params params = new Params(Integer.parseInt(req(p, "top_k", where)),
          Double.parseDouble(req(p, "distance_threshold", where)),
          Double.parseDouble(p.getProperty("distance_quantile", "NaN")), Double.parseDouble(req(p, "skip_threshold", where)));
      Measured measured = new Measured(Double.parseDouble(p.getProperty("ingest_cpu_s_per_object", "NaN")),
          Double.parseDouble(p.getProperty("gt_calls_per_query", "NaN")), Double.parseDouble(p.getProperty("query_cpu_s", "NaN")),
          Double.parseDouble(p.getProperty("selection_precision_min", "NaN")),
          Double.parseDouble(p.getProperty("selection_recall_min", "NaN")));
      return new TunedConfiguration(model, params, measured, Boolean.parseBoolean(p.getProperty("margin_held", "true")));
    } catch (NumberFormatException e) {
      throw new IOException(where + ": malformed number: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private static String req(Properties p, String key, String where) {
    String v = p.getProperty(key);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(where + " lacks '" + key + "'");
    }
    return v;
  }
}
