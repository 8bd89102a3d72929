package io.tributary.gaia.deploy;

import static io.tributary.gaia.deploy.AppSettings.num;

import io.tributary.common.data.CifarReader;
import io.tributary.common.data.DatasetLocator;
import io.tributary.common.data.IdxReader;
import io.tributary.common.data.LabeledDataset;
import io.tributary.common.model.Architecture;
import io.tributary.gaia.app.GaiaApp;
import io.tributary.gaia.ic.GeneratedImages;
import io.tributary.gaia.ic.ImageClassification;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The image-classification application's settings (thesis §5.4.2): the network, momentum SGD, and
 * the data, one of
 * <ul>
 *   <li>{@code generated}: {@link #generated} images;</li>
 *   <li>{@code fashion-mnist} / {@code mnist}: the installed IDX files (or {@link #path}, a
 *       directory with the four IDX files);</li>
 *   <li>{@code cifar10}: {@link #path}, the CIFAR-10 JPEG tar of {@code ../shared/data} or a
 *       folder / binary batches ({@link CifarReader#read}).</li>
 * </ul>
 * {@link #trainLimit} and {@link #testLimit} keep the first images (0: all) so a run fits a small
 * machine.
 *
 * @param architecture network id ({@code gn-lenet}, {@code resnet20-gn}, {@code lenet}, {@code mlp})
 * @param learningRate momentum SGD step size
 * @param momentum momentum
 * @param weightDecay L2 weight decay
 * @param batchSize minibatch size
 * @param batchesPerClock minibatches per worker per clock
 * @param seed model initialisation and data order seed
 * @param source {@code generated}, {@code fashion-mnist}, {@code mnist} or {@code cifar10}
 * @param generated the generated images (source {@code generated})
 * @param path data location (null: the installed default)
 * @param trainLimit training images kept (0: all)
 * @param testLimit test images kept (0: all)
 */
public record IcSettings(String architecture, double learningRate, double momentum, double weightDecay, int batchSize,
    int batchesPerClock, long seed, String source, GeneratedImages generated, String path, int trainLimit,
    int testLimit) implements AppSettings {

  public IcSettings {
    Architecture.parse(architecture);
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

  @Override
  public String name() {
    return "ic";
  }

  @Override
  public GaiaApp<? extends Serializable> build() throws IOException {
    Architecture arch = Architecture.parse(architecture);
    if (source.equals("generated")) {
      return ImageClassification.generated(generated, arch, learningRate, momentum, weightDecay, batchSize,
          batchesPerClock, seed);
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
    return ImageClassification.fromDatasets(train, test, arch, learningRate, momentum, weightDecay, batchSize,
        batchesPerClock, seed);
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

  @Override
  public void write(Map<String, String> p) {
    p.put("ic.architecture", architecture);
    p.put("ic.lr", num(learningRate));
    p.put("ic.momentum", num(momentum));
    p.put("ic.weight_decay", num(weightDecay));
    p.put("ic.batch_size", Integer.toString(batchSize));
    p.put("ic.batches_per_clock", Integer.toString(batchesPerClock));
    p.put("ic.seed", Long.toString(seed));
    p.put("ic.data", source);
    p.put("ic.train_limit", Integer.toString(trainLimit));
    p.put("ic.test_limit", Integer.toString(testLimit));
    if (path != null) {
      p.put("ic.path", path);
    }
    if (generated != null) {
      p.put("ic.classes", Integer.toString(generated.classes()));
      p.put("ic.side", Integer.toString(generated.side()));
      p.put("ic.train_size", Integer.toString(generated.trainSize()));
      p.put("ic.test_size", Integer.toString(generated.testSize()));
      p.put("ic.noise", num(generated.noise()));
      p.put("ic.data_seed", Long.toString(generated.seed()));
    }
  }

  static IcSettings read(Props q) {
    String source = q.str("ic.data");
    GeneratedImages g = null;
    if (source.equals("generated")) {
      g = new GeneratedImages(q.integer("ic.classes"), q.integer("ic.side"), q.integer("ic.train_size"),
          q.integer("ic.test_size"), q.dbl("ic.noise"), q.lng("ic.data_seed"));
    }
    return new IcSettings(q.str("ic.architecture"), q.dbl("ic.lr"), q.dbl("ic.momentum"), q.dbl("ic.weight_decay"),
        q.integer("ic.batch_size"), q.integer("ic.batches_per_clock"), q.lng("ic.seed"), source, g,
        q.str("ic.path", null), q.integer("ic.train_limit"), q.integer("ic.test_limit"));
  }
}
