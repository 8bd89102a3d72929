package io.tributary.common.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An in-memory labelled dataset of fixed-shape samples (images as C x H x W, or flat feature
 * vectors), the unit every reader produces, every partitioner splits and every trainer consumes.
 * Features are kept as unsigned bytes when the source is 8-bit (images: 4x less memory than
 * floats, so all of CIFAR-10 fits in 150 MB) or as floats otherwise; {@link #features} converts on
 * the fly with the dataset's scale and per-channel normalisation.
 *
 * <p>Instances are immutable; {@link #subset} shares the backing arrays.
 */
public final class LabeledDataset {
  private final String name;
  private final int[] sampleShape;
  private final int sampleSize;
  private final List<String> classNames;
  private final byte[] bytes;     // either bytes ...
  private final float[] floats;   // ... or floats holds the features, sample-major
  private final int[] labels;     // label per backing sample
  private final int[] index;      // view: positions into the backing arrays
  private final float[] mean;     // per channel (or 1 for all), subtracted after scaling to [0,1]
  private final float[] std;

  /** Per-channel (or one for all) mean and standard deviation applied after scaling to [0,1]. */
  private record Normalisation(float[] mean, float[] std) {
  }

  private LabeledDataset(String name, int[] sampleShape, List<String> classNames, byte[] bytes, float[] floats,
      int[] labels, int[] index, Normalisation normalisation) {
    this.name = name;
    this.sampleShape = sampleShape;
    this.sampleSize = Arrays.stream(sampleShape).reduce(1, (a, b) -> a * b);
    this.classNames = List.copyOf(classNames);
    this.bytes = bytes;
    this.floats = floats;
    this.labels = labels;
    this.index = index;
    this.mean = normalisation.mean();
    this.std = normalisation.std();
  }

  /**
   * A dataset of 8-bit samples. {@code pixels} holds {@code labels.length} samples of
   * {@code prod(sampleShape)} bytes each, sample-major (channel-major inside a sample).
   */
  public static LabeledDataset ofBytes(String name, int[] sampleShape, List<String> classNames, byte[] pixels,
      int[] labels) {
    int size = Arrays.stream(sampleShape).reduce(1, (a, b) -> a * b);
    if ((long) size * labels.length != pixels.length) {
      throw new IllegalArgumentException(name + ": " + pixels.length + " bytes for " + labels.length
          + " samples of shape " + Arrays.toString(sampleShape));
    }
    checkLabels(name, labels, classNames.size());
    return new LabeledDataset(name, sampleShape.clone(), classNames, pixels, null, labels, null,
        new Normalisation(new float[] {0f}, new float[] {1f}));
  }

  /** A dataset of float samples, used as they are (no scaling). */
  public static LabeledDataset ofFloats(String name, int[] sampleShape, List<String> classNames, float[] values,
      int[] labels) {
    int size = Arrays.stream(sampleShape).reduce(1, (a, b) -> a * b);
    if ((long) size * labels.length != values.length) {
      throw new IllegalArgumentException(name + ": " + values.length + " values for " + labels.length
          + " samples of shape " + Arrays.toString(sampleShape));
    }
    checkLabels(name, labels, classNames.size());
    return new LabeledDataset(name, sampleShape.clone(), classNames, null, values, labels, null,
        new Normalisation(new float[] {0f}, new float[] {1f}));
  }

  private static void checkLabels(String name, int[] labels, int numClasses) {
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= numClasses) {
        throw new IllegalArgumentException(name + ": label " + labels[i] + " of sample " + i + " is outside [0, "
            + numClasses + ")");
      }
    }
  }

  /**
   * The same samples normalised per channel: byte samples are scaled to [0,1] and then
   * {@code (x - mean[c]) / std[c]}. One value applies to all channels.
   */
  public LabeledDataset normalized(float[] channelMean, float[] channelStd) {
    if (channelMean.length != channelStd.length || (channelMean.length != 1 && channelMean.length != sampleShape[0])) {
      throw new IllegalArgumentException("normalisation needs 1 or " + sampleShape[0] + " channel values");
    }
    return new LabeledDataset(name, sampleShape, classNames, bytes, floats, labels, index,
        new Normalisation(channelMean.clone(), channelStd.clone()));
  }

  /**
   * The first {@code limit} samples of each class, in order (a balanced, deterministic subset); the
   * whole dataset when {@code limit <= 0}. Shares storage.
   */
  public LabeledDataset firstPerClass(int limit) {
    if (limit <= 0) {
      return this;
    }
    int[] taken = new int[numClasses()];
    int[] keep = new int[size()];
    int n = 0;
    for (int i = 0; i < size(); i++) {
      if (taken[label(i)]++ < limit) {
        keep[n++] = i;
      }
    }
    return subset(Arrays.copyOf(keep, n));
  }

  /** A view of the samples at {@code positions} (positions into this dataset). Shares storage. */
  public LabeledDataset subset(int[] positions) {
    int[] backing = new int[positions.length];
    for (int i = 0; i < positions.length; i++) {
      backing[i] = backingIndex(positions[i]);
    }
    return new LabeledDataset(name, sampleShape, classNames, bytes, floats, labels, backing,
        new Normalisation(mean, std));
  }

  /** The first {@code n} samples (or all, if fewer). */
  public LabeledDataset head(int n) {
    int m = Math.min(n, size());
    int[] pos = new int[m];
    for (int i = 0; i < m; i++) {
      pos[i] = i;
    }
    return subset(pos);
  }

  private int backingIndex(int i) {
    Objects.checkIndex(i, size());
    return index == null ? i : index[i];
  }

  public String name() {
    return name;
  }

  /** Number of samples. */
  public int size() {
    return index == null ? labels.length : index.length;
  }

  /** Shape of one sample, e.g. {@code [3, 32, 32]} or {@code [784]}. */
  public int[] sampleShape() {
    return sampleShape.clone();
  }

  /** Number of values in one sample. */
  public int sampleSize() {
    return sampleSize;
  }

  public int numClasses() {
    return classNames.size();
  }

  public List<String> classNames() {
    return classNames;
  }

  /** Label of sample {@code i}. */
  public int label(int i) {
    return labels[backingIndex(i)];
  }

  /** All labels, in order. */
  public int[] labels() {
    int[] out = new int[size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = label(i);
    }
    return out;
  }

  /** Samples per class. */
  public long[] classHistogram() {
    long[] h = new long[numClasses()];
    for (int i = 0; i < size(); i++) {
      h[label(i)]++;
    }
    return h;
  }

  /** Writes sample {@code i}'s normalised features into {@code dst} at {@code offset}. */
  public void features(int i, float[] dst, int offset) {
    int b = backingIndex(i);
    int base = b * sampleSize;
    int perChannel = mean.length == 1 ? sampleSize : sampleSize / sampleShape[0];
    for (int k = 0; k < sampleSize; k++) {
      float x = bytes != null ? (bytes[base + k] & 0xFF) / 255f : floats[base + k];
      int c = mean.length == 1 ? 0 : k / perChannel;
      dst[offset + k] = (x - mean[c]) / std[c];
    }
  }

  /** The raw unsigned byte of value {@code k} of sample {@code i}; only for byte datasets. */
  public int rawByte(int i, int k) {
    if (bytes == null) {
      throw new IllegalStateException(name + " holds floats, not bytes");
    }
    return bytes[backingIndex(i) * sampleSize + k] & 0xFF;
  }

  /** Whether the samples are stored as 8-bit values. */
  public boolean isByteBacked() {
    return bytes != null;
  }

  /** Features of the samples at {@code positions}, concatenated, ready for a batch tensor. */
  public float[] batchFeatures(int[] positions) {
    float[] out = new float[positions.length * sampleSize];
    for (int i = 0; i < positions.length; i++) {
      features(positions[i], out, i * sampleSize);
    }
    return out;
  }

  /** Labels of the samples at {@code positions}. */
  public int[] batchLabels(int[] positions) {
    int[] out = new int[positions.length];
    for (int i = 0; i < positions.length; i++) {
      out[i] = label(positions[i]);
    }
    return out;
  }

  @Override
  public String toString() {
    return name + "[" + size() + " x " + Arrays.toString(sampleShape) + ", " + numClasses() + " classes]";
  }
}
