package io.tributary.common.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;

/**
 * Builds Focus's crop networks ({@link Architecture#isCropNetwork()}): a tiny "cheap" ingest CNN, a
 * deeper "GT" CNN used as the ground truth on generated video, and NoScope's whole-frame binary
 * classifier. All return {@code [logits, features]} ({@link FeatureClassifierBlock}).
 */
public final class CropNets {
  private CropNets() {}

  /**
   * A fresh (untrained) network of {@code arch} for {@code numClasses} classes.
   *
   * @throws IllegalArgumentException if {@code arch} is not a crop network
   */
  public static FeatureClassifierBlock build(Architecture arch, int numClasses) {
    SequentialBlock trunk = new SequentialBlock();
    switch (arch) {
      case CHEAP -> {
        trunk.add(conv(16, 2)).add(Activation.reluBlock());
        trunk.add(conv(32, 2)).add(Activation.reluBlock());
        trunk.add(Blocks.batchFlattenBlock());
        trunk.add(Linear.builder().setUnits(arch.featureDim()).build()).add(Activation.reluBlock());
      }
      case FRAME -> {
        trunk.add(conv(16, 2)).add(Activation.reluBlock());
        trunk.add(conv(32, 2)).add(Activation.reluBlock());
        trunk.add(conv(32, 2)).add(Activation.reluBlock());
        trunk.add(Blocks.batchFlattenBlock());
        trunk.add(Linear.builder().setUnits(arch.featureDim()).build()).add(Activation.reluBlock());
      }
      case GT -> {
        trunk.add(conv(16, 1)).add(BatchNorm.builder().build()).add(Activation.reluBlock());
        trunk.add(conv(16, 1)).add(BatchNorm.builder().build()).add(Activation.reluBlock());
        trunk.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
        trunk.add(conv(32, 1)).add(BatchNorm.builder().build()).add(Activation.reluBlock());
        trunk.add(conv(32, 1)).add(BatchNorm.builder().build()).add(Activation.reluBlock());
        trunk.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
        trunk.add(conv(64, 1)).add(BatchNorm.builder().build()).add(Activation.reluBlock());
        trunk.add(Pool.globalAvgPool2dBlock());
        trunk.add(Linear.builder().setUnits(arch.featureDim()).build()).add(Activation.reluBlock());
      }
      default -> throw new IllegalArgumentException(arch.id() + " is not a crop network; crop networks: "
          + Architecture.cropNetworks());
    }
    Block head = Linear.builder().setUnits(numClasses).build();
    return new FeatureClassifierBlock(trunk, head);
  }

  /**
   * Multiply-accumulates of one forward pass of {@code arch} for {@code numClasses} classes
   * (convolutions and linear layers, as {@link #build} lays them out): the cost that no timer's noise
   * moves, for comparing networks in reports and tests.
   */
  public static long macs(Architecture arch, int numClasses) {
    long m;
    switch (arch) {
      case CHEAP -> {
        int a = (arch.inputSize() + 1) / 2;
        int b = (a + 1) / 2;
        m = convMacs(a, 3, 16) + convMacs(b, 16, 32) + (long) b * b * 32 * arch.featureDim();
      }
      case FRAME -> {
        int a = (arch.inputSize() + 1) / 2;
        int b = (a + 1) / 2;
        int c = (b + 1) / 2;
        m = convMacs(a, 3, 16) + convMacs(b, 16, 32) + convMacs(c, 32, 32) + (long) c * c * 32 * arch.featureDim();
      }
      case GT -> {
        int s = arch.inputSize();
        m = convMacs(s, 3, 16) + convMacs(s, 16, 16) + convMacs(s / 2, 16, 32) + convMacs(s / 2, 32, 32)
            + convMacs(s / 4, 32, 64) + 64L * arch.featureDim();
      }
      default -> throw new IllegalArgumentException("no cost model for " + arch);
    }
    return m + (long) arch.featureDim() * numClasses;
  }

  /** A 3x3 convolution producing a {@code side} x {@code side} x {@code out} map from {@code in} channels. */
  private static long convMacs(int side, int in, int out) {
    return (long) side * side * out * in * 9;
  }

  private static Block conv(int channels, int stride) {
    return Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
        .optStride(new Shape(stride, stride)).setFilters(channels).build();
  }
}
