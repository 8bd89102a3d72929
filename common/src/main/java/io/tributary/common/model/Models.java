package io.tributary.common.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The model zoo: builds the DJL block of a {@link ModelSpec} and describes it.
 *
 * <p>The networks follow the non-IID study (thesis ch. 6 and its released Caffe prototxts):
 * <ul>
 *   <li><b>LeNet</b> — Caffe's CIFAR-10 network: conv 5x5/32 (pad 2) → max-pool 3/2 → ReLU → LRN →
 *       conv 5x5/32 → ReLU → avg-pool 3/2 → LRN → conv 5x5/64 → ReLU → avg-pool 3/2 → dense. Pools
 *       round up (Caffe), so 32x32 inputs give 16, 8, 4 and 28x28 give 14, 7, 4.
 *   <li><b>BN-LeNet</b> — the same with BatchNorm (and no LRN, no conv bias) before each ReLU:
 *       conv → max-pool → BN → ReLU → conv → BN → ReLU → avg-pool → conv → BN → ReLU → avg-pool →
 *       dense. <b>GN-LeNet</b> — GroupNorm instead of BatchNorm.
 *   <li><b>ResNet-20</b> — He et al.'s CIFAR ResNet: conv 3x3/16 → norm → ReLU, three stages of
 *       three basic blocks (16, 32, 64 channels; the 2nd and 3rd stages halve the resolution),
 *       global average pool, dense. A shortcut that changes shape is a 1x1 strided conv + norm
 *       ("option B"); the others are identities. Norm is BatchNorm or GroupNorm.
 *   <li><b>MLP</b> — flatten → 200 → ReLU → 200 → ReLU → classes.
 * </ul>
 * BatchNorm layers use eps 1e-5 and running statistics updated as {@code 0.9 * running + 0.1 * batch}.
 */
public final class Models {
  private Models() {}

  /** A built network: the block and the BatchNorm probes in layer order. */
  record Network(Block block, List<BatchMeanProbe> batchNormProbes) {}

  /** Builds the (uninitialised) block of {@code spec}. */
  public static Block block(ModelSpec spec) {
    return build(spec).block();
  }

  static Network build(ModelSpec spec) {
    Builder b = new Builder(spec);
    Block block = switch (spec.architecture()) {
      case LENET, BN_LENET, GN_LENET -> b.lenet();
      case RESNET20_BN, RESNET20_GN -> b.resnet20();
      case MLP -> b.mlp();
      case CHEAP, GT, FRAME -> throw new IllegalArgumentException(spec.architecture().id()
          + " is a Focus crop network (built by CropNets), not a replica network; valid: " + Architecture.validIds());
    };
    return new Network(block, List.copyOf(b.probes));
  }

  /**
   * A table of the spec's parameters, one line per tensor (name, shape, count, trainable or state)
   * and the totals, for CLIs and logs. Loads the engine (a few seconds the first time).
   */
  public static String describe(ModelSpec spec) {
    try (Replica r = Replica.create(spec, 0)) {
      StringBuilder sb = new StringBuilder();
      sb.append(spec).append('\n');
      int width = r.layout().stream().mapToInt(s -> s.name().length()).max().orElse(10);
      for (ParameterSlice s : r.layout()) {
        sb.append(String.format(Locale.ROOT, "  %-" + width + "s %-16s %9d %s%n", s.name(),
            Arrays.toString(s.shape()), s.length(), s.trainable() ? "" : "(state)"));
      }
      sb.append(String.format(Locale.ROOT, "  trainable parameters: %d, non-trainable state: %d%n",
          r.numParameters(), r.numState()));
      return sb.toString();
    }
  }

  private static final class Builder {
    private final ModelSpec spec;
    private final boolean bn;
    private final boolean gn;
    private final List<BatchMeanProbe> probes = new ArrayList<>();

    Builder(ModelSpec spec) {
      this.spec = spec;
      this.bn = spec.architecture().usesBatchNorm();
      this.gn = spec.architecture().usesGroupNorm();
    }

    /** Adds the architecture's normalisation layer to {@code seq}. */
    private void norm(SequentialBlock seq) {
      if (bn) {
        BatchMeanProbe probe = new BatchMeanProbe();
        probes.add(probe);
        seq.add(probe);
        seq.add(BatchNorm.builder().optEpsilon(1e-5f).optMomentum(0.9f).build());
      } else if (gn) {
        seq.add(GroupNorm.withGroupSize(spec.groupSize()));
      }
    }

    private static Conv2d conv(int filters, int kernel, int stride, int pad, boolean bias) {
      return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kernel, kernel))
          .optStride(new Shape(stride, stride)).optPadding(new Shape(pad, pad)).optBias(bias).build();
    }

    Block lenet() {
      boolean normed = bn || gn;
      SequentialBlock s = new SequentialBlock();
      Shape k3 = new Shape(3, 3);
      Shape s2 = new Shape(2, 2);
      Shape p0 = new Shape(0, 0);
      s.add(conv(32, 5, 1, 2, !normed));
      s.add(Pool.maxPool2dBlock(k3, s2, p0, true));
      norm(s);
      s.add(Activation.reluBlock());
      if (!normed) {
        s.add(lrn());
      }
      s.add(conv(32, 5, 1, 2, !normed));
      norm(s);
      s.add(Activation.reluBlock());
      s.add(Pool.avgPool2dBlock(k3, s2, p0, true, false));
      if (!normed) {
        s.add(lrn());
      }
      s.add(conv(64, 5, 1, 2, !normed));
      norm(s);
      s.add(Activation.reluBlock());
      s.add(Pool.avgPool2dBlock(k3, s2, p0, true, false));
      s.add(Blocks.batchFlattenBlock());
      s.add(Linear.builder().setUnits(spec.numClasses()).build());
      return s;
    }

    private static LocalResponseNorm lrn() {
      return new LocalResponseNorm(3, 5e-5f, 0.75f, 1f);
    }

    Block resnet20() {
      SequentialBlock s = new SequentialBlock();
      s.add(conv(16, 3, 1, 1, false));
      norm(s);
      s.add(Activation.reluBlock());
      int in = 16;
      int[] widths = {16, 32, 64};
      for (int stage = 0; stage < 3; stage++) {
        for (int blk = 0; blk < 3; blk++) {
          int stride = stage > 0 && blk == 0 ? 2 : 1;
          s.add(basicBlock(in, widths[stage], stride));
          in = widths[stage];
        }
      }
      s.add(Pool.globalAvgPool2dBlock());
      s.add(Blocks.batchFlattenBlock());
      s.add(Linear.builder().setUnits(spec.numClasses()).build());
      return s;
    }

    private Block basicBlock(int in, int out, int stride) {
      SequentialBlock main = new SequentialBlock();
      main.add(conv(out, 3, stride, 1, false));
      norm(main);
      main.add(Activation.reluBlock());
      main.add(conv(out, 3, 1, 1, false));
      norm(main);
      Block shortcut;
      if (stride == 1 && in == out) {
        shortcut = Blocks.identityBlock();
      } else {
        SequentialBlock proj = new SequentialBlock();
        proj.add(conv(out, 1, stride, 0, false));
        norm(proj);
        shortcut = proj;
      }
      SequentialBlock block = new SequentialBlock();
      block.add(new ParallelBlock(
          branches -> new NDList(branches.get(0).singletonOrThrow().add(branches.get(1).singletonOrThrow())),
          List.of(main, shortcut)));
      block.add(Activation.reluBlock());
      return block;
    }

    Block mlp() {
      SequentialBlock s = new SequentialBlock();
      s.add(Blocks.batchFlattenBlock());
      s.add(Linear.builder().setUnits(200).build());
      s.add(Activation.reluBlock());
      s.add(Linear.builder().setUnits(200).build());
      s.add(Activation.reluBlock());
      s.add(Linear.builder().setUnits(spec.numClasses()).build());
      return s;
    }
  }
}
