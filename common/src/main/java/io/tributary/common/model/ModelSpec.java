package io.tributary.common.model;

import io.tributary.common.data.LabeledDataset;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a model is: its architecture, the shape of one input sample, the number of classes and,
 * for GroupNorm networks, the GroupNorm group size. Two replicas with equal specs have the same
 * parameter layout, so their flat parameter vectors can be mixed.
 *
 * <p>{@code groupSize} is the number of <em>channels per group</em> ({@code G_size} of thesis
 * §6.4.2: "GroupNorm partitions the set of channels into multiple groups of size G_size ... We
 * carefully select G_size = 2"), so a layer with C channels has C / groupSize groups; every
 * GroupNorm layer's width must be a multiple of it. (The study's released Caffe prototxts instead
 * set {@code group_num: 2}, two groups per layer; this spec follows the thesis text.) The value is
 * ignored by networks without GroupNorm.
 *
 * <p>This is the project's one model specification: the protocols' replicas are built from it, and
 * a Focus built-in crop network's layout is one too ({@code FocusModel.network()}). Its text form
 * is JSON ({@link ModelSpecJson}), which model files record.
 *
 * @param architecture the network
 * @param inputShape one sample's shape: {@code [C, H, W]} for convolutional networks, any shape for
 *     the MLP (it flattens)
 * @param numClasses number of output classes (at least 2)
 * @param groupSize GroupNorm channels per group (default {@value #DEFAULT_GROUP_SIZE})
 */
public record ModelSpec(Architecture architecture, int[] inputShape, int numClasses, int groupSize) {
  /** The thesis' choice G_size = 2 (§6.4.2). */
  public static final int DEFAULT_GROUP_SIZE = 2;

  public ModelSpec {
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(inputShape, "inputShape");
    inputShape = inputShape.clone();
    if (inputShape.length == 0) {
      throw new IllegalArgumentException("input shape must not be empty");
    }
    for (int d : inputShape) {
      if (d <= 0) {
        throw new IllegalArgumentException("input shape " + Arrays.toString(inputShape) + " has a non-positive size");
      }
    }
    if (architecture.isConvolutional() && inputShape.length != 3) {
      throw new IllegalArgumentException(architecture.id() + " needs a [C, H, W] input shape, got "
          + Arrays.toString(inputShape));
    }
    if (numClasses < 2) {
      throw new IllegalArgumentException("need at least 2 classes, got " + numClasses);
    }
    if (groupSize < 1) {
      throw new IllegalArgumentException("GroupNorm group size must be >= 1, got " + groupSize);
    }
  }

  /** A spec with the default GroupNorm group size. */
  public ModelSpec(Architecture architecture, int[] inputShape, int numClasses) {
    this(architecture, inputShape, numClasses, DEFAULT_GROUP_SIZE);
  }

  /** A spec whose input shape and class count are the dataset's. */
  public static ModelSpec forDataset(Architecture architecture, LabeledDataset data) {
    return new ModelSpec(architecture, data.sampleShape(), data.numClasses());
  }

  /** The same spec with another GroupNorm group size. */
  public ModelSpec withGroupSize(int size) {
    return new ModelSpec(architecture, inputShape, numClasses, size);
  }

  /** A copy of the input shape (the record keeps its own). */
  @Override
  public int[] inputShape() {
    return inputShape.clone();
  }

  /** Number of values in one input sample. */
  public int inputSize() {
    int n = 1;
    for (int d : inputShape) {
      n *= d;
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModelSpec s && s.architecture == architecture && Arrays.equals(s.inputShape, inputShape)
        && s.numClasses == numClasses && s.groupSize == groupSize;
  }

  @Override
  public int hashCode() {
    return Objects.hash(architecture, Arrays.hashCode(inputShape), numClasses, groupSize);
  }

  @Override
  public String toString() {
    return architecture.id() + " " + Arrays.toString(inputShape) + " -> " + numClasses + " classes"
        + (architecture.usesGroupNorm() ? ", group size " + groupSize : "");
  }
}
