package io.tributary.common.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import io.tributary.common.data.LabeledDataset;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;

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
 * <p><b>Initialisation</b> is deterministic for a seed and done in Java ({@link Random}), not by the
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
  public static final String ENGINE = "PyTorch";

  /** System property: PyTorch intra-op threads (default 1, see the class comment). */
  public static final String THREADS_PROPERTY = "tributary.torch.threads";

  private static volatile boolean engineConfigured;

  private final ModelSpec spec;
  private final NDManager manager;
  private final Block block;
  private final ParameterStore store;
  private final List<BatchMeanProbe> probes;
  private final Parameter[] trainable;
  private final Parameter[] stateful;
  private final List<ParameterSlice> layout;
  private final int numParameters;
  private final int numState;
  private final Loss loss = Loss.softmaxCrossEntropyLoss();
  private boolean closed;

  private Replica(ModelSpec spec, NDManager manager, Models.Network net) {
    this.spec = spec;
    this.manager = manager;
    this.block = net.block();
    this.probes = net.batchNormProbes();
    this.store = new ParameterStore(manager, false);
    List<Parameter> train = new ArrayList<>();
    List<Parameter> state = new ArrayList<>();
    List<ParameterSlice> slices = new ArrayList<>();
    int trainOffset = 0;
    int stateOffset = 0;
    for (Pair<String, Parameter> p : block.getParameters()) {
      Parameter param = p.getValue();
      int[] shape = Arrays.stream(param.getArray().getShape().getShape()).mapToInt(Math::toIntExact).toArray();
      int length = Math.toIntExact(param.getArray().size());
      if (param.requiresGradient()) {
        train.add(param);
        slices.add(new ParameterSlice(p.getKey(), shape, trainOffset, length, true));
        trainOffset += length;
      } else {
        state.add(param);
        slices.add(new ParameterSlice(p.getKey(), shape, stateOffset, length, false));
        stateOffset += length;
      }
    }
    this.trainable = train.toArray(new Parameter[0]);
    this.stateful = state.toArray(new Parameter[0]);
    this.layout = List.copyOf(slices);
    this.numParameters = trainOffset;
    this.numState = stateOffset;
  }

  /**
   * A new replica of {@code spec} with parameters drawn deterministically from {@code seed}.
   *
   * @throws IllegalArgumentException if the spec cannot be built (e.g. a GroupNorm width not
   *     divisible by the group size, or an input too small for the network)
   */
  public static Replica create(ModelSpec spec, long seed) {
    Objects.requireNonNull(spec, "spec");
    NDManager manager = engine().newBaseManager(Device.cpu());
    try {
      Models.Network net = Models.build(spec);
      // Shapes only: the values are overwritten below from a Java RNG, so the engine's global
      // generator (shared by all threads) never decides an initial model.
      net.block().setInitializer(Initializer.ZEROS, p -> true);
      int[] in = spec.inputShape();
      long[] batchShape = new long[in.length + 1];
      batchShape[0] = 2;
      for (int i = 0; i < in.length; i++) {
        batchShape[i + 1] = in[i];
      }
      try {
        net.block().initialize(manager, DataType.FLOAT32, new Shape(batchShape));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("cannot build " + spec + ": " + e.getMessage(), e);
      }
      Replica r = new Replica(spec, manager, net);
      r.initialise(seed);
      return r;
    } catch (RuntimeException | Error e) {
      manager.close();
      throw e;
    }
  }

  /**
   * The PyTorch engine, with its intra-op thread count set once per JVM: {@value #THREADS_PROPERTY}
   * if given, else 1 unless DJL's {@code ai.djl.pytorch.num_threads} or {@code OMP_NUM_THREADS}
   * already decide it.
   */
  static Engine engine() {
    Engine engine = Engine.getEngine(ENGINE);
    if (!engineConfigured) {
      synchronized (Replica.class) {
        if (!engineConfigured) {
          String threads = System.getProperty(THREADS_PROPERTY);
          if (threads != null || (System.getProperty("ai.djl.pytorch.num_threads") == null
              && System.getenv("OMP_NUM_THREADS") == null)) {
            int n;
            try {
              n = threads == null ? 1 : Integer.parseInt(threads.trim());
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException(THREADS_PROPERTY + " must be a positive integer, got '" + threads + "'");
            }
            if (n < 1) {
              throw new IllegalArgumentException(THREADS_PROPERTY + " must be a positive integer, got " + n);
            }
            JniUtils.setNumThreads(n);
          }
          engineConfigured = true;
        }
      }
    }
    return engine;
  }

  private void initialise(long seed) {
    Random random = new Random(seed);
    Parameter lastWeight = null;
    for (Parameter p : trainable) {
      if (p.getType() == Parameter.Type.WEIGHT) {
        lastWeight = p;
      }
    }
    for (Pair<String, Parameter> pair : block.getParameters()) {
      Parameter p = pair.getValue();
      NDArray array = p.getArray();
      int n = Math.toIntExact(array.size());
      float[] values = new float[n];
      switch (p.getType()) {
        case WEIGHT -> {
          long[] shape = array.getShape().getShape();
          long fanIn = n / shape[0];
          double std = Math.sqrt((p == lastWeight ? 1.0 : 2.0) / fanIn);
          for (int i = 0; i < n; i++) {
            values[i] = (float) (random.nextGaussian() * std);
          }
        }
        case GAMMA, RUNNING_VAR -> Arrays.fill(values, 1f);
        default -> { } // bias, beta, running mean: zero
      }
      array.set(FloatBuffer.wrap(values));
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
    return numParameters;
  }

  /** Number of non-trainable state values (length of {@link #state()}); 0 without BatchNorm. */
  public int numState() {
    return numState;
  }

  /** Every parameter tensor's place in the flat vectors, in order (trainable and state interleaved). */
  public List<ParameterSlice> layout() {
    return layout;
  }

  /** The DJL block (for inspection; mutate parameters only through this class). */
  public Block block() {
    return block;
  }

  /** A copy of the trainable parameters, flat, in the documented order. */
  public float[] parameters() {
    checkOpen();
    return read(trainable, numParameters);
  }

  /** Replaces the trainable parameters with {@code flat} (exactly; {@code parameters()} returns the same values). */
  public void setParameters(float[] flat) {
    checkOpen();
    write(trainable, flat, numParameters, "parameter");
  }

  /** Adds {@code delta} element-wise to the trainable parameters. */
  public void addToParameters(float[] delta) {
    checkOpen();
    checkLength(delta, numParameters, "parameter delta");
    float[] p = parameters();
    for (int i = 0; i < p.length; i++) {
      p[i] += delta[i];
    }
    setParameters(p);
  }

  /** A copy of the non-trainable state (BatchNorm running means and variances), flat; empty without BatchNorm. */
  public float[] state() {
    checkOpen();
    return read(stateful, numState);
  }

  /** Replaces the non-trainable state. */
  public void setState(float[] flat) {
    checkOpen();
    write(stateful, flat, numState, "state");
  }

  private static float[] read(Parameter[] params, int total) {
    float[] out = new float[total];
    int off = 0;
    for (Parameter p : params) {
      float[] v = p.getArray().toFloatArray();
      System.arraycopy(v, 0, out, off, v.length);
      off += v.length;
    }
    return out;
  }

  private void write(Parameter[] params, float[] flat, int total, String what) {
    checkLength(flat, total, what + " vector");
    int off = 0;
    for (Parameter p : params) {
      int n = Math.toIntExact(p.getArray().size());
      p.getArray().set(FloatBuffer.wrap(flat, off, n).slice());
      off += n;
    }
  }

  private static void checkLength(float[] v, int expected, String what) {
    Objects.requireNonNull(v, what);
    if (v.length != expected) {
      throw new IllegalArgumentException(what + " has " + v.length + " values, the model has " + expected);
    }
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
    float[] grad = new float[numParameters];
    float lossValue;
    float[] logits;
    boolean wasGrad = JniUtils.isGradMode();
    try (NDManager step = manager.newSubManager()) {
      JniUtils.setGradMode(true);
      NDArray x = step.create(features, batchShape(b));
      NDArray y = step.create(toLong(labels));
      NDArray out = block.forward(store, new NDList(x), true).singletonOrThrow();
      NDArray l = loss.evaluate(new NDList(y), new NDList(out));
      JniUtils.backward((PtNDArray) l, (PtNDArray) step.ones(l.getShape()), false, false);
      int off = 0;
      for (Parameter p : trainable) {
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
      if (argMax(logits, i * spec.numClasses(), spec.numClasses()) == labels[i]) {
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
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
    int n = data.size();
    int c = spec.numClasses();
    long correct = 0;
    double lossSum = 0;
    boolean wasGrad = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    try {
      for (int start = 0; start < n; start += batchSize) {
        int b = Math.min(batchSize, n - start);
        int[] pos = new int[b];
        for (int i = 0; i < b; i++) {
          pos[i] = start + i;
        }
        float[] logits;
        try (NDManager step = manager.newSubManager()) {
          NDArray x = step.create(data.batchFeatures(pos), batchShape(b));
          logits = block.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
        }
        int[] labels = data.batchLabels(pos);
        for (int i = 0; i < b; i++) {
          int off = i * c;
          if (argMax(logits, off, c) == labels[i]) {
            correct++;
          }
          double max = Double.NEGATIVE_INFINITY;
          for (int k = 0; k < c; k++) {
            max = Math.max(max, logits[off + k]);
          }
          double sum = 0;
          for (int k = 0; k < c; k++) {
            sum += Math.exp(logits[off + k] - max);
          }
          lossSum += max + Math.log(sum) - logits[off + labels[i]];
        }
      }
    } finally {
      JniUtils.setGradMode(wasGrad);
    }
    return new Evaluation(n == 0 ? 0 : correct / (double) n, n == 0 ? 0 : lossSum / n, n);
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

  private Shape batchShape(int b) {
    int[] in = spec.inputShape();
    long[] s = new long[in.length + 1];
    s[0] = b;
    for (int i = 0; i < in.length; i++) {
      s[i + 1] = in[i];
    }
    return new Shape(s);
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

  private static int argMax(float[] v, int off, int n) {
    int best = 0;
    for (int k = 1; k < n; k++) {
      if (v[off + k] > v[off + best]) {
        best = k;
      }
    }
    return best;
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
    return "Replica[" + spec + ", " + numParameters + " parameters]";
  }
}
