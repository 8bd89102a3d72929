package io.tributary.focus.model;

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
 * The project's own CNN architectures for crops: a tiny "cheap" ingest CNN and a deeper "GT" CNN
 * used as the ground truth on generated video. Both return {@code [logits, features]}.
 */
public final class BuiltinNets {
  private BuiltinNets() {}

  /** Architectures, with their input side (square crops) and feature dimension. */
  public enum Arch {
    /** Two 3x3 conv layers (8, 16 channels) on 24x24 crops, 32 features: a few hundred kFLOPs. */
    CHEAP(24, 32),
    /** Five 3x3 conv layers (24-24-48-48-96) with batch norm on 48x48 crops, 96 features. */
    GT(48, 96);

    public final int inputSize;
    public final int featureDim;

    Arch(int inputSize, int featureDim) {
      this.inputSize = inputSize;
      this.featureDim = featureDim;
    }
  }

  /** A fresh (untrained) network of {@code arch} for {@code numClasses} classes. */
  public static FeatureClassifierBlock build(Arch arch, int numClasses) {
    SequentialBlock trunk = new SequentialBlock();
    switch (arch) {
      case CHEAP -> {
        trunk.add(conv(8)).add(Activation.reluBlock()).add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
        trunk.add(conv(16)).add(Activation.reluBlock()).add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
        trunk.add(Blocks.batchFlattenBlock());
        trunk.add(Linear.builder().setUnits(arch.featureDim).build()).add(Activation.reluBlock());
      }
      case GT -> {
        trunk.add(conv(24)).add(BatchNorm.builder().build()).add(Activation.reluBlock());
        trunk.add(conv(24)).add(BatchNorm.builder().build()).add(Activation.reluBlock());
        trunk.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
        trunk.add(conv(48)).add(BatchNorm.builder().build()).add(Activation.reluBlock());
        trunk.add(conv(48)).add(BatchNorm.builder().build()).add(Activation.reluBlock());
        trunk.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
        trunk.add(conv(96)).add(BatchNorm.builder().build()).add(Activation.reluBlock());
        trunk.add(Pool.globalAvgPool2dBlock());
        trunk.add(Linear.builder().setUnits(arch.featureDim).build()).add(Activation.reluBlock());
      }
    }
    Block head = Linear.builder().setUnits(numClasses).build();
    return new FeatureClassifierBlock(trunk, head);
  }

  private static Block conv(int channels) {
    return Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(channels).build();
  }
}
