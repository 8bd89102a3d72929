package io.tributary.focus.model;

import io.tributary.common.model.Architecture;
import io.tributary.connectors.video.Box;
import io.tributary.connectors.video.synthetic.RenderedFrame;
import io.tributary.connectors.video.synthetic.Scene;
import io.tributary.connectors.video.synthetic.SceneConfig;
import io.tributary.connectors.video.synthetic.SyntheticClass;
import io.tributary.connectors.video.synthetic.TruthObject;
import io.tributary.focus.extract.BackgroundSubtractor;
import io.tributary.focus.extract.ObjectExtractor;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in models for generated video: a GT-CNN and a cheap ingest CNN, both trained by the
 * project on crops that the same background subtraction Focus uses cuts out of generated training
 * scenes (other seeds than any test or benchmark video), labelled from the generator's ground truth
 * ("background" when a crop holds no object). Cached by {@link BuiltinModels}.
 */
public final class SyntheticModels {
  private SyntheticModels() {}

  /** Class names of the built-in models: "background", then the generator's classes. */
  public static final List<String> CLASSES;

  static {
    List<String> c = new ArrayList<>();
    c.add("background");
    c.addAll(SyntheticClass.labels());
    CLASSES = List.copyOf(c);
  }

  static final SceneConfig TRAIN_SCENE = SceneConfig.defaults().withSeed(1001).withDuration(420)
      .withSpawnPerSecond(0.5);
  static final SceneConfig VALIDATION_SCENE = SceneConfig.defaults().withSeed(2002).withDuration(150);
  static final double TRAIN_SAMPLE_FPS = 2;

  /**
   * System property that picks the training seed of the built-in models (default {@value #DEFAULT_SEED}).
   * Another seed trains (and caches) another pair of networks: how the tests' accuracy bars were
   * checked not to hinge on one set of weights.
   */
  public static final String SEED_PROPERTY = "tributary.builtin.seed";

  /** The built-in models' default training seed. */
  public static final long DEFAULT_SEED = 7;

  /** The GT-CNN's training settings; seeded from {@link #SEED_PROPERTY}. */
  public static final CropTrainer.Settings GT_SETTINGS = new CropTrainer.Settings(5, 32, 0.002f, seed());
  /** The cheap CNN's training settings; seeded from {@link #SEED_PROPERTY} (plus 4, as it always was). */
  public static final CropTrainer.Settings CHEAP_SETTINGS = new CropTrainer.Settings(8, 32, 0.004f, seed() + 4);

  /** The training seed {@link #SEED_PROPERTY} names, or {@link #DEFAULT_SEED}. */
  static long seed() {
    String v = System.getProperty(SEED_PROPERTY);
    if (v == null || v.isBlank()) {
      return DEFAULT_SEED;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("-D" + SEED_PROPERTY + "=" + v + " is not an integer seed", e);
    }
  }

  /** The GT-CNN for generated video (deeper, 40x40 input). */
  public static BuiltinModels.Stored groundTruth(PrintStream log) throws IOException {
    return model("synthetic-gt", Architecture.GT, GT_SETTINGS, log);
  }

  /**
   * The cheap ingest CNN for generated video (two strided convolutions, 24x24 letterboxed input), trained, as
   * Focus trains its ingest CNNs (thesis §4.4.2), on the GT-CNN's labels of the training crops: what
   * it must approximate is the GT-CNN, not the generator.
   */
  public static BuiltinModels.Stored cheap(PrintStream log) throws IOException {
    BuiltinModels.Stored gt = groundTruth(log);
    BackgroundSubtractor.Config bs = BackgroundSubtractor.Config.defaults();
    String data = "train{" + TRAIN_SCENE.describe() + " fps=" + TRAIN_SAMPLE_FPS + "} bs{" + bs + "} labels{gt "
        + gt.dir().getFileName() + "}";
    return BuiltinModels.trainOrLoad("synthetic-cheap", Architecture.CHEAP, CLASSES, data, CHEAP_SETTINGS,
        () -> relabel(crops(TRAIN_SCENE, bs, TRAIN_SAMPLE_FPS), gt),
        () -> relabel(crops(VALIDATION_SCENE, bs, 1), gt), log);
  }

  private static BuiltinModels.Stored model(String name, Architecture arch, CropTrainer.Settings s,
      PrintStream log) throws IOException {
    BackgroundSubtractor.Config bs = BackgroundSubtractor.Config.defaults();
    String data = "train{" + TRAIN_SCENE.describe() + " fps=" + TRAIN_SAMPLE_FPS + "} bs{" + bs + "}";
    return BuiltinModels.trainOrLoad(name, arch, CLASSES, data, s,
        () -> crops(TRAIN_SCENE, bs, TRAIN_SAMPLE_FPS),
        () -> crops(VALIDATION_SCENE, bs, 1), log);
  }

  /** The crops labelled with {@code gt}'s top-1 class instead of the generator's truth. */
  public static List<LabeledCrop> relabel(List<LabeledCrop> crops, BuiltinModels.Stored gt) {
    try (DjlCropModel m = gt.open()) {
      List<LabeledCrop> out = new ArrayList<>(crops.size());
      for (int i = 0; i < crops.size(); i += 64) {
        List<LabeledCrop> part = crops.subList(i, Math.min(crops.size(), i + 64));
        List<CropPrediction> p = m.predict(part.stream().map(LabeledCrop::crop).toList());
        for (int k = 0; k < part.size(); k++) {
          out.add(new LabeledCrop(part.get(k).crop(), p.get(k).top1()));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Crops background subtraction cuts from {@code scene} sampled at {@code sampleFps}, each labelled
   * with the generated object covering most of it (at least half of that object inside the crop),
   * else "background".
   */
  public static List<LabeledCrop> crops(SceneConfig scene, BackgroundSubtractor.Config bs, double sampleFps) {
    ObjectExtractor ex = new ObjectExtractor(new BackgroundSubtractor(bs), 64);
    Scene s = new Scene(scene);
    long periodUs = Math.round(1e6 / sampleFps);
    long next = 0;
    List<LabeledCrop> out = new ArrayList<>();
    while (s.hasNext()) {
      RenderedFrame f = s.next();
      if (f.timestampUs() + 1 < next) {
        continue;
      }
      next += periodUs;
      for (ObjectExtractor.Extracted e : ex.extract(f.image(), f.timestampUs() / 1000)) {
        out.add(new LabeledCrop(e.crop(), labelOf(e.box(), f.objects())));
      }
    }
    return out;
  }

  /** The class index (in {@link #CLASSES}) of the object best explaining box {@code b}, 0 if none. */
  public static int labelOf(Box b, List<TruthObject> objects) {
    TruthObject best = null;
    int bestArea = 0;
    for (TruthObject o : objects) {
      int inter = b.intersection(o.box());
      if (inter >= 0.5 * o.box().area() && o.visibleFraction() > 0.25 && inter > bestArea) {
        best = o;
        bestArea = inter;
      }
    }
    return best == null ? 0 : CLASSES.indexOf(best.cls().label());
  }
}
