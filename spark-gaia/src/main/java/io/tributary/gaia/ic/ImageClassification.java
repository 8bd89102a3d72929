package io.tributary.gaia.ic;

import io.tributary.common.asp.SignificanceFunction;
import io.tributary.common.data.LabeledDataset;
import io.tributary.common.model.Architecture;
import io.tributary.common.model.Evaluation;
import io.tributary.common.model.Gradient;
import io.tributary.common.model.ModelSpec;
import io.tributary.common.model.Replica;
import io.tributary.common.train.MomentumSgd;
import io.tributary.gaia.app.GaiaApp;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Image classification as Gaia runs it (thesis §5.4.2): a CNN trained by momentum SGD through DJL
 * ({@link Replica}); its weights live in the parameter store and workers send updates. In a clock a
 * worker evaluates its slice of the test set with the parameters read at the start of the clock,
 * then takes {@code batchesPerClock} momentum-SGD steps on minibatches of its training images
 * (its velocity stays with it), and sends the change of its copy of the weights divided by the
 * number of workers in the whole deployment. The parameter store sums the updates (inside a data
 * centre by BSP, across data centres by ASP), so what it applies per clock is the workers' mean
 * change, as data-parallel SGD averages its workers' gradients; with one minibatch per clock that
 * is SGD with the workers' minibatches together, and LAN (same workers, one data centre) trains
 * with the same step.
 *
 * <p>Objective: test accuracy (higher is better), summed over every worker's test slice, so each
 * data centre's copy is judged on its share of the test set; the final model of each data centre
 * is also scored on the whole test set ({@link #evaluate}). Significance: {@code |acc/value|} per
 * weight, the default. Networks with BatchNorm are refused (their running statistics are not
 * trained parameters and would not be shared); GN-LeNet is the default, as in thesis §6.4.2.
 *
 * <p>Data: generated images ({@link GeneratedImages}, built on the executors) or a
 * {@link LabeledDataset} read in the driver (Fashion-MNIST, MNIST, CIFAR-10). Training images are
 * placed on data centres and workers by a hash of their index.
 */
public final class ImageClassification implements GaiaApp<IcWorker> {
  private static final long serialVersionUID = 1L;

  // ModelSpec is not Serializable: the closures shipped to executors carry its parts.
  private final String architectureId;
  private final int[] inputShape;
  private final int numClasses;
  private final int groupSize;
  private transient ModelSpec spec;
  private final double learningRate;
  private final double momentum;
  private final double weightDecay;
  private final int batchSize;
  private final int batchesPerClock;
  private final long seed;
  private final GeneratedImages generated;
  private final float[] mean;
  private final float[] std;
  private final String description;
  private final int parameterCount;
  private transient LabeledDataset train; // file data: driver only
  private transient LabeledDataset test;
  private transient float[] initial;

  private ImageClassification(ModelSpec spec, IcTraining training, GeneratedImages generated, float[] mean, float[] std,
      String description, LabeledDataset train, LabeledDataset test) {
    double learningRate = training.learningRate();
    double momentum = training.momentum();
    double weightDecay = training.weightDecay();
    int batchSize = training.batchSize();
    int batchesPerClock = training.batchesPerClock();
    if (spec.architecture().usesBatchNorm()) {
      throw new IllegalArgumentException(spec.architecture().id() + " has BatchNorm, whose running statistics are not"
          + " trained parameters and would not be shared between data centres; use gn-lenet, resnet20-gn, lenet or mlp");
    }
    if (!(learningRate > 0) || !(momentum >= 0 && momentum < 1) || !(weightDecay >= 0) || batchSize < 1
        || batchesPerClock < 1) {
      throw new IllegalArgumentException("IC needs lr > 0, momentum in [0, 1), weight decay >= 0, batch size and"
          + " batches per clock >= 1");
    }
    this.spec = spec;
    this.architectureId = spec.architecture().id();
    this.inputShape = spec.inputShape();
    this.numClasses = spec.numClasses();
    this.groupSize = spec.groupSize();
    this.learningRate = learningRate;
    this.momentum = momentum;
    this.weightDecay = weightDecay;
    this.batchSize = batchSize;
    this.batchesPerClock = batchesPerClock;
    this.seed = training.seed();
    this.generated = generated;
    this.mean = mean;
    this.std = std;
    this.description = description;
    this.train = train;
    this.test = test;
    try (Replica r = Replica.create(spec, this.seed)) {
      this.parameterCount = r.numParameters();
      this.initial = r.parameters();
    }
  }

  /** A CNN on generated images (1 channel, {@code images.side()} square). */
  public static ImageClassification generated(GeneratedImages images, Architecture architecture, IcTraining training) {
    ModelSpec spec = new ModelSpec(architecture, new int[] {1, images.side(), images.side()}, images.classes());
    // The generator maps template values in [0,1] to 28..228 plus noise: centre and scale alike.
    return new ImageClassification(spec, training, images, new float[] {0.5f}, new float[] {0.25f},
        "generated " + images, null, null);
  }


  /**
   * A CNN on datasets read in this JVM (normalised per channel with the training set's mean and
   * standard deviation).
   */
  public static ImageClassification fromDatasets(LabeledDataset train, LabeledDataset test, Architecture architecture,
      IcTraining training) {
    if (!train.isByteBacked() || !test.isByteBacked()) {
      throw new IllegalArgumentException("datasets must hold 8-bit images (IDX, CIFAR, image folders)");
    }
    if (!Arrays.equals(train.sampleShape(), test.sampleShape()) || train.numClasses() != test.numClasses()) {
      throw new IllegalArgumentException("training set " + train.name() + " " + Arrays.toString(train.sampleShape())
          + " and test set " + test.name() + " " + Arrays.toString(test.sampleShape()) + " do not match");
    }
    ModelSpec spec = new ModelSpec(architecture, train.sampleShape(), train.numClasses());
    float[][] ms = channelStats(train);
    String what = String.format(Locale.ROOT, "%s (%d training, %d test images %s, %d classes)", train.name(),
        train.size(), test.size(), Arrays.toString(train.sampleShape()), train.numClasses());
    return new ImageClassification(spec, training, null, ms[0], ms[1], what, train, test);
  }


  /** Per-channel mean and standard deviation of byte images scaled to [0, 1] (at most 5000 samples). */
  static float[][] channelStats(LabeledDataset d) {
    int c = d.sampleShape()[0];
    int per = d.sampleSize() / c;
    double[] sum = new double[c];
    double[] sq = new double[c];
    int n = Math.min(d.size(), 5000);
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < d.sampleSize(); k++) {
        double x = d.rawByte(i, k) / 255.0;
        sum[k / per] += x;
        sq[k / per] += x * x;
      }
    }
    float[] mean = new float[c];
    float[] std = new float[c];
    for (int ch = 0; ch < c; ch++) {
      double m = sum[ch] / ((double) n * per);
      mean[ch] = (float) m;
      std[ch] = (float) Math.max(1e-3, Math.sqrt(sq[ch] / ((double) n * per) - m * m));
    }
    return new float[][] {mean, std};
  }

  /** The network's spec. */
  public ModelSpec spec() {
    if (spec == null) {
      spec = new ModelSpec(Architecture.parse(architectureId), inputShape, numClasses, groupSize);
    }
    return spec;
  }

  public String description() {
    return description;
  }

  @Override
  public String name() {
    return "ic";
  }

  @Override
  public int parameterCount() {
    return parameterCount;
  }

  @Override
  public float[] initialParameters() {
    if (initial == null) {
      try (Replica r = Replica.create(spec(), seed)) {
        initial = r.parameters();
      }
    }
    return initial.clone();
  }

  @Override
  public SignificanceFunction significance() {
    return SignificanceFunction.relativeMagnitude();
  }

  @Override
  public JavaRDD<IcWorker> workers(JavaSparkContext sc, int dc, int dcCount, int workers) {
    ImagePlacement placement = new ImagePlacement(spec().inputShape(), spec().numClasses(), mean, std, seed);
    if (generated != null) {
      GeneratedImages g = generated;
      List<Integer> parts = IntStream.range(0, workers).boxed().toList();
      return sc.parallelize(parts, workers).map(p -> placement.generated(g, dc, dcCount, workers, p));
    }
    if (train == null) {
      throw new IllegalStateException("the images of " + description + " are not loaded in this JVM");
    }
    return sc.parallelize(placement.fromDatasets(train, test, dc, dcCount, workers), workers);
  }

  private Replica borrow() {
    return ReplicaPool.borrow(spec());
  }

  private void release(Replica r) {
    ReplicaPool.release(spec(), r);
  }

  @Override
  public Step<IcWorker> step(IcWorker w, float[] params, long clock) {
    Replica r = borrow();
    try {
      r.setParameters(params);
      float[] local = params.clone();
      MomentumSgd opt = new MomentumSgd(momentum, weightDecay);
      if (w.velocity.length > 0) {
        opt.setVelocity(w.velocity);
      }
      int[] order = w.order;
      int cursor = w.cursor;
      int epoch = w.epoch;
      int b = Math.min(batchSize, w.trainSize());
      double trainLoss = 0;
      int batches = 0;
      for (int k = 0; k < batchesPerClock && b > 0; k++) {
        if (cursor + b > order.length) {
          epoch++;
          order = IcWorker.permutation(w.trainSize(), w.seed, epoch);
          cursor = 0;
        }
        Gradient g = r.gradient(w.trainSet(), Arrays.copyOfRange(order, cursor, cursor + b));
        cursor += b;
        opt.step(local, g.values(), learningRate);
        r.setParameters(local);
        trainLoss += g.loss();
        batches++;
      }
      float share = 1f / w.deploymentWorkers;
      for (int i = 0; i < local.length; i++) {
        local[i] = (local[i] - params[i]) * share;
      }
      IcWorker next = w.advanced(order, cursor, epoch, opt.velocity().clone());
      return new Step<>(next, local, new double[] {trainLoss, batches});
    } finally {
      release(r);
    }
  }

  /** Correct answers, images and summed loss on this worker's slice of the test set. */
  @Override
  public double[] score(IcWorker w, float[] params) {
    int n = w.testSize();
    if (n == 0) {
      return new double[] {0, 0, 0};
    }
    Replica r = borrow();
    try {
      r.setParameters(params);
      Evaluation e = r.evaluate(w.testSet(), 256);
      return new double[] {Math.round(e.top1() * n), n, e.loss() * n};
    } finally {
      release(r);
    }
  }

  @Override
  public double[] dataCentreStats(double[] workersSum, float[] params) {
    return workersSum.clone();
  }

  /** Test accuracy over every data centre's test slice. */
  @Override
  public double objective(List<double[]> perDataCentre) {
    double correct = 0;
    double n = 0;
    for (double[] s : perDataCentre) {
      correct += s[0];
      n += s[1];
    }
    return n == 0 ? Double.NaN : correct / n;
  }

  @Override
  public boolean lowerIsBetter() {
    return false;
  }

  @Override
  public String objectiveName() {
    return "test accuracy";
  }

  /** Images as bytes plus a label byte each. */
  @Override
  public long dataBytes(IcWorker w) {
    return w.images.trainPixels().length + (long) w.images.trainLabels().length;
  }

  /** Accuracy and loss of the final model on the whole test set. */
  @Override
  public Map<String, Double> evaluate(float[] params) {
    LabeledDataset t = fullTestSet();
    if (t.size() == 0) {
      return Map.of();
    }
    Replica r = borrow();
    try {
      r.setParameters(params);
      Evaluation e = r.evaluate(t, 256);
      return Map.of("test_accuracy", e.top1(), "test_loss", e.loss());
    } finally {
      release(r);
    }
  }

  private LabeledDataset fullTestSet() {
    if (test == null) {
      GeneratedImages g = generated;
      float[] templates = g.templates();
      int size = g.side() * g.side();
      byte[] pix = new byte[g.testSize() * size];
      int[] lab = new int[g.testSize()];
      for (int i = 0; i < g.testSize(); i++) {
        g.sample(false, i, templates, pix, i * size);
        lab[i] = g.label(false, i);
      }
      test = LabeledDataset.ofBytes("generated-test", spec().inputShape(),
          IntStream.range(0, g.classes()).mapToObj(Integer::toString).toList(), pix, lab);
    }
    return test.normalized(mean, std);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "IC(%s, %d parameters, momentum SGD lr %.3g m %.2f wd %.1e, batch %d x %d per"
        + " clock, %s)", architectureId, parameterCount, learningRate, momentum, weightDecay, batchSize,
        batchesPerClock, description);
  }
}
