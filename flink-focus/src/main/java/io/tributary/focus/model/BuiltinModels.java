package io.tributary.focus.model;

import ai.djl.Model;
import io.tributary.common.io.AtomicFiles;
import io.tributary.common.model.Architecture;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * The project's trained built-in models, cached on disk keyed by a hash of everything that
 * determines them (architecture, classes, training data description, training settings), so tests,
 * benchmarks and the demo train each model once per machine. The cache root is
 * {@code -Dtributary.cache.dir}, else {@code $TRIBUTARY_CACHE}, else {@code ~/.cache/tributary}.
 * Model files are never part of the repository.
 */
public final class BuiltinModels {
  private static final String FORMAT = "focus-builtin-v2";

  private BuiltinModels() {}

  /** A trained built-in model on disk. */
  public record Stored(Path dir, String name, Architecture arch, List<String> classes, Properties info) {
    /** Opens it for inference. */
    public DjlCropModel open() throws IOException {
      return DjlCropModel.builtin(arch, dir, name, classes);
    }

    /** Its serialisable description (for Flink operators, which open it where they run). */
    public FocusModel spec() {
      return FocusModel.builtin(arch, dir, name, classes);
    }
  }

  public static Path cacheRoot() {
    String p = System.getProperty("tributary.cache.dir");
    if (p == null) {
      p = System.getenv("TRIBUTARY_CACHE");
    }
    return p != null ? Path.of(p) : Path.of(System.getProperty("user.home"), ".cache", "tributary");
  }

  /**
   * Loads the model for this configuration from the cache, training and storing it first if absent.
   *
   * @param dataDescription everything that determines the training data (generator config, seeds, ...)
   * @param data supplies the crops, called only when training is needed
   * @param validation supplies held-out crops for the accuracy recorded beside the model (may be null)
   */
  public static Stored trainOrLoad(String name, Architecture arch, List<String> classes,
      String dataDescription, CropTrainer.Settings settings, Supplier<List<LabeledCrop>> data,
      Supplier<List<LabeledCrop>> validation, PrintStream log) throws IOException {
    String key = FORMAT + "|" + name + "|" + arch.name() + " " + InputSpec.builtin(arch) + "|" + classes + "|" + dataDescription + "|" + settings.describe();
    String hash = sha256(key).substring(0, 16);
    Path dir = cacheRoot().resolve("focus-models").resolve(name + "-" + hash);
    Path infoFile = dir.resolve("info.properties");
    if (Files.isRegularFile(infoFile)) {
      Properties info = new Properties();
      try (var in = Files.newBufferedReader(infoFile, StandardCharsets.UTF_8)) {
        info.load(in);
      }
      if (log != null) {
        log.printf("model %s: cached at %s (validation accuracy %s)%n", name, dir, info.getProperty("validation_accuracy", "?"));
      }
      return new Stored(dir, name, arch, classes, info);
    }
    if (log != null) {
      log.printf("model %s: training %s for %s (%s)%n", name, arch.name(), classes, settings.describe());
    }
    Files.createDirectories(dir.getParent());
    Path tmp = Files.createTempDirectory(dir.getParent(), name + "-tmp");
    long t0 = System.nanoTime();
    List<LabeledCrop> train = data.get();
    Properties info = new Properties();
    try (Model m = CropTrainer.train(arch, classes, train, settings, log)) {
      double seconds = (System.nanoTime() - t0) / 1e9;
      m.save(tmp, name);
      info.setProperty("name", name);
      info.setProperty("arch", arch.name());
      info.setProperty("classes", String.join(",", classes));
      info.setProperty("training_crops", String.valueOf(train.size()));
      info.setProperty("training_seconds", String.format(Locale.ROOT, "%.1f", seconds));
      info.setProperty("settings", settings.describe());
      info.setProperty("data", dataDescription);
    } catch (RuntimeException e) {
      AtomicFiles.deleteRecursively(tmp);
      throw e;
    }
    Stored stored = new Stored(tmp, name, arch, classes, info);
    if (validation != null) {
      List<LabeledCrop> val = validation.get();
      try (DjlCropModel model = stored.open()) {
        double acc = CropTrainer.accuracy(model, val);
        info.setProperty("validation_accuracy", String.format(Locale.ROOT, "%.4f", acc));
        info.setProperty("validation_crops", String.valueOf(val.size()));
        if (log != null) {
          log.printf("model %s: validation accuracy %.4f on %d crops%n", name, acc, val.size());
        }
      }
    }
    try (var out = Files.newBufferedWriter(tmp.resolve("info.properties"), StandardCharsets.UTF_8)) {
      info.store(out, "tributary built-in model; key " + key);
    }
    try {
      Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
      AtomicFiles.deleteRecursively(tmp); // another process stored the same model first: use theirs
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, dir);
    }
    return new Stored(dir, name, arch, classes, info);
  }

  static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
