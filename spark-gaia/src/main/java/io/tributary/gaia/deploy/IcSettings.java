package io.tributary.gaia.deploy;

import io.tributary.common.config.Setting;
import io.tributary.common.config.Settings;
import io.tributary.common.data.CifarReader;
import io.tributary.common.data.DatasetLocator;
import io.tributary.common.data.IdxReader;
import io.tributary.common.data.LabeledDataset;
import io.tributary.common.model.Architecture;
import io.tributary.gaia.app.GaiaApp;
import io.tributary.gaia.ic.GeneratedImages;
import io.tributary.gaia.ic.IcTraining;
import io.tributary.gaia.ic.ImageClassification;
import io.tributary.gaia.options.IcOptions;
import io.tributary.gaia.options.MfOptions;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The image-classification application's settings (thesis §5.4.2): the network and momentum SGD
 * ({@link Training}), and the data ({@link IcData}), one of
 * <ul>
 *   <li>{@code generated}: {@link IcData#generated} images;</li>
 *   <li>{@code fashion-mnist} / {@code mnist}: the installed IDX files (or {@link IcData#path}, a
 *       directory with the four IDX files);</li>
 *   <li>{@code cifar10}: {@link IcData#path}, the CIFAR-10 JPEG tar of {@code ../shared/data} or a
 *       folder / binary batches ({@link CifarReader#read}).</li>
 * </ul>
 * {@link IcData#trainLimit} and {@link IcData#testLimit} keep the first images (0: all) so a run
 * fits a small machine.
 *
 * @param training the network and its optimiser
 * @param data the images
 */
public record IcSettings(Training training, IcData data) implements AppSettings {

  /**
   * The network and momentum SGD.
   *
   * @param architecture network id ({@code gn-lenet}, {@code resnet20-gn}, {@code lenet}, {@code mlp})
   * @param learningRate momentum SGD step size
   * @param momentum momentum
   * @param weightDecay L2 weight decay
   * @param batchSize minibatch size
   * @param batchesPerClock minibatches per worker per clock
   * @param seed model initialisation and data order seed
   */
  public record Training(String architecture, double learningRate, double momentum, double weightDecay,
      int batchSize, int batchesPerClock, long seed) implements Serializable {
    public Training {
      Architecture.parse(architecture);
    }

    /** The application's training parameters. */
    IcTraining ic() {
      return new IcTraining(learningRate, momentum, weightDecay, batchSize, batchesPerClock, seed);
    }
  }

  /**
   * The images.
   *
   * @param source {@code generated}, {@code fashion-mnist}, {@code mnist} or {@code cifar10}
   * @param generated the generated images (source {@code generated})
   * @param path data location (null: the installed default)
   * @param trainLimit training images kept (0: all)
   * @param testLimit test images kept (0: all)
   */
  public record IcData(String source, GeneratedImages generated, String path, int trainLimit, int testLimit)
      implements Serializable {
    public IcData {
      switch (source) {
        case "generated" -> {
          if (generated == null) {
            throw new IllegalArgumentException("IC source 'generated' needs an image spec");
          }
        }
        case "fashion-mnist", "mnist" -> { }
        case "cifar10" -> {
          if (path == null) {
            throw new IllegalArgumentException("IC source 'cifar10' needs a path (e.g. ../shared/data/cifar10/cifar10-jpg.tar)");
          }
        }
        default -> throw new IllegalArgumentException("IC source must be generated, fashion-mnist, mnist or cifar10, got '"
            + source + "'");
      }
      if (trainLimit < 0 || testLimit < 0) {
        throw new IllegalArgumentException("image limits must be >= 0");
      }
    }

    /** Generated images (no limits: the spec says how many). */
    public static IcData generated(GeneratedImages images) {
      return new IcData("generated", images, null, 0, 0);
    }
  }

  @Override
  public String name() {
    return "ic";
  }

  @Override
  public GaiaApp<? extends Serializable> build() throws IOException {
    Training t = training;
    Architecture arch = Architecture.parse(t.architecture());
    String source = data.source();
    String path = data.path();
    int trainLimit = data.trainLimit();
    int testLimit = data.testLimit();
    if (source.equals("generated")) {
      return ImageClassification.generated(data.generated(), arch, t.ic());
    }
    LabeledDataset train;
    LabeledDataset test;
    switch (source) {
      case "cifar10" -> {
        Path p = Path.of(path);
        if (!Files.exists(p)) {
          throw new IllegalArgumentException("CIFAR-10 data " + path + " does not exist");
        }
        train = CifarReader.read(p, true, trainLimit == 0 ? 0 : Math.max(1, trainLimit / 10));
        test = CifarReader.read(p, false, testLimit == 0 ? 0 : Math.max(1, testLimit / 10));
      }
      default -> {
        if (path != null) {
          Path dir = Path.of(path);
          train = idx(dir, "train");
          test = idx(dir, "t10k");
        } else if (source.equals("fashion-mnist")) {
          train = DatasetLocator.loadFashionMnist(true);
          test = DatasetLocator.loadFashionMnist(false);
        } else {
          train = DatasetLocator.loadMnist(true);
          test = DatasetLocator.loadMnist(false);
        }
      }
    }
    if (trainLimit > 0 && !source.equals("cifar10")) {
      train = train.head(trainLimit);
    }
    if (testLimit > 0 && !source.equals("cifar10")) {
      test = test.head(testLimit);
    }
    return ImageClassification.fromDatasets(train, test, arch, t.ic());
  }

  private static LabeledDataset idx(Path dir, String split) throws IOException {
    for (String suffix : new String[] {"", ".gz"}) {
      Path images = dir.resolve(split + "-images-idx3-ubyte" + suffix);
      Path labels = dir.resolve(split + "-labels-idx1-ubyte" + suffix);
      if (Files.exists(images) && Files.exists(labels)) {
        return IdxReader.readPair(images, labels);
      }
    }
    throw new IllegalArgumentException("no " + split + "-images-idx3-ubyte[.gz] / " + split
        + "-labels-idx1-ubyte[.gz] in " + dir);
  }

  /** Model initialisation and data order seed (the CLI uses 1). */
  static final Setting<Long> SEED = Setting.key("seed").longType().noDefaultValue()
      .withDescription("IC model initialisation and data order seed.");

  /** Data location (unset: the installed default). */
  static final Setting<String> PATH = Setting.key("path").stringType().noDefaultValue()
      .withDescription("IC data location (unset: the installed default).");

  /** Generated images: classes. */
  static final Setting<Integer> CLASSES = Setting.key("classes").intType().noDefaultValue()
      .withDescription("IC generated images: classes.");

  /** Generated images: side in pixels. */
  static final Setting<Integer> SIDE = Setting.key("side").intType().noDefaultValue()
      .withDescription("IC generated images: side in pixels.");

  /** Generated images: training images. */
  static final Setting<Integer> TRAIN_SIZE = Setting.key("train-size").intType().noDefaultValue()
      .withDescription("IC generated images: training images.");

  /** Generated images: test images. */
  static final Setting<Integer> TEST_SIZE = Setting.key("test-size").intType().noDefaultValue()
      .withDescription("IC generated images: test images.");

  /** Generated images: pixel noise. */
  static final Setting<Double> NOISE = Setting.key("noise").doubleType().noDefaultValue()
      .withDescription("IC generated images: pixel noise.");

  /** Generated images: seed. */
  static final Setting<Long> DATA_SEED = Setting.key("data-seed").longType().noDefaultValue()
      .withDescription("IC generated images: seed.");

  /**
   * The {@code ic.} section of the run file. Files name four flags otherwise: {@code --arch} is
   * {@code ic.architecture}, {@code --batch} {@code ic.batch_size}, {@code --images} (its source,
   * the path apart) {@code ic.data}, {@code --train-images}/{@code --test-images}
   * {@code ic.train_limit}/{@code ic.test_limit}.
   */
  private static final RunFileSection FILE = RunFileSection.of("ic", List.of(IcOptions.ARCH, MfOptions.LR,
      IcOptions.MOMENTUM, IcOptions.WEIGHT_DECAY, IcOptions.BATCH, IcOptions.BATCHES_PER_CLOCK, SEED,
      IcOptions.IMAGES, IcOptions.TRAIN_IMAGES, IcOptions.TEST_IMAGES, PATH, CLASSES, SIDE, TRAIN_SIZE, TEST_SIZE,
      NOISE, DATA_SEED))
      .renaming(IcOptions.ARCH, "architecture").renaming(IcOptions.BATCH, "batch_size")
      .renaming(IcOptions.IMAGES, "data").renaming(IcOptions.TRAIN_IMAGES, "train_limit")
      .renaming(IcOptions.TEST_IMAGES, "test_limit");

  @Override
  public void write(Map<String, String> p) {
    Training t = training;
    Settings s = Settings.empty().with(IcOptions.ARCH, t.architecture()).with(MfOptions.LR, t.learningRate())
        .with(IcOptions.MOMENTUM, t.momentum()).with(IcOptions.WEIGHT_DECAY, t.weightDecay())
        .with(IcOptions.BATCH, t.batchSize()).with(IcOptions.BATCHES_PER_CLOCK, t.batchesPerClock())
        .with(SEED, t.seed()).with(IcOptions.IMAGES, data.source()).with(IcOptions.TRAIN_IMAGES, data.trainLimit())
        .with(IcOptions.TEST_IMAGES, data.testLimit()).with(PATH, data.path());
    GeneratedImages g = data.generated();
    if (g != null) {
      s = s.with(CLASSES, g.classes()).with(SIDE, g.side()).with(TRAIN_SIZE, g.trainSize())
          .with(TEST_SIZE, g.testSize()).with(NOISE, g.noise()).with(DATA_SEED, g.seed());
    }
    FILE.write(s, p);
  }

  static IcSettings read(Properties p) {
    Settings s = FILE.read(p);
    String source = FILE.require(s, IcOptions.IMAGES);
    GeneratedImages g = null;
    if (source.equals("generated")) {
      g = new GeneratedImages(FILE.require(s, CLASSES), FILE.require(s, SIDE), FILE.require(s, TRAIN_SIZE),
          FILE.require(s, TEST_SIZE), FILE.require(s, NOISE), FILE.require(s, DATA_SEED));
    }
    Training t = new Training(FILE.require(s, IcOptions.ARCH), FILE.require(s, MfOptions.LR),
        FILE.require(s, IcOptions.MOMENTUM), FILE.require(s, IcOptions.WEIGHT_DECAY), FILE.require(s, IcOptions.BATCH),
        FILE.require(s, IcOptions.BATCHES_PER_CLOCK), FILE.require(s, SEED));
    return new IcSettings(t, new IcData(source, g, FILE.optional(s, PATH), FILE.require(s, IcOptions.TRAIN_IMAGES),
        FILE.require(s, IcOptions.TEST_IMAGES)));
  }
}
