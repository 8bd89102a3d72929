package io.tributary.common.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Every network architecture the project builds, in one registry.
 *
 * <p><b>Replica networks</b> (the protocols' models): the non-IID study's networks (thesis ch. 6,
 * §6.1.2 and §6.4) plus a small MLP for fast tests. {@link Models#build} turns one into a DJL block
 * for a {@link ModelSpec}; {@link #parse} and {@link #validIds} know only these, as the command
 * lines that pick a protocol's model do.
 *
 * <p><b>Crop networks</b> (Focus's built-in classifiers, {@link #isCropNetwork()}): square crops in,
 * {@code [logits, features]} out; {@link CropNets} builds them and counts their multiply-accumulates.
 * Their constant names ({@code CHEAP}, {@code GT}, {@code FRAME}) are what Focus's model registries
 * and model caches record, so they must not be renamed.
 */
public enum Architecture {
  /** The study's Caffe CIFAR-10 LeNet: 3 conv layers (32, 32, 64 filters, 5x5) with LRN, one dense layer. */
  LENET("lenet", false, false, 0, 0),
  /** LeNet with BatchNorm after each convolution (instead of LRN), as in §6.4.1. */
  BN_LENET("bn-lenet", true, false, 0, 0),
  /** BN-LeNet with GroupNorm replacing BatchNorm (§6.4.2, "GN-LeNet"). */
  GN_LENET("gn-lenet", false, true, 0, 0),
  /** ResNet-20 for CIFAR (He et al. 2016: 3 stages x 3 basic blocks, 16/32/64 channels), BatchNorm. */
  RESNET20_BN("resnet20-bn", true, false, 0, 0),
  /** ResNet-20 with GroupNorm in place of every BatchNorm. */
  RESNET20_GN("resnet20-gn", false, true, 0, 0),
  /** Two hidden layers of 200 ReLU units (the "2NN" of McMahan et al.); flattens any input shape. */
  MLP("mlp", false, false, 0, 0),
  /** Focus's cheap ingest CNN: two strided 3x3 conv layers (16, 32 channels) on 24x24 crops, 48 features: ~0.5 MFLOP. */
  CHEAP("cheap", false, false, 24, 48),
  /** Focus's GT-CNN: five 3x3 conv layers (16-16-32-32-64) with batch norm on 40x40 crops, 64 features: ~25 MFLOP. */
  GT("gt", true, false, 40, 64),
  /** Three strided 3x3 conv layers (16-32-32) on 64x64 whole frames, 32 features: NoScope's binary classifier. */
  FRAME("frame", false, false, 64, 32);

  private final String id;
  private final boolean batchNorm;
  private final boolean groupNorm;
  private final int cropSide;
  private final int featureDim;

  Architecture(String id, boolean batchNorm, boolean groupNorm, int cropSide, int featureDim) {
    this.id = id;
    this.batchNorm = batchNorm;
    this.groupNorm = groupNorm;
    this.cropSide = cropSide;
    this.featureDim = featureDim;
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

  /** Whether this is one of Focus's crop classifiers ({@link CropNets}) rather than a replica network. */
  public boolean isCropNetwork() {
    return cropSide > 0;
  }

  /**
   * A crop network's input side (square crops, letterboxed: a bus stays long and a person tall).
   *
   * @throws IllegalStateException for a replica network, whose input shape is its spec's
   */
  public int inputSize() {
    requireCropNetwork();
    return cropSide;
  }

  /** A crop network's feature dimension (the penultimate layer Focus clusters on). */
  public int featureDim() {
    requireCropNetwork();
    return featureDim;
  }

  /** Whether a crop network's crops keep their aspect ratio (letterboxed); all built-in ones do. */
  public boolean letterbox() {
    requireCropNetwork();
    return true;
  }

  /** The crop networks, in declaration order. */
  public static List<Architecture> cropNetworks() {
    return Arrays.stream(values()).filter(Architecture::isCropNetwork).toList();
  }

  /** The replica networks (what {@link #parse} accepts), in declaration order. */
  public static List<Architecture> replicaNetworks() {
    return Arrays.stream(values()).filter(a -> !a.isCropNetwork()).toList();
  }

  /**
   * The replica network with this id (case-insensitive; {@code _} is accepted for {@code -}).
   *
   * @throws IllegalArgumentException naming the valid ids when there is no such architecture
   */
  public static Architecture parse(String id) {
    if (id != null) {
      String norm = id.trim().toLowerCase(Locale.ROOT).replace('_', '-');
      for (Architecture a : replicaNetworks()) {
        if (a.id.equals(norm)) {
          return a;
        }
      }
    }
    throw new IllegalArgumentException("unknown model architecture '" + id + "'; valid: " + validIds());
  }

  /** The valid replica network ids, comma-separated, for error and help messages. */
  public static String validIds() {
    return replicaNetworks().stream().map(Architecture::id).collect(Collectors.joining(", "));
  }

  private void requireCropNetwork() {
    if (!isCropNetwork()) {
      throw new IllegalStateException(id + " is not a crop network");
    }
  }

  @Override
  public String toString() {
    return id;
  }
}
