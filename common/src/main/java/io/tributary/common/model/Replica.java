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
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.zip.CRC32;

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

  private static final byte[] MAGIC = "TRBMODEL".getBytes(StandardCharsets.US_ASCII);
  private static final int FORMAT_VERSION = 1;

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
   * Writes the spec, the parameters and the state to {@code file}, atomically (a temporary file in
   * the same directory, then a rename), so an existing file is either kept or fully replaced. The
   * format is self-describing and check-summed: magic {@code TRBMODEL}, version, spec, tensor
   * layout, the float values (big-endian) and a CRC-32.
   */
  public void save(Path file) {
    checkOpen();
    byte[] bytes = encode();
    Path abs = file.toAbsolutePath();
    Path dir = abs.getParent();
    try {
      if (dir != null) {
        Files.createDirectories(dir);
      }
      Path tmp = Files.createTempFile(dir, abs.getFileName().toString(), ".tmp");
      try {
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
          ByteBuffer buf = ByteBuffer.wrap(bytes);
          while (buf.hasRemaining()) {
            ch.write(buf);
          }
          ch.force(true);
        }
        try {
          Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write model file " + file + ": " + e.getMessage(), e);
    }
  }

  private byte[] encode() {
    float[] params = parameters();
    float[] st = state();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 4 * (params.length + st.length) + 64 * layout.size());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(MAGIC);
      out.writeInt(FORMAT_VERSION);
      writeSpec(out, spec);
      out.writeInt(layout.size());
      for (ParameterSlice s : layout) {
        out.writeUTF(s.name());
        out.writeBoolean(s.trainable());
        int[] shape = s.shape();
        out.writeInt(shape.length);
        for (int d : shape) {
          out.writeInt(d);
        }
      }
      out.writeInt(params.length);
      out.writeInt(st.length);
      for (float v : params) {
        out.writeFloat(v);
      }
      for (float v : st) {
        out.writeFloat(v);
      }
      out.flush();
      CRC32 crc = new CRC32();
      crc.update(bytes.toByteArray());
      out.writeLong(crc.getValue());
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in-memory stream: cannot happen
    }
    return bytes.toByteArray();
  }

  private static void writeSpec(DataOutputStream out, ModelSpec spec) throws IOException {
    out.writeUTF(spec.architecture().id());
    int[] shape = spec.inputShape();
    out.writeInt(shape.length);
    for (int d : shape) {
      out.writeInt(d);
    }
    out.writeInt(spec.numClasses());
    out.writeInt(spec.groupSize());
  }

  /**
   * Reads a model written by {@link #save}: a new replica of the file's spec with its parameters
   * and state.
   *
   * @throws ModelFileException naming the file and the problem if it is not a model file, is
   *     truncated or corrupt
   * @throws UncheckedIOException if it cannot be read
   */
  public static Replica load(Path file) {
    Decoded d = decode(file);
    Replica r = create(d.spec, 0);
    try {
      r.apply(d, file);
      return r;
    } catch (RuntimeException e) {
      r.close();
      throw e;
    }
  }

  /**
   * Like {@link #load(Path)} but insists that the file holds a model of {@code expected}.
   *
   * @throws ModelFileException if the file's spec differs (the message names both)
   */
  public static Replica load(Path file, ModelSpec expected) {
    Decoded d = decode(file);
    if (!d.spec.equals(expected)) {
      throw new ModelFileException("model file " + file + " holds " + d.spec + ", expected " + expected);
    }
    Replica r = create(d.spec, 0);
    try {
      r.apply(d, file);
      return r;
    } catch (RuntimeException e) {
      r.close();
      throw e;
    }
  }

  /**
   * Loads the parameters and state of {@code file} into this replica.
   *
   * @throws ModelFileException if the file holds another spec (nothing is changed then)
   */
  public void restore(Path file) {
    checkOpen();
    Decoded d = decode(file);
    if (!d.spec.equals(spec)) {
      throw new ModelFileException("model file " + file + " holds " + d.spec + ", but this replica is " + spec);
    }
    apply(d, file);
  }

  private void apply(Decoded d, Path file) {
    if (d.names.size() != layout.size()) {
      throw new ModelFileException("model file " + file + " has " + d.names.size() + " tensors, " + spec + " has "
          + layout.size() + " (written by another version of the model zoo?)");
    }
    for (int i = 0; i < layout.size(); i++) {
      ParameterSlice s = layout.get(i);
      if (!Arrays.equals(d.shapes.get(i), s.shape()) || d.trainable.get(i) != s.trainable()) {
        throw new ModelFileException("model file " + file + ": tensor " + i + " (" + d.names.get(i) + ") has shape "
            + Arrays.toString(d.shapes.get(i)) + ", the model expects " + s.name() + " " + Arrays.toString(s.shape()));
      }
    }
    if (d.params.length != numParameters || d.state.length != numState) {
      throw new ModelFileException("model file " + file + " has " + d.params.length + " parameters and "
          + d.state.length + " state values, the model " + numParameters + " and " + numState);
    }
    setParameters(d.params);
    setState(d.state);
  }

  private record Decoded(ModelSpec spec, List<String> names, List<int[]> shapes, List<Boolean> trainable,
      float[] params, float[] state) {}

  private static Decoded decode(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException("model file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model file " + file + ": " + e.getMessage(), e);
    }
    if (bytes.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
      throw new ModelFileException("model file " + file + " is not a Tributary model file (no TRBMODEL header)");
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    in.position(MAGIC.length);
    try {
      int version = in.getInt();
      if (version != FORMAT_VERSION) {
        throw new ModelFileException("model file " + file + " has format version " + version + ", this build reads "
            + FORMAT_VERSION);
      }
      String arch = readUtf(in);
      int rank = checkedCount(in.getInt(), 8, file, "input rank");
      int[] shape = new int[rank];
      for (int i = 0; i < rank; i++) {
        shape[i] = in.getInt();
      }
      int numClasses = in.getInt();
      int groupSize = in.getInt();
      ModelSpec spec;
      try {
        spec = new ModelSpec(Architecture.parse(arch), shape, numClasses, groupSize);
      } catch (IllegalArgumentException e) {
        throw new ModelFileException("model file " + file + " has an invalid model spec: " + e.getMessage(), e);
      }
      int tensors = checkedCount(in.getInt(), 10_000, file, "tensor count");
      List<String> names = new ArrayList<>();
      List<int[]> shapes = new ArrayList<>();
      List<Boolean> trainable = new ArrayList<>();
      for (int t = 0; t < tensors; t++) {
        names.add(readUtf(in));
        trainable.add(in.get() != 0);
        int r = checkedCount(in.getInt(), 8, file, "tensor rank");
        int[] s = new int[r];
        for (int i = 0; i < r; i++) {
          s[i] = in.getInt();
        }
        shapes.add(s);
      }
      int np = checkedCount(in.getInt(), Integer.MAX_VALUE / 4, file, "parameter count");
      int ns = checkedCount(in.getInt(), Integer.MAX_VALUE / 4, file, "state count");
      long expected = (long) in.position() + 4L * np + 4L * ns + 8;
      if (bytes.length < expected) {
        throw new ModelFileException("model file " + file + " is truncated: " + bytes.length + " bytes, expected "
            + expected);
      }
      if (bytes.length > expected) {
        throw new ModelFileException("model file " + file + " has " + (bytes.length - expected)
            + " unexpected trailing bytes");
      }
      float[] params = new float[np];
      float[] state = new float[ns];
      in.asFloatBuffer().get(params);
      in.position(in.position() + 4 * np);
      in.asFloatBuffer().get(state);
      in.position(in.position() + 4 * ns);
      long storedCrc = in.getLong();
      CRC32 crc = new CRC32();
      crc.update(bytes, 0, bytes.length - 8);
      if (crc.getValue() != storedCrc) {
        throw new ModelFileException("model file " + file + " is corrupt (checksum mismatch)");
      }
      return new Decoded(spec, names, shapes, trainable, params, state);
    } catch (java.nio.BufferUnderflowException e) {
      throw new ModelFileException("model file " + file + " is truncated (" + bytes.length + " bytes)", e);
    }
  }

  private static int checkedCount(int v, int max, Path file, String what) {
    if (v < 0 || v > max) {
      throw new ModelFileException("model file " + file + " is corrupt: " + what + " " + v);
    }
    return v;
  }

  private static String readUtf(ByteBuffer in) {
    int len = Short.toUnsignedInt(in.getShort());
    byte[] b = new byte[len];
    in.get(b);
    // Names are ASCII, where modified UTF-8 and UTF-8 agree.
    return new String(b, StandardCharsets.UTF_8);
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
