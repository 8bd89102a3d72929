package io.tributary.gaia.options;

import io.tributary.common.config.Setting;
import java.util.List;

/**
 * The image-classification application's options (thesis §5.4.3): the images, the network and
 * momentum SGD. The step size is {@link MfOptions#LR} (default {@link #DEFAULT_LR}).
 */
public final class IcOptions {
  private IcOptions() {}

  /** Which images. */
  public static final Setting<String> IMAGES = Setting.key("images").stringType().defaultValue("fashion-mnist")
      .withDescription("IC data: fashion-mnist, mnist, cifar10[:PATH] or generated.");

  /** The network. */
  public static final Setting<String> ARCH = Setting.key("arch").stringType().defaultValue("gn-lenet")
      .withDescription("IC network: gn-lenet, resnet20-gn, lenet or mlp.");

  /** Momentum. */
  public static final Setting<Double> MOMENTUM = Setting.key("momentum").doubleType().defaultValue(0.9)
      .withDescription("IC momentum.");

  /** Weight decay. */
  public static final Setting<Double> WEIGHT_DECAY = Setting.key("weight-decay").doubleType().defaultValue(1e-4)
      .withDescription("IC weight decay.");

  /** Minibatch size. */
  public static final Setting<Integer> BATCH = Setting.key("batch").intType().defaultValue(32)
      .withDescription("IC minibatch size.");

  /** Minibatches per worker per clock. */
  public static final Setting<Integer> BATCHES_PER_CLOCK = Setting.key("batches-per-clock").intType().defaultValue(4)
      .withDescription("IC minibatches per worker per clock.");

  /** Training images kept. */
  public static final Setting<Integer> TRAIN_IMAGES = Setting.key("train-images").intType().defaultValue(12000)
      .withDescription("IC training images kept (0 = all).");

  /** Test images kept. */
  public static final Setting<Integer> TEST_IMAGES = Setting.key("test-images").intType().defaultValue(1000)
      .withDescription("IC test images kept (0 = all).");

  /** IC's options in {@code --help} order. */
  public static final List<Setting<?>> ALL = List.of(IMAGES, ARCH, MOMENTUM, WEIGHT_DECAY, BATCH, BATCHES_PER_CLOCK,
      TRAIN_IMAGES, TEST_IMAGES);

  /** The step size when {@link MfOptions#LR} is unset. */
  public static final double DEFAULT_LR = 0.05;
}
