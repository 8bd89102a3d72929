package io.tributary.common.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.loss.Loss;
import io.tributary.common.data.LabeledDataset;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One instance of a network: a DJL block on the PyTorch engine (CPU) with its own
 * {@link NDManager}, exposed to synchronisation protocols as flat {@code float[]} vectors.
 *
 * <p><b>Flat order.</b> {@link #parameters()} concatenates the trainable tensors in the order of
 * DJL's {@code Block.getParameters()}: depth-first through the network in forward order (in a
 * residual block the main path before the shortcut); within a layer, convolution/dense
 * {@code weight} then {@code bias}, norm {@code gamma} then {@code beta}. Each tensor is row-major.
 * {@link #state()} holds the non-trainable tensors (BatchNorm {@code runningMean},
 * {@code runningVar}) in the same traversal order. {@link #layout()} lists every slice. The order is
 * a function of the {@link ModelSpec} only, so replicas of equal specs can exchange vectors.
 *
 * <p><b>Initialisation</b> is deterministic for a seed and done in Java ({@code java.util.Random}), not by the
 * engine's global generator: weights ~ N(0, 2 / fan_in) (He) except the classifier's N(0, 1 / fan_in),
 * biases 0, norm gamma 1 and beta 0, running mean 0 and variance 1.
 *
 * <p><b>Threads.</b> A replica is used by one thread at a time; different replicas may run in
 * parallel threads. Gradients are taken with PyTorch's (thread-local) autograd directly rather than
 * DJL's {@code GradientCollector}, which allows only one collecting thread per JVM. PyTorch's
 * intra-op parallelism is set to 1 thread per op by default (system property
 * {@value #THREADS_PROPERTY} overrides; the setting is JVM-wide): parallelism comes from running
 * replicas side by side, and on a small shared machine multi-threaded kernels were measured 5-10x
 * slower than single-threaded ones (their spinning threads wait for descheduled peers).
 *
 * <p><b>Determinism.</b> On CPU with a fixed number of intra-op threads, the same parameters and
 * minibatch give bit-identical gradients (tested); results may differ in the last bits across
 * machines or thread counts (PyTorch/oneDNN pick kernels by CPU features and split reductions by
 * thread).
 *
 * <p><b>Memory.</b> Every step runs in a sub-manager closed at its end; only the parameters live in
 * the replica's manager. {@link #close()} frees them.
 */
public final class Replica implements AutoCloseable {
  /** The DJL engine used for training. */
  public static final String ENGINE = TorchEngine.NAME;

  /** System property: PyTorch intra-op threads (default 1, see the class comment). */
  public static final String THREADS_PROPERTY = TorchEngine.THREADS_PROPERTY;

  private final ModelSpec spec;
  private final NDManager manager;
  private final Block block;
  private final ParameterStore store;
  private final List<BatchMeanProbe> probes;
  private final FlatParameters flat;
  private final Loss loss = Loss.softmaxCrossEntropyLoss();
  private boolean closed;

  private Replica(ModelSpec spec, NDManager manager, Models.Network net) {
    this.spec = spec;
    this.manager = manager;
    this.block = net.block();
    this.probes = net.batchNormProbes();
    this.store = new ParameterStore(manager, false);
    this.flat = new FlatParameters(block);
  }

  /**
   * A new replica of {@code spec} with parameters drawn deterministically from {@code seed}.
   *
   * @throws IllegalArgumentException if the spec cannot be built (e.g. a GroupNorm width not
   *     divisible by the group size, or an input too small for the network)
   */
  public static Replica create(ModelSpec spec, long seed) {
    Objects.requireNonNull(spec, "spec");
    NDManager manager = TorchEngine.get().newBaseManager(Device.cpu());
    try {
      Models.Network net = Models.build(spec);
      // Shapes only: the values are overwritten below from a Java RNG, so the engine's global
      // generator (shared by all threads) never decides an initial model.
      net.block().setInitializer(Initializer.ZEROS, p -> true);
      try {
        net.block().initialize(manager, DataType.FLOAT32, InferencePass.batchShape(spec, 2));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("cannot build " + spec + ": " + e.getMessage(), e);
      }
      Replica r = new Replica(spec, manager, net);
      SeededInitialisation.apply(r.block, r.flat.trainable(), seed);
      return r;
    } catch (RuntimeException | Error e) {
      manager.close();
      throw e;
    }
  }

  /** A new replica with the same spec, parameters and state as this one. */
  public Replica copy() {
    Replica r = create(spec, 0);
    r.setParameters(parameters());
    r.setState(state());
    return r;
  }

  public ModelSpec spec() {
    return spec;
  }

  /** Number of trainable parameters (length of {@link #parameters()}). */
  public int numParameters() {
    return flat.numParameters();
  }

  /** Number of non-trainable state values (length of {@link #state()}); 0 without BatchNorm. */
  public int numState() {
    return flat.numState();
  }

  /** Every parameter tensor's place in the flat vectors, in order (trainable and state interleaved). */
  public List<ParameterSlice> layout() {
    return flat.layout();
  }

  /** The DJL block (for inspection; mutate parameters only through this class). */
  public Block block() {
    return block;
  }

  /** A copy of the trainable parameters, flat, in the documented order. */
  public float[] parameters() {
    checkOpen();
    return flat.parameters();
  }

  /** Replaces the trainable parameters with {@code flat} (exactly; {@code parameters()} returns the same values). */
  public void setParameters(float[] values) {
    checkOpen();
    flat.setParameters(values);
  }

  /** Adds {@code delta} element-wise to the trainable parameters. */
  public void addToParameters(float[] delta) {
    checkOpen();
    FlatParameters.checkLength(delta, flat.numParameters(), "parameter delta");
    float[] p = parameters();
    for (int i = 0; i < p.length; i++) {
      p[i] += delta[i];
    }
    setParameters(p);
  }

  /** A copy of the non-trainable state (BatchNorm running means and variances), flat; empty without BatchNorm. */
  public float[] state() {
    checkOpen();
    return flat.state();
  }

  /** Replaces the non-trainable state. */
  public void setState(float[] values) {
    checkOpen();
    flat.setState(values);
  }

  /**
   * A training-mode forward and backward pass on the samples at {@code batchPositions} of
   * {@code data}: returns the gradient of the mean cross-entropy (parameters are not changed).
   * BatchNorm layers normalise with the minibatch statistics and update their running statistics,
   * and {@link #lastBatchNormMeans()} records the minibatch means.
   */
  public Gradient gradient(LabeledDataset data, int[] batchPositions) {
    checkOpen();
    checkData(data);
    if (batchPositions.length == 0) {
      throw new IllegalArgumentException("empty minibatch");
    }
    int b = batchPositions.length;
    float[] features = data.batchFeatures(batchPositions);
    int[] labels = data.batchLabels(batchPositions);
    float[] grad = new float[flat.numParameters()];
    float lossValue;
    float[] logits;
    boolean wasGrad = JniUtils.isGradMode();
    try (NDManager step = manager.newSubManager()) {
      JniUtils.setGradMode(true);
      NDArray x = step.create(features, InferencePass.batchShape(spec, b));
      NDArray y = step.create(toLong(labels));
      NDArray out = block.forward(store, new NDList(x), true).singletonOrThrow();
      NDArray l = loss.evaluate(new NDList(y), new NDList(out));
      JniUtils.backward((PtNDArray) l, (PtNDArray) step.ones(l.getShape()), false, false);
      int off = 0;
      for (Parameter p : flat.trainable()) {
        PtNDArray array = (PtNDArray) p.getArray();
        try (NDArray g = array.getGradient()) {
          float[] v = g.toFloatArray();
          System.arraycopy(v, 0, grad, off, v.length);
          off += v.length;
        }
        // PyTorch accumulates into .grad; clear it so the next step starts from zero.
        JniUtils.zeroGrad(array);
      }
      lossValue = l.getFloat();
      logits = out.toFloatArray();
    } finally {
      JniUtils.setGradMode(wasGrad);
    }
    int correct = 0;
    for (int i = 0; i < b; i++) {
      if (InferencePass.argMax(logits, i * spec.numClasses(), spec.numClasses()) == labels[i]) {
        correct++;
      }
    }
    return new Gradient(grad, lossValue, correct / (float) b);
  }

  /**
   * Inference-mode (BatchNorm uses running statistics) top-1 accuracy and mean cross-entropy over
   * all of {@code data}, in batches of {@code batchSize}.
   */
  public Evaluation evaluate(LabeledDataset data, int batchSize) {
    checkOpen();
    checkData(data);
    return InferencePass.evaluate(block, store, manager, spec, data, batchSize);
  }

  /**
   * Per BatchNorm layer (in layer order), the per-channel means of that layer's input in the last
   * training minibatch ({@link #gradient}): the mu_B of thesis §6.4.1. Empty for networks without
   * BatchNorm, and before the first training step.
   */
  public List<float[]> lastBatchNormMeans() {
    List<float[]> out = new ArrayList<>(probes.size());
    for (BatchMeanProbe p : probes) {
      float[] m = p.lastMeans();
      if (m == null) {
        return List.of();
      }
      out.add(m);
    }
    return out;
  }

  private void checkData(LabeledDataset data) {
    Objects.requireNonNull(data, "data");
    boolean fits = spec.architecture().isConvolutional() ? Arrays.equals(data.sampleShape(), spec.inputShape())
        : data.sampleSize() == spec.inputSize();
    if (!fits) {
      throw new IllegalArgumentException("dataset " + data.name() + " has samples of shape "
          + Arrays.toString(data.sampleShape()) + " but the model " + spec + " expects "
          + Arrays.toString(spec.inputShape()));
    }
    if (data.numClasses() > spec.numClasses()) {
      throw new IllegalArgumentException("dataset " + data.name() + " has " + data.numClasses()
          + " classes but the model " + spec + " only " + spec.numClasses());
    }
  }

  private static long[] toLong(int[] v) {
    long[] out = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }

  // ---------------------------------------------------------------- persistence

  /**
   * Writes the spec, the parameters and the state to {@code file}, atomically, in the model file
   * format of {@link ReplicaFiles}.
   */
  public void save(Path file) {
    checkOpen();
    ReplicaFiles.save(this, file);
  }

  /**
   * Reads a model file ({@link ReplicaFiles}, either format): a new replica of the file's spec with
   * its parameters and state.
   *
   * @throws ModelFileException naming the file and the problem if it is not a model file, is
   *     truncated or corrupt
   * @throws UncheckedIOException if it cannot be read
   */
  public static Replica load(Path file) {
    return ReplicaFiles.load(file, null);
  }

  /**
   * Like {@link #load(Path)} but insists that the file holds a model of {@code expected}.
   *
   * @throws ModelFileException if the file's spec differs (the message names both)
   */
  public static Replica load(Path file, ModelSpec expected) {
    return ReplicaFiles.load(file, Objects.requireNonNull(expected, "expected"));
  }

  /**
   * Loads the parameters and state of {@code file} into this replica.
   *
   * @throws ModelFileException if the file holds another spec (nothing is changed then)
   */
  public void restore(Path file) {
    checkOpen();
    ReplicaFiles.restore(this, file);
  }

  /** The manager that owns this replica's parameters. */
  NDManager manager() {
    checkOpen();
    return manager;
  }

  /** Number of native arrays this replica's manager holds (parameters; more means a leak). */
  int liveArrays() {
    return manager.getManagedArrays().size();
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("replica of " + spec + " is closed");
    }
  }

  /** Frees the native memory of this replica. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      manager.close();
    }
  }

  @Override
  public String toString() {
    return "Replica[" + spec + ", " + flat.numParameters() + " parameters]";
  }
}
