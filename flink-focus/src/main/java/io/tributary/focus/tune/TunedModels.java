package io.tributary.focus.tune;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import io.tributary.common.io.AtomicFiles;
import io.tributary.common.model.Gradient;
import io.tributary.common.train.DjlTraining;
import io.tributary.common.train.StepPlan;
import io.tributary.common.train.TrainListener;
import io.tributary.connectors.video.BgrImage;
import io.tributary.focus.model.BalancedCropBatches;
import io.tributary.focus.model.BuiltinModels;
import io.tributary.focus.model.CropBatchTranslator;
import io.tributary.focus.model.CropModel;
import io.tributary.focus.model.CropPrediction;
import io.tributary.focus.model.Engines;
import io.tributary.focus.model.FocusModel;
import io.tributary.focus.model.LabeledCrop;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The stream tuner's specialised cheap CNNs (thesis §4.3.2): training with DJL, a content-addressed
 * cache on disk, and loading for inference, in the tuner and in Flink operators (through
 * {@link FocusModel.Kind#TUNED}).
 *
 * <p>Training draws every class equally often (class-balanced sampling), so the OTHER class, and
 * any rare class, is re-weighted to as many examples as the others (the paper's footnote to
 * §4.3.2); crops are flipped and brightness-jittered. Seeded: the same data and settings train the
 * same network. A model is stored under {@code <cache>/focus-tuned/<arch>-<hash>}, the hash covering
 * the architecture, the classes, the settings and the training crops' pixels and labels, so a
 * restarted job or a repeated tuning run loads it instead of training again. The cache root is
 * {@link BuiltinModels#cacheRoot()}; on a cluster it must be a shared mount.
 */
public final class TunedModels {
  private static final String FORMAT = "focus-tuned-v1";
  private static final String FILE = "model";

  private TunedModels() {}

  /**
   * How a specialised model is trained.
   *
   * @param epochs passes over as many class-balanced samples as there are training crops
   * @param minSteps at least this many optimiser steps (small samples still train enough)
   */
  public record Training(int epochs, int minSteps, int batchSize, float learningRate, long seed)
      implements Serializable {
    public Training {
      if (epochs < 1 || minSteps < 0 || batchSize < 1 || !(learningRate > 0)) {
        throw new IllegalArgumentException("bad training settings " + this);
      }
    }

    /** 8 epochs, at least 300 steps, batches of 32, Adam at 0.004, seed 23. */
    public static Training defaults() {
      return new Training(8, 300, 32, 0.004f, 23);
    }

    public Training withSeed(long s) {
      return new Training(epochs, minSteps, batchSize, learningRate, s);
    }

    public String describe() {
      return "epochs=" + epochs + " min_steps=" + minSteps + " batch=" + batchSize + " lr=" + learningRate + " seed=" + seed;
    }
  }

  /** A trained specialised model on disk. */
  public record Stored(Path dir, CandidateArch arch, List<String> classes, Properties info) {
    /** Opens it for inference (the caller closes it). */
    public CropModel open() throws IOException {
      return TunedModels.open(dir, arch, classes);
    }

    /** Its serialisable description for Flink operators. */
    public FocusModel spec() {
      return new FocusModel(FocusModel.Kind.TUNED, dir.toString(), arch.name() + "-" + dir.getFileName(), null, classes,
          arch.input(), FocusModel.CLASSIFIER_OUTPUT);
    }

    /** Training seconds recorded when it was trained. */
    public double trainingSeconds() {
      return Double.parseDouble(info.getProperty("training_seconds", "0"));
    }
  }

  /**
   * Loads the model for this configuration from the cache, training and storing it first if absent.
   *
   * @param classes class names in output order (e.g. background, the top L_s classes, OTHER)
   * @param data training crops with class indices into {@code classes}
   */
  public static Stored trainOrLoad(CandidateArch arch, List<String> classes, List<LabeledCrop> data, Training settings,
      PrintStream log) throws IOException {
    if (data.isEmpty()) {
      throw new IllegalArgumentException("no training crops for " + arch.name());
    }
    String key = FORMAT + "|" + arch + "|" + classes + "|" + settings.describe() + "|" + dataHash(data);
    String hash = sha256(key.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    Path dir = BuiltinModels.cacheRoot().resolve("focus-tuned").resolve(arch.name() + "-" + hash);
    if (Files.isRegularFile(dir.resolve("info.properties"))) {
      return load(dir);
    }
    Files.createDirectories(dir.getParent());
    Path tmp = Files.createTempDirectory(dir.getParent(), arch.name() + "-tmp");
    long t0 = System.nanoTime();
    Properties info = new Properties();
    try (Model m = train(arch, classes, data, settings, log)) {
      m.save(tmp, FILE);
      double seconds = (System.nanoTime() - t0) / 1e9;
      arch.store(info);
      info.setProperty("classes", String.join(",", classes));
      info.setProperty("training_crops", String.valueOf(data.size()));
      info.setProperty("training_seconds", String.format(Locale.ROOT, "%.2f", seconds));
      info.setProperty("settings", settings.describe());
      info.setProperty("macs", String.valueOf(arch.macs(classes.size())));
      try (var out = Files.newBufferedWriter(tmp.resolve("info.properties"), StandardCharsets.UTF_8)) {
        info.store(out, "tributary specialised ingest CNN; key " + hash);
      }
    } catch (RuntimeException | IOException e) {
      AtomicFiles.deleteRecursively(tmp);
      throw e;
    }
    try {
      Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
      AtomicFiles.deleteRecursively(tmp); // another run stored the same model first: theirs is identical
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, dir);
    }
    return load(dir);
  }

  /** A stored model's description; fails naming the folder when it is not a tuned model. */
  public static Stored load(Path dir) throws IOException {
    Path infoFile = dir.resolve("info.properties");
    if (!Files.isRegularFile(infoFile)) {
      throw new IOException("tuned model " + dir + " has no info.properties (not a model written by the stream tuner)");
    }
    Properties info = new Properties();
    try (var in = Files.newBufferedReader(infoFile, StandardCharsets.UTF_8)) {
      info.load(in);
    }
    String cls = info.getProperty("classes", "");
    if (cls.isBlank()) {
      throw new IOException("tuned model " + dir + ": info.properties lists no classes");
    }
    try {
      return new Stored(dir, CandidateArch.load(info, "tuned model " + dir), List.of(cls.split(",")), info);
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** Opens a stored model for inference; {@code classes} must be the ones it was trained for. */
  public static CropModel open(Path dir, CandidateArch arch, List<String> classes) throws IOException {
    Engines.configure();
    Model m = Model.newInstance(FILE, "PyTorch");
    m.setBlock(arch.build(classes.size()));
    try {
      m.load(dir, FILE);
    } catch (MalformedModelException | RuntimeException e) {
      m.close();
      throw new IOException("tuned model " + dir + " cannot be loaded: " + e.getMessage(), e);
    }
    Net net = new Net(m, arch, classes);
    try {
      net.predict(List.of(new BgrImage(16, 16, new byte[16 * 16 * 3])));
    } catch (RuntimeException e) {
      net.close();
      throw new IOException("tuned model " + dir + " does not fit its " + classes.size() + " classes: " + e.getMessage(), e);
    }
    return net;
  }

  /** Opens the model a {@link FocusModel.Kind#TUNED} spec names (the hook {@link FocusModel} calls). */
  public static CropModel open(FocusModel spec) throws IOException {
    Stored s = load(Path.of(spec.path()));
    if (!s.classes().equals(spec.classes())) {
      throw new IOException("tuned model " + spec.path() + " has classes " + s.classes() + ", not " + spec.classes());
    }
    return s.open();
  }

  /** A trained network as a {@link CropModel}: one batch of crops, one native call. Not thread-safe. */
  private static final class Net implements CropModel {
    private final Model model;
    private final Predictor<List<BgrImage>, List<CropPrediction>> predictor;
    private final List<String> classes;

    Net(Model model, CandidateArch arch, List<String> classes) {
      this.model = model;
      this.classes = List.copyOf(classes);
      this.predictor = model.newPredictor(new CropBatchTranslator(arch.input(), false, classes.size()));
    }

    @Override
    public List<String> classes() {
      return classes;
    }

    @Override
    public List<CropPrediction> predict(List<BgrImage> crops) {
      if (crops.isEmpty()) {
        return List.of();
      }
      try {
        return predictor.predict(crops);
      } catch (TranslateException e) {
        throw new IllegalStateException("tuned model " + model.getName() + " failed on " + crops.size() + " crops: "
            + e.getMessage(), e);
      }
    }

    @Override
    public void close() {
      predictor.close();
      model.close();
    }
  }

  /**
   * Trains a fresh {@code arch} network: Adam, softmax cross-entropy, class-balanced batches (each
   * example's class drawn uniformly among the classes present, then an example of it), horizontal
   * flips and brightness x0.85-1.15.
   */
  static Model train(CandidateArch arch, List<String> classes, List<LabeledCrop> data, Training s, PrintStream log) {
    Engines.configure();
    int n = classes.size();
    BalancedCropBatches batches = new BalancedCropBatches(arch.input(), n, data);
    int steps = Math.max(s.minSteps(), s.epochs() * (int) Math.ceil(data.size() / (double) s.batchSize()));
    // One pass of `steps` full minibatches: the balanced draws make epochs a unit of work only.
    StepPlan plan = new StepPlan(1, Math.multiplyExact(steps, s.batchSize()), s.batchSize(), false, Long.MAX_VALUE);
    LastQuarter stats = new LastQuarter(steps, s.batchSize());
    long t0 = System.nanoTime();
    Model model = DjlTraining.train(FILE, arch.build(n), batches, plan, new DjlTraining.Adam(s.learningRate(), s.seed()),
        List.of(stats));
    if (log != null) {
      log.printf(Locale.ROOT, "  trained %s for %s: %d crops, %d steps, balanced train accuracy %.3f, loss %.3f (%.1f s)%n",
          arch.name(), classes, data.size(), steps, stats.correct / (double) Math.max(1, stats.seen),
          stats.lossSum / Math.max(1, stats.seen), (System.nanoTime() - t0) / 1e9);
    }
    return model;
  }

  /** The loss and accuracy of the last quarter of the steps, which the log reports. */
  private static final class LastQuarter implements TrainListener {
    private final int steps;
    private final int batchSize;
    private double lossSum;
    private int correct;
    private int seen;

    LastQuarter(int steps, int batchSize) {
      this.steps = steps;
      this.batchSize = batchSize;
    }

    @Override
    public void onStep(long step, int epoch, double learningRate, Gradient g) {
      if (step >= steps - steps / 4) {
        lossSum += g.loss() * batchSize;
        correct += DjlTraining.correct(g, batchSize);
        seen += batchSize;
      }
    }
  }

  /** A hash of the crops' sizes, pixels and labels, in order. */
  static String dataHash(List<LabeledCrop> data) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] head = new byte[12];
      for (LabeledCrop c : data) {
        ByteBuffer.wrap(head).putInt(c.crop().width()).putInt(c.crop().height()).putInt(c.label());
        md.update(head);
        md.update(c.crop().bgr());
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
