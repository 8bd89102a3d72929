package io.tributary.skew.study;

import io.tributary.common.data.CifarReader;
import io.tributary.common.data.DatasetLocator;
import io.tributary.common.data.IdxReader;
import io.tributary.common.data.LabeledDataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads the study's datasets by name, normalised per channel, keeping the first {@code n} samples
 * of each class of each split (deterministic; the readers' order), and caches them per JVM so the
 * K tasks of a run, and the runs of a study, in one executor read the data once.
 *
 * <p>Names: {@code cifar10} (the CIFAR-10 JPEG tar in the shared data), {@code cifar10:<path>} (a
 * CIFAR-10 tar, image folder or binary-batch directory), {@code fashion-mnist}, {@code mnist},
 * {@code idx:<dir>} (a directory of the four IDX files).
 */
public final class DatasetSource {
  private static final Map<String, Splits> CACHE = new ConcurrentHashMap<>();

  private DatasetSource() {}

  /** A training and a test split. */
  public record Splits(LabeledDataset train, LabeledDataset test) {}

  /**
   * The splits of {@code dataset}, at most {@code trainPerClass} / {@code testPerClass} samples per
   * class (0 = all).
   *
   * @throws IllegalArgumentException for an unknown name
   * @throws UncheckedIOException when the files are missing or malformed (naming them)
   */
  public static Splits load(String dataset, int trainPerClass, int testPerClass) {
    String key = dataset + "|" + trainPerClass + "|" + testPerClass;
    Splits cached = CACHE.get(key);
    if (cached != null) {
      return cached;
    }
    synchronized (DatasetSource.class) {
      return CACHE.computeIfAbsent(key, k -> read(dataset, trainPerClass, testPerClass));
    }
  }

  /** Fails early, on the driver, when a dataset name is unknown or its files are absent. */
  public static void check(String dataset) {
    source(dataset);
  }

  private record Source(String kind, Path path) {}

  private static Source source(String dataset) {
    String d = dataset.trim();
    String lower = d.toLowerCase(Locale.ROOT);
    int colon = d.indexOf(':');
    String kind = colon < 0 ? lower : lower.substring(0, colon);
    String arg = colon < 0 ? null : d.substring(colon + 1).trim();
    switch (kind) {
      case "cifar10", "cifar-10" -> {
        Path p = arg != null ? Path.of(arg) : DatasetLocator.cifar10Tar().orElseThrow(() -> new IllegalArgumentException(
            "dataset cifar10: the CIFAR-10 tar is not in the shared data (expected "
                + "<repo>/../shared/data/cifar10/cifar10-jpg.tar, or set -Dtributary.shared.data); "
                + "give a path with cifar10:<path>"));
        if (!Files.exists(p)) {
          throw new IllegalArgumentException("dataset " + dataset + ": " + p + " does not exist");
        }
        return new Source("cifar10", p);
      }
      case "fashion-mnist", "fashionmnist" -> {
        Path p = arg != null ? Path.of(arg) : DatasetLocator.fashionMnist().orElseThrow(() ->
            new IllegalArgumentException("dataset fashion-mnist: not installed in "
                + DatasetLocator.FASHION_MNIST_SYSTEM_DIR + " (run scripts/fetch-data.sh)"));
        return new Source("fashion-mnist", p);
      }
      case "mnist" -> {
        Path p = arg != null ? Path.of(arg) : DatasetLocator.mnist().orElseThrow(() ->
            new IllegalArgumentException("dataset mnist: not installed in <repo>/.data/mnist (run "
                + "scripts/fetch-data.sh)"));
        return new Source("mnist", p);
      }
      case "idx" -> {
        if (arg == null) {
          throw new IllegalArgumentException("dataset idx needs a directory: idx:<dir>");
        }
        return new Source("idx", Path.of(arg));
      }
      default -> throw new IllegalArgumentException("unknown dataset '" + dataset
          + "' (expected cifar10, cifar10:<path>, fashion-mnist, mnist or idx:<dir>)");
    }
  }

  private static Splits read(String dataset, int trainPerClass, int testPerClass) {
    Source s = source(dataset);
    try {
      LabeledDataset train;
      LabeledDataset test;
      float[] mean;
      float[] std;
      if (s.kind().equals("cifar10")) {
        train = CifarReader.read(s.path(), true, trainPerClass);
        test = CifarReader.read(s.path(), false, testPerClass);
        mean = new float[] {0.4914f, 0.4822f, 0.4465f};
        std = new float[] {0.2470f, 0.2435f, 0.2616f};
      } else {
        train = firstPerClass(readIdx(s.path(), true), trainPerClass);
        test = firstPerClass(readIdx(s.path(), false), testPerClass);
        boolean fashion = s.kind().equals("fashion-mnist");
        mean = new float[] {fashion ? 0.2860f : 0.1307f};
        std = new float[] {fashion ? 0.3530f : 0.3081f};
      }
      if (train.size() == 0 || test.size() == 0) {
        throw new IllegalArgumentException("dataset " + dataset + " has an empty split (" + train.size() + " train, "
            + test.size() + " test samples)");
      }
      return new Splits(train.normalized(mean, std), test.normalized(mean, std));
    } catch (IOException e) {
      throw new UncheckedIOException("dataset " + dataset + " (" + s.path() + "): " + e.getMessage(), e);
    }
  }

  private static LabeledDataset readIdx(Path dir, boolean train) throws IOException {
    String images = train ? "train-images-idx3-ubyte" : "t10k-images-idx3-ubyte";
    String labels = train ? "train-labels-idx1-ubyte" : "t10k-labels-idx1-ubyte";
    return IdxReader.readPair(idxFile(dir, images), idxFile(dir, labels));
  }

  private static Path idxFile(Path dir, String base) throws IOException {
    for (Path p : List.of(dir.resolve(base), dir.resolve(base + ".gz"))) {
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new NoSuchFileException(dir.resolve(base) + "[.gz]", null, "IDX file missing");
  }

  /** The first {@code limit} samples of each class, in order (all when {@code limit <= 0}). */
  static LabeledDataset firstPerClass(LabeledDataset ds, int limit) {
    return ds.firstPerClass(limit);
  }
}
