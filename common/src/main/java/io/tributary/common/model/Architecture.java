package io.tributary.common.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The built-in network architectures of the non-IID study (thesis ch. 6, §6.1.2 and §6.4) plus a
 * small MLP for fast tests. {@link Models#build} turns one into a DJL block for a {@link ModelSpec}.
 */
public enum Architecture {
  /** The study's Caffe CIFAR-10 LeNet: 3 conv layers (32, 32, 64 filters, 5x5) with LRN, one dense layer. */
  LENET("lenet", false, false),
  /** LeNet with BatchNorm after each convolution (instead of LRN), as in §6.4.1. */
  BN_LENET("bn-lenet", true, false),
  /** BN-LeNet with GroupNorm replacing BatchNorm (§6.4.2, "GN-LeNet"). */
  GN_LENET("gn-lenet", false, true),
  /** ResNet-20 for CIFAR (He et al. 2016: 3 stages x 3 basic blocks, 16/32/64 channels), BatchNorm. */
  RESNET20_BN("resnet20-bn", true, false),
  /** ResNet-20 with GroupNorm in place of every BatchNorm. */
  RESNET20_GN("resnet20-gn", false, true),
  /** Two hidden layers of 200 ReLU units (the "2NN" of McMahan et al.); flattens any input shape. */
  MLP("mlp", false, false);

  private final String id;
  private final boolean batchNorm;
  private final boolean groupNorm;

  Architecture(String id, boolean batchNorm, boolean groupNorm) {
    this.id = id;
    this.batchNorm = batchNorm;
    this.groupNorm = groupNorm;
  }

  /** The id used on command lines and in model files, e.g. {@code "resnet20-gn"}. */
  public String id() {
    return id;
  }

  /** Whether the network has BatchNorm layers (and so non-trainable running statistics). */
  public boolean usesBatchNorm() {
    return batchNorm;
  }

  /** Whether the network has GroupNorm layers (and so depends on {@link ModelSpec#groupSize()}). */
  public boolean usesGroupNorm() {
    return groupNorm;
  }

  /** Whether the network is convolutional (needs a C x H x W input shape). */
  public boolean isConvolutional() {
    return this != MLP;
  }

  /**
   * The architecture with this id (case-insensitive; {@code _} is accepted for {@code -}).
   *
   * @throws IllegalArgumentException naming the valid ids when there is no such architecture
   */
  public static Architecture parse(String id) {
    if (id != null) {
      String norm = id.trim().toLowerCase(Locale.ROOT).replace('_', '-');
      for (Architecture a : values()) {
        if (a.id.equals(norm)) {
          return a;
        }
      }
    }
    throw new IllegalArgumentException("unknown model architecture '" + id + "'; valid: " + validIds());
  }

  /** The valid ids, comma-separated, for error and help messages. */
  public static String validIds() {
    return Arrays.stream(values()).map(Architecture::id).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return id;
  }
}
