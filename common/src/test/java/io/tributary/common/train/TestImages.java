package io.tributary.common.train;

import io.tributary.common.data.LabeledDataset;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Test-only loader for the real image sets the build machine has: Fashion-MNIST (Debian package,
 * IDX .gz under /usr/share/datasets/fashion-mnist) or MNIST (raw IDX under {@code <repo>/.data/mnist},
 * installed by scripts/fetch-data.sh). A minimal IDX reader kept here so these tests do not wait
 * for the data package's reader; switch to {@code io.tributary.common.data.IdxReader} once merged.
 */
final class TestImages {
  static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");
  static final List<String> FASHION_CLASSES = List.of("t-shirt", "trouser", "pullover", "dress", "coat", "sandal",
      "shirt", "sneaker", "bag", "ankle-boot");

  private TestImages() {}

  /** A train and test split, normalised per the set's pixel mean/std, or null if neither set is installed. */
  record Split(String name, LabeledDataset train, LabeledDataset test) {}

  static Split load() throws IOException {
    if (Files.isReadable(FASHION.resolve("train-images-idx3-ubyte.gz"))) {
      return new Split("fashion-mnist",
          read(FASHION, "train", ".gz", "fashion-mnist-train", FASHION_CLASSES, 0.2860f, 0.3530f),
          read(FASHION, "t10k", ".gz", "fashion-mnist-test", FASHION_CLASSES, 0.2860f, 0.3530f));
    }
    Path repo = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
    Path mnist = repo == null ? null : repo.resolve(".data/mnist");
    if (mnist != null && Files.isReadable(mnist.resolve("train-images-idx3-ubyte"))) {
      List<String> digits = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
      return new Split("mnist", read(mnist, "train", "", "mnist-train", digits, 0.1307f, 0.3081f),
          read(mnist, "t10k", "", "mnist-test", digits, 0.1307f, 0.3081f));
    }
    return null;
  }

  private static LabeledDataset read(Path dir, String prefix, String suffix, String name, List<String> classes,
      float mean, float std) throws IOException {
    byte[] pixels;
    int rows;
    int cols;
    try (DataInputStream in = open(dir.resolve(prefix + "-images-idx3-ubyte" + suffix))) {
      if (in.readInt() != 0x00000803) {
        throw new IOException(dir + "/" + prefix + " images: not an IDX3 ubyte file");
      }
      int n = in.readInt();
      rows = in.readInt();
      cols = in.readInt();
      pixels = new byte[n * rows * cols];
      in.readFully(pixels);
    }
    int[] labels;
    try (DataInputStream in = open(dir.resolve(prefix + "-labels-idx1-ubyte" + suffix))) {
      if (in.readInt() != 0x00000801) {
        throw new IOException(dir + "/" + prefix + " labels: not an IDX1 ubyte file");
      }
      labels = new int[in.readInt()];
      for (int i = 0; i < labels.length; i++) {
        labels[i] = in.readUnsignedByte();
      }
    }
    return LabeledDataset.ofBytes(name, new int[] {1, rows, cols}, classes, pixels, labels)
        .normalized(new float[] {mean}, new float[] {std});
  }

  private static DataInputStream open(Path p) throws IOException {
    InputStream raw = Files.newInputStream(p);
    return new DataInputStream(new java.io.BufferedInputStream(
        p.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw, 1 << 16));
  }
}
