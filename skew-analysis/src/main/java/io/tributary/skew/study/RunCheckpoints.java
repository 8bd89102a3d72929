package io.tributary.skew.study;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.common.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finished runs saved as JSON files, so an interrupted study or SkewScout bench resumes where it
 * stopped. A file holds its kind, a format version, the run's configuration as flat text (what it
 * is matched against) and the result's fields; it is written atomically and read back field by
 * field into the result records, so a damaged or foreign file can only fail to load (and the run
 * is re-run), never make the reader build anything else. Files of older versions (Java-serialised
 * {@code .bin}) are not read.
 */
public final class RunCheckpoints {
  /** The file name extension of checkpoints. */
  public static final String EXTENSION = ".json";
  /** A checkpoint's largest size: results are a few KiB; a larger file is not one of ours. */
  public static final long MAX_BYTES = 64L << 20;
  static final int VERSION = 1;

  /** Jackson maps the result records by their components; unknown fields are errors. */
  public static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private RunCheckpoints() {}

  /** What a {@link RunResult} holds besides its configuration, as Jackson maps it. */
  public record Fields(String error, int trainSamples, int testSamples, int[] partitionSizes,
      String partitionHistogram,
      long steps, double seconds, boolean diverged, double[] curveEpoch, double[] curveTop1, double[] curveTrainLoss,
      double[] curveTrainAccuracy, long[] curveBytes, double top1, double top1AveragedModel,
          double[] top1PerPartition,
      long bytes, long[] bytesPerPartition, long messages, double bnDivergence, double[] bnDivergencePerChannel,
      Map<String, Double> diagnostics) {

    static Fields of(RunResult r) {
      return new Fields(r.error(), r.trainSamples(), r.testSamples(), r.partitionSizes(), r.partitionHistogram(),
          r.steps(), r.seconds(), r.diverged(), r.curveEpoch(), r.curveTop1(), r.curveTrainLoss(),
          r.curveTrainAccuracy(), r.curveBytes(), r.top1(), r.top1AveragedModel(), r.top1PerPartition(), r.bytes(),
          r.bytesPerPartition(), r.messages(), r.bnDivergence(), r.bnDivergencePerChannel(), r.diagnostics());
    }

    RunResult with(StudyRun run) {
      return new RunResult(run, error,
          new RunResult.Execution(trainSamples, testSamples, partitionSizes, partitionHistogram, steps, seconds,
              diverged),
          new RunResult.Curve(curveEpoch, curveTop1, curveTrainLoss, curveTrainAccuracy, curveBytes),
          new RunResult.Accuracy(top1, top1AveragedModel, top1PerPartition),
          new RunResult.Traffic(bytes, bytesPerPartition, messages),
          new RunResult.BatchNorm(bnDivergence, bnDivergencePerChannel),
          diagnostics == null ? Map.of() : diagnostics);
    }
  }

  /** {@code r}'s fields (without its configuration) as JSON. */
  public static JsonNode resultJson(RunResult r) {
    return JSON.valueToTree(Fields.of(r));
  }

  /** The result of {@code run} from JSON written by {@link #resultJson}; errors start with {@code where}. */
  public static RunResult result(JsonNode n, StudyRun run, String where) throws IOException {
    try {
      Fields f = JSON.treeToValue(n, Fields.class);
      if (f == null) {
        throw new IOException(where + ": no result");
      }
      return f.with(run);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new IOException(where + ": malformed result: " + e.getMessage(), e);
    }
  }

  /** The file of a run whose configuration is {@code config}, named by its id and the configuration's hash. */
  public static Path file(Path dir, String id, Map<String, String> config) {
    // The hash, so a changed grid never resumes from a stale run (the file's config is compared too).
    return dir.resolve(id + "-" + Integer.toHexString(config.toString().hashCode()) + EXTENSION);
  }

  /**
   * Saves a checkpoint atomically.
   *
   * @param kind what it holds (e.g. {@code study-run}); loading checks it
   * @param config the run's configuration, compared on loading
   * @param body the result's fields, stored beside the header
   */
  public static void save(Path file, String kind, Map<String, String> config, Map<String, JsonNode> body)
      throws IOException {
    ObjectNode o = JSON.createObjectNode();
    o.put("kind", kind);
    o.put("version", VERSION);
    o.set("config", JSON.valueToTree(config));
    body.forEach(o::set);
    byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(o);
    AtomicFiles.writeBytes(file, bytes);
  }

  /**
   * Loads a checkpoint: empty when there is none or it was saved for another configuration; the
   * object (with its body fields) otherwise.
   *
   * @throws IOException naming the file when it is not a checkpoint of {@code kind} this version reads
   */
  public static Optional<JsonNode> load(Path file, String kind, Map<String, String> config) throws IOException {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes((int) MAX_BYTES + 1);
    }
    if (bytes.length > MAX_BYTES) {
      throw new IOException("checkpoint " + file + " is larger than " + MAX_BYTES + " bytes");
    }
    JsonNode o;
    try {
      o = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new IOException("checkpoint " + file + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (o == null || !o.isObject() || !kind.equals(o.path("kind").asText()) || o.path("version").asInt(-1) != VERSION) {
      throw new IOException("checkpoint " + file + " is not a version-" + VERSION + " " + kind + " checkpoint");
    }
    Map<String, String> saved = new LinkedHashMap<>();
    o.path("config").fields().forEachRemaining(e -> saved.put(e.getKey(), e.getValue().asText()));
    return saved.equals(config) ? Optional.of(o) : Optional.empty();
  }
}
