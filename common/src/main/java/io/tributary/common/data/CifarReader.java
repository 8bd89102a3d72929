package io.tributary.common.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads CIFAR-10 in either of its common forms into a byte-backed {@link LabeledDataset} of shape
 * {@code [3, 32, 32]}:
 * <ul>
 *   <li>the binary batches ({@code data_batch_1.bin} ... {@code data_batch_5.bin},
 *       {@code test_batch.bin}): records of 1 label byte + 3072 pixel bytes (1024 red, 1024 green,
 *       1024 blue, row-major), class names from {@code batches.meta.txt} when present;</li>
 *   <li>image folders {@code <root>/{train,test}/<class>/*.jpg|png}, extracted or straight from a
 *       tar archive such as {@code cifar10-jpg.tar} ({@code cifar10-jpg/{train,test}/<class>/NNNN.jpg}).</li>
 * </ul>
 */
public final class CifarReader {
  /** CIFAR-10's class names in label order. */
  public static final List<String> CIFAR10_CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog",
      "frog", "horse", "ship", "truck");
  /** Bytes per binary record: one label byte and a 3 x 32 x 32 image. */
  public static final int RECORD_BYTES = 1 + 3 * 32 * 32;

  private static final int[] SHAPE = {3, 32, 32};
  private static final Pattern SPLIT_ENTRY =
      Pattern.compile("^(.*/)?(train|test)/[^/]+/[^/]+\\.(?i:jpe?g|png)$");

  private CifarReader() {}

  /**
   * Reads any CIFAR-10 source: a directory of binary batches (or its {@code cifar-10-batches-bin}
   * sub-directory), an image folder containing {@code train/} and {@code test/}, or a tar archive
   * of such a folder. {@code limitPerClass > 0} keeps the first images of each class by file
   * name (image folders) or by record order (binary batches).
   */
  public static LabeledDataset read(Path path, boolean train, int limitPerClass) throws IOException {
    if (Files.isRegularFile(path)) {
      return readImageArchive(path, train, limitPerClass);
    }
    if (!Files.isDirectory(path)) {
      throw new NoSuchFileException(path.toString(), null, "no CIFAR-10 directory or archive here");
    }
    Path bin = Files.isDirectory(path.resolve("cifar-10-batches-bin")) ? path.resolve("cifar-10-batches-bin") : path;
    if (Files.exists(bin.resolve("test_batch.bin")) || Files.exists(bin.resolve("data_batch_1.bin"))) {
      LabeledDataset ds = readBinary(bin, train);
      return ds.firstPerClass(limitPerClass);
    }
    String split = train ? "train" : "test";
    for (Path root : List.of(path, path.resolve("cifar10-jpg"))) {
      if (Files.isDirectory(root.resolve(split))) {
        return readImageFolder(root, train, limitPerClass);
      }
    }
    throw new DatasetFormatException(path + ": not a CIFAR-10 source: expected data_batch_N.bin/test_batch.bin, or "
        + "an image folder with " + split + "/<class>/ sub-folders");
  }

  /** Reads the standard binary batches of one split from {@code dir}. */
  public static LabeledDataset readBinary(Path dir, boolean train) throws IOException {
    List<Path> batches = new ArrayList<>();
    if (train) {
      for (int i = 1; i <= 5; i++) {
        Path p = dir.resolve("data_batch_" + i + ".bin");
        if (Files.exists(p)) {
          batches.add(p);
        }
      }
    } else if (Files.exists(dir.resolve("test_batch.bin"))) {
      batches.add(dir.resolve("test_batch.bin"));
    }
    if (batches.isEmpty()) {
      throw new NoSuchFileException(dir.toString(), null,
          train ? "no data_batch_N.bin files" : "no test_batch.bin file");
    }
    return readBinaryBatches(batches, classNamesBeside(dir), "cifar10-" + (train ? "train" : "test"));
  }

  /** Reads the given binary batch files, in order, into one dataset. */
  public static LabeledDataset readBinaryBatches(List<Path> batches, List<String> classNames, String name)
      throws IOException {
    List<byte[]> raws = new ArrayList<>();
    long records = 0;
    for (Path b : batches) {
      byte[] raw;
      try (InputStream in = Inputs.open(b)) {
        raw = in.readAllBytes();
      } catch (EOFException e) {
        throw DatasetFormatException.of(b, "truncated: " + e.getMessage());
      }
      if (raw.length == 0 || raw.length % RECORD_BYTES != 0) {
        throw DatasetFormatException.of(b, "wrong size " + raw.length + " bytes: not a whole number of CIFAR-10 "
            + "records of " + RECORD_BYTES + " bytes (1 label byte + 3072 pixel bytes)"
            + (raw.length % RECORD_BYTES != 0 ? "; truncated, or not a CIFAR-10 batch" : ""));
      }
      raws.add(raw);
      records += raw.length / RECORD_BYTES;
    }
    int n = Math.toIntExact(records);
    byte[] pixels = new byte[n * (RECORD_BYTES - 1)];
    int[] labels = new int[n];
    int i = 0;
    for (int f = 0; f < raws.size(); f++) {
      byte[] raw = raws.get(f);
      for (int r = 0; r < raw.length / RECORD_BYTES; r++, i++) {
        int label = raw[r * RECORD_BYTES] & 0xFF;
        if (label >= classNames.size()) {
          throw DatasetFormatException.of(batches.get(f), "label " + label + " of record " + r + " is outside [0, "
              + classNames.size() + ")");
        }
        labels[i] = label;
        System.arraycopy(raw, r * RECORD_BYTES + 1, pixels, i * (RECORD_BYTES - 1), RECORD_BYTES - 1);
      }
      raws.set(f, null);
    }
    return LabeledDataset.ofBytes(name, SHAPE, classNames, pixels, labels);
  }

  /** Reads {@code <root>/{train|test}/<class>/*.jpg|png} from an extracted folder. */
  public static LabeledDataset readImageFolder(Path root, boolean train, int limitPerClass) throws IOException {
    String split = train ? "train" : "test";
    return reader(split, limitPerClass).read(root.resolve(split));
  }

  /**
   * Reads one split of a CIFAR-10 image folder straight out of a tar archive (plain or gzip),
   * locating the {@code .../train/} or {@code .../test/} directory inside it.
   */
  public static LabeledDataset readImageArchive(Path archive, boolean train, int limitPerClass) throws IOException {
    String split = train ? "train" : "test";
    AtomicReference<String> prefix = new AtomicReference<>();
    try {
      TarReader.read(archive, path -> {
        Matcher m = SPLIT_ENTRY.matcher(path);
        if (m.matches() && m.group(2).equals(split)) {
          prefix.set((m.group(1) == null ? "" : m.group(1)) + split);
          throw new FoundPrefix();
        }
        return false;
      }, (p, c) -> { });
    } catch (FoundPrefix found) {
      // located the split directory; read it below
    }
    if (prefix.get() == null) {
      throw new DatasetFormatException(archive + ": no " + split + "/<class>/<image> entries: not a CIFAR image "
          + "archive");
    }
    return reader(split, limitPerClass).readTar(archive, prefix.get());
  }

  private static ImageFolderReader reader(String split, int limitPerClass) {
    return new ImageFolderReader(32, 32).classNames(CIFAR10_CLASSES).limitPerClass(limitPerClass)
        .name("cifar10-" + split);
  }

  /** Stops the archive scan once the split's directory is known. */
  private static final class FoundPrefix extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FoundPrefix() {
      super(null, null, false, false);
    }
  }

  private static List<String> classNamesBeside(Path dir) throws IOException {
    Path meta = dir.resolve("batches.meta.txt");
    if (!Files.exists(meta)) {
      return CIFAR10_CLASSES;
    }
    List<String> names = Files.readAllLines(meta, StandardCharsets.UTF_8).stream().map(String::strip)
        .filter(s -> !s.isEmpty()).toList();
    if (names.isEmpty()) {
      throw DatasetFormatException.of(meta, "no class names");
    }
    return names;
  }
}
