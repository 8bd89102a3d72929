package io.tributary.common.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.SoftReference;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the real datasets installed beside the project, so tests and demos can use them when
 * present and skip (or fall back) when not. Nothing here downloads anything; see
 * {@code scripts/fetch-data.sh} for how they get installed.
 *
 * <ul>
 *   <li>Fashion-MNIST: IDX {@code .gz} files in {@code /usr/share/datasets/fashion-mnist}
 *       (Debian package {@code dataset-fashion-mnist}), or {@code -Dtributary.fashion-mnist=DIR}.</li>
 *   <li>MNIST: raw IDX files in {@code <repo>/.data/mnist}, or {@code -Dtributary.mnist=DIR}.</li>
 *   <li>Shared third-party data (CIFAR-10 JPEG tar, 20 Newsgroups, videos, ONNX models): system
 *       property {@code tributary.shared.data}, else environment variable
 *       {@code TRIBUTARY_SHARED_DATA}, else {@code <repo>/../shared/data}.</li>
 * </ul>
 * The repository root is system property {@code tributary.root}, else the nearest directory at or
 * above the working directory holding both the {@code tributary} launcher and a {@code pom.xml}.
 *
 * <p>Loaded datasets are cached (softly) per path: they are immutable, and several tests in one
 * JVM commonly want the same split.
 */
public final class DatasetLocator {
  /** Where the Debian package installs Fashion-MNIST. */
  public static final Path FASHION_MNIST_SYSTEM_DIR = Path.of("/usr/share/datasets/fashion-mnist");

  private static final Map<String, SoftReference<LabeledDataset>> CACHE = new ConcurrentHashMap<>();

  private DatasetLocator() {}

  /** The repository root, if it can be found. */
  public static Optional<Path> repoRoot() {
    String prop = System.getProperty("tributary.root");
    if (prop != null && !prop.isBlank()) {
      return Optional.of(Path.of(prop).toAbsolutePath().normalize());
    }
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("tributary")) && Files.isRegularFile(p.resolve("pom.xml"))) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** The Fashion-MNIST directory, if it holds the four IDX files. */
  public static Optional<Path> fashionMnist() {
    String prop = System.getProperty("tributary.fashion-mnist");
    Path dir = prop != null && !prop.isBlank() ? Path.of(prop) : FASHION_MNIST_SYSTEM_DIR;
    return hasIdxSplits(dir) ? Optional.of(dir) : Optional.empty();
  }

  /** The MNIST directory, if it holds the four IDX files. */
  public static Optional<Path> mnist() {
    String prop = System.getProperty("tributary.mnist");
    Optional<Path> dir = prop != null && !prop.isBlank() ? Optional.of(Path.of(prop))
        : repoRoot().map(r -> r.resolve(".data").resolve("mnist"));
    return dir.filter(DatasetLocator::hasIdxSplits);
  }

  /** The shared data directory, if it exists. */
  public static Optional<Path> sharedData() {
    String prop = System.getProperty("tributary.shared.data");
    String env = System.getenv("TRIBUTARY_SHARED_DATA");
    Optional<Path> dir;
    if (prop != null && !prop.isBlank()) {
      dir = Optional.of(Path.of(prop));
    } else if (env != null && !env.isBlank()) {
      dir = Optional.of(Path.of(env));
    } else {
      dir = repoRoot().map(r -> r.resolve("..").resolve("shared").resolve("data"));
    }
    return dir.map(p -> p.toAbsolutePath().normalize()).filter(Files::isDirectory);
  }

  /** A file under the shared data directory, if present, e.g. {@code shared("cifar10/cifar10-jpg.tar")}. */
  public static Optional<Path> shared(String relative) {
    return sharedData().map(d -> d.resolve(relative)).filter(Files::exists);
  }

  /** The CIFAR-10 JPEG tar in the shared data, if present. */
  public static Optional<Path> cifar10Tar() {
    return shared("cifar10/cifar10-jpg.tar");
  }

  /** The 20 Newsgroups "bydate" tar.gz in the shared data, if present. */
  public static Optional<Path> newsgroupsTar() {
    return shared("text/20news-bydate.tar.gz");
  }

  /**
   * Loads a Fashion-MNIST split.
   *
   * @throws IllegalStateException when Fashion-MNIST is not installed
   */
  public static LabeledDataset loadFashionMnist(boolean train) throws IOException {
    Path dir = fashionMnist().orElseThrow(() -> new IllegalStateException("Fashion-MNIST not found in "
        + FASHION_MNIST_SYSTEM_DIR + " (install it with scripts/fetch-data.sh)"));
    return loadIdx(dir, train);
  }

  /**
   * Loads an MNIST split.
   *
   * @throws IllegalStateException when MNIST is not installed
   */
  public static LabeledDataset loadMnist(boolean train) throws IOException {
    Path dir = mnist().orElseThrow(() -> new IllegalStateException("MNIST not found in "
        + repoRoot().map(r -> r.resolve(".data/mnist").toString()).orElse("<repo>/.data/mnist")
        + " (install it with scripts/fetch-data.sh)"));
    return loadIdx(dir, train);
  }

  /** Fashion-MNIST if installed, else MNIST if installed, else empty. */
  public static Optional<LabeledDataset> realImageDataset(boolean train) throws IOException {
    if (fashionMnist().isPresent()) {
      return Optional.of(loadFashionMnist(train));
    }
    if (mnist().isPresent()) {
      return Optional.of(loadMnist(train));
    }
    return Optional.empty();
  }

  private static LabeledDataset loadIdx(Path dir, boolean train) throws IOException {
    Path images = idxFile(dir, train ? "train-images-idx3-ubyte" : "t10k-images-idx3-ubyte");
    Path labels = idxFile(dir, train ? "train-labels-idx1-ubyte" : "t10k-labels-idx1-ubyte");
    String key = images.toAbsolutePath().toString();
    SoftReference<LabeledDataset> ref = CACHE.get(key);
    LabeledDataset ds = ref == null ? null : ref.get();
    if (ds == null) {
      ds = IdxReader.readPair(images, labels);
      CACHE.put(key, new SoftReference<>(ds));
    }
    return ds;
  }

  private static boolean hasIdxSplits(Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    for (String base : new String[] {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
        "t10k-labels-idx1-ubyte"}) {
      if (!Files.isRegularFile(dir.resolve(base)) && !Files.isRegularFile(dir.resolve(base + ".gz"))) {
        return false;
      }
    }
    return true;
  }

  private static Path idxFile(Path dir, String base) {
    Path raw = dir.resolve(base);
    if (Files.isRegularFile(raw)) {
      return raw;
    }
    Path gz = dir.resolve(base + ".gz");
    if (Files.isRegularFile(gz)) {
      return gz;
    }
    throw new UncheckedIOException(new NoSuchFileException(raw + "[.gz]"));
  }
}
