package io.tributary.common.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads MNIST-style IDX files (MNIST, Fashion-MNIST, EMNIST...), gzip-compressed or raw.
 *
 * <p>The IDX format: a 4-byte magic number {@code 0x00 0x00 TYPE NDIMS}, then {@code NDIMS}
 * big-endian 32-bit dimension sizes, then the values row-major. Only unsigned-byte data
 * ({@code TYPE = 0x08}) is accepted, which is what every image/label set in this family uses.
 * Everything is validated: magic number, dimension count, declared vs actual length, image and
 * label counts agreeing, labels inside the class range.
 */
public final class IdxReader {
  /** Class names of MNIST: the digits. */
  public static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
  /** Class names of Fashion-MNIST, in label order. */
  public static final List<String> FASHION_MNIST_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
      "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

  private static final int UNSIGNED_BYTE = 0x08;

  private IdxReader() {}

  /** An IDX array of unsigned bytes: its dimensions and values (row-major). */
  public record IdxArray(int[] dims, byte[] values) {
    /** Number of items (the first dimension). */
    public int count() {
      return dims[0];
    }

    /** Values per item (the product of all dimensions but the first). */
    public int itemSize() {
      int s = 1;
      for (int i = 1; i < dims.length; i++) {
        s *= dims[i];
      }
      return s;
    }
  }

  /**
   * Reads the images and labels of one split into a dataset of shape {@code [1, rows, cols]}.
   * Class names are Fashion-MNIST's when either path mentions "fashion", digits otherwise.
   */
  public static LabeledDataset readPair(Path imagesPath, Path labelsPath) throws IOException {
    String both = (imagesPath.toString() + " " + labelsPath.toString()).toLowerCase(Locale.ROOT);
    boolean fashion = both.contains("fashion");
    String split = imagesPath.getFileName().toString().startsWith("t10k") ? "test" : "train";
    return readPair(imagesPath, labelsPath, fashion ? FASHION_MNIST_CLASSES : DIGITS,
        (fashion ? "fashion-mnist" : "mnist") + "-" + split);
  }

  /** Reads the images and labels of one split with the given class names and dataset name. */
  public static LabeledDataset readPair(Path imagesPath, Path labelsPath, List<String> classNames, String name)
      throws IOException {
    IdxArray images = read(imagesPath);
    IdxArray labels = read(labelsPath);
    if (images.dims().length != 3) {
      throw DatasetFormatException.of(imagesPath, "expected a 3-dimensional image array [count, rows, cols], found "
          + images.dims().length + " dimensions " + Arrays.toString(images.dims()));
    }
    if (labels.dims().length != 1) {
      throw DatasetFormatException.of(labelsPath, "expected a 1-dimensional label array, found "
          + labels.dims().length + " dimensions " + Arrays.toString(labels.dims()));
    }
    if (images.count() != labels.count()) {
      throw new DatasetFormatException(imagesPath + " holds " + images.count() + " images but " + labelsPath
          + " holds " + labels.count() + " labels");
    }
    int[] y = new int[labels.count()];
    byte[] lv = labels.values();
    for (int i = 0; i < y.length; i++) {
      y[i] = lv[i] & 0xFF;
      if (y[i] >= classNames.size()) {
        throw DatasetFormatException.of(labelsPath, "label " + y[i] + " of item " + i + " is outside [0, "
            + classNames.size() + ")");
      }
    }
    int[] shape = {1, images.dims()[1], images.dims()[2]};
    return LabeledDataset.ofBytes(name, shape, classNames, images.values(), y);
  }

  /** Reads one IDX file of unsigned bytes (gzip or raw), validating its header and length. */
  public static IdxArray read(Path file) throws IOException {
    try (InputStream in = Inputs.open(file)) {
      byte[] head = new byte[4];
      if (Inputs.readUpTo(in, head, 0, 4) < 4) {
        throw DatasetFormatException.of(file, "truncated: shorter than the 4-byte IDX magic number");
      }
      if (head[0] != 0 || head[1] != 0) {
        throw DatasetFormatException.of(file, String.format(
            "bad magic number 0x%02x%02x%02x%02x: an IDX file starts with 0x0000", head[0], head[1], head[2], head[3]));
      }
      int type = head[2] & 0xFF;
      if (type != UNSIGNED_BYTE) {
        throw DatasetFormatException.of(file, String.format(
            "bad magic number: data type 0x%02x is not supported, only unsigned bytes (0x08)", type));
      }
      int ndims = head[3] & 0xFF;
      if (ndims < 1 || ndims > 4) {
        throw DatasetFormatException.of(file, "bad magic number: " + ndims + " dimensions (expected 1 to 4)");
      }
      byte[] dimBytes = new byte[4 * ndims];
      if (Inputs.readUpTo(in, dimBytes, 0, dimBytes.length) < dimBytes.length) {
        throw DatasetFormatException.of(file, "truncated inside the header (" + ndims + " dimension sizes expected)");
      }
      int[] dims = new int[ndims];
      long total = 1;
      for (int d = 0; d < ndims; d++) {
        dims[d] = ((dimBytes[4 * d] & 0xFF) << 24) | ((dimBytes[4 * d + 1] & 0xFF) << 16)
            | ((dimBytes[4 * d + 2] & 0xFF) << 8) | (dimBytes[4 * d + 3] & 0xFF);
        if (dims[d] < 0 || (d > 0 && dims[d] == 0)) {
          throw DatasetFormatException.of(file, "wrong sizes: dimension " + d + " is " + dims[d]);
        }
        total *= dims[d];
      }
      if (total > Integer.MAX_VALUE - 16) {
        throw DatasetFormatException.of(file, "wrong sizes: " + Arrays.toString(dims) + " is " + total
            + " values, more than one array can hold");
      }
      byte[] values = new byte[(int) total];
      int got = Inputs.readUpTo(in, values, 0, values.length);
      if (got < values.length) {
        throw DatasetFormatException.of(file, "truncated: header " + Arrays.toString(dims) + " declares " + total
            + " values but only " + got + " follow");
      }
      if (in.read() >= 0) {
        throw DatasetFormatException.of(file, "wrong sizes: data continues past the " + total + " values declared by "
            + Arrays.toString(dims));
      }
      return new IdxArray(dims, values);
    } catch (EOFException e) {
      throw DatasetFormatException.of(file, "truncated: " + e.getMessage());
    }
  }
}
