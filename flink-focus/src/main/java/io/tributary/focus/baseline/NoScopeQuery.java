package io.tributary.focus.baseline;

import ai.djl.Model;
import io.tributary.common.model.Architecture;
import io.tributary.connectors.video.BgrImage;
import io.tributary.connectors.video.Box;
import io.tributary.focus.ingest.IngestMetrics;
import io.tributary.focus.model.CropModel;
import io.tributary.focus.model.CropPrediction;
import io.tributary.focus.model.CropTrainer;
import io.tributary.focus.model.Detection;
import io.tributary.focus.model.GroundTruthModel;
import io.tributary.focus.model.LabeledCrop;
import io.tributary.focus.model.TrainedCropModel;
import io.tributary.focus.query.FrameHit;
import io.tributary.focus.query.QueryRequest;
import io.tributary.focus.query.QueryResult;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A NoScope-style query-time cascade (Kang et al., VLDB'17, as the Focus paper's baseline, §4.5.1):
 * every sampled frame in the query's range is examined in order; frames without motion are
 * negative; a difference detector reuses the previous decision when a frame barely differs from the
 * last frame decided; a cheap binary classifier for the queried class, trained on GT labels of a
 * training range, decides confident frames; the GT-CNN decides the rest. Shared with Focus: the same
 * background subtraction, frames, GT-CNN and engine. Not shared (see {@link #DESCRIPTION}, which the
 * benchmark writes into its summary): the GT-CNN runs at batch size one as frames arrive in order,
 * where Focus verifies centroids sixteen at a time, and the thresholds are more cautious than the
 * error target asks. It is not NoScope's own model search or cost-based optimiser.
 *
 * <p>Per class, the classifier and its two thresholds (negative below {@code cLow}, positive above
 * {@code cHigh}) are fitted on the training range so that at most {@code targetError} of its
 * positives and of its negatives there are decided wrongly; the difference threshold is the
 * smallest frame difference seen in training where the class's presence changed. Training happens
 * before the query and is reported apart from query latency.
 */
public final class NoScopeQuery {
  /** What this baseline is and is not, for benchmark outputs (docs/benchmarks.md asks each to say so). */
  public static final String DESCRIPTION = "NoScope-style cascade (motion + difference detector + per-class"
      + " binary CNN + GT-CNN), GT-CNN at batch 1 (Focus: 16), class thresholds halved towards 0 and 1 beyond"
      + " the error target and the difference threshold halved (more cautious than the target); not NoScope's"
      + " own model search or optimiser";

  private final FrameStore store;
  private final GroundTruthModel gt;
  private final Map<String, Set<String>> trainingLabels;
  private final QueryRequest trainingRange;
  private final double targetError;
  private final PrintStream log;
  private final Map<String, Specialised> models = new HashMap<>();
  private double trainingSeconds;

  /** A class's binary classifier and thresholds. */
  record Specialised(CropModel model, float cLow, float cHigh, double diffThreshold) {}

  /**
   * @param trainingLabels the reference classes of each training frame ({@code camera#seq}), e.g. from
   *     INGEST-HEAVY's index; frames absent have none
   * @param trainingRange which stored frames are the training set
   */
  public NoScopeQuery(FrameStore store, GroundTruthModel gt, Map<String, Set<String>> trainingLabels,
      QueryRequest trainingRange, double targetError, PrintStream log) {
    this.store = store;
    this.gt = gt;
    this.trainingLabels = trainingLabels;
    this.trainingRange = trainingRange;
    this.targetError = targetError;
    this.log = log;
  }

  /** Seconds spent training specialised classifiers so far (not part of any query's latency). */
  public double trainingSeconds() {
    return trainingSeconds;
  }

  public QueryResult run(QueryRequest q) {
    Specialised sp = models.computeIfAbsent(q.className(), this::train);
    long t0 = System.nanoTime();
    long cpu0 = IngestMetrics.threadCpu();
    long charged = 0; // extraction CPU of the scanned frames, measured when they were extracted
    long gtNs = 0;
    int candidates = 0;
    int gtCalls = 0;
    int decidedByDiff = 0;
    List<FrameHit> hits = new ArrayList<>();
    for (Map.Entry<String, List<FrameStore.StoredFrame>> cam : store.cameras().entrySet()) {
      if (!q.wantsCamera(cam.getKey())) {
        continue;
      }
      float[] lastThumb = null;
      List<Box> lastBoxes = null;
      boolean lastPositive = false;
      for (FrameStore.StoredFrame sf : cam.getValue()) {
        if (!q.inRange(sf.frame().timestampMs)) {
          continue;
        }
        candidates++;
        charged += sf.extractNanos();
        if (sf.objects().isEmpty()) {
          lastThumb = null; // no motion: negative
          continue;
        }
        BgrImage image = sf.frame().image();
        float[] thumb = thumbnail(image);
        if (lastThumb != null && mse(thumb, lastThumb) < sp.diffThreshold()) {
          decidedByDiff++;
          if (lastPositive) {
            hits.add(new FrameHit(cam.getKey(), sf.frame().seq, sf.frame().timestampMs, lastBoxes));
          }
          continue;
        }
        float p = sp.model().predict(List.of(image)).get(0).probabilities()[1];
        List<Box> boxes;
        if (p >= sp.cHigh()) {
          boxes = sf.objects().stream().map(o -> o.box()).toList();
        } else if (p < sp.cLow()) {
          boxes = null;
        } else {
          long g0 = IngestMetrics.threadCpu();
          boxes = gtBoxes(sf, image, q.className());
          gtNs += IngestMetrics.threadCpu() - g0;
          gtCalls += gt.isDetector() ? 1 : sf.objects().size();
        }
        lastThumb = thumb;
        lastPositive = boxes != null && !boxes.isEmpty();
        lastBoxes = boxes;
        if (lastPositive) {
          hits.add(new FrameHit(cam.getKey(), sf.frame().seq, sf.frame().timestampMs, boxes));
        }
      }
    }
    double cpu = (IngestMetrics.threadCpu() - cpu0 + charged) / 1e9;
    double wall = (System.nanoTime() - t0 + charged) / 1e9;
    return new QueryResult("noscope", q, hits, new QueryResult.Work(0, candidates, gtCalls, decidedByDiff, hits.size()),
        new QueryResult.Timing(wall, cpu, gtNs / 1e9));
  }

  /** The boxes of class X in a frame according to the GT-CNN (null when none). */
  private List<Box> gtBoxes(FrameStore.StoredFrame sf, BgrImage image, String x) {
    List<Box> out = new ArrayList<>();
    if (gt.isDetector()) {
      for (Detection d : gt.detect(image)) {
        // As the reference does: only detections on moving objects count.
        if (d.label().equals(x) && sf.objects().stream().anyMatch(o -> d.box().intersection(o.box()) >= 0.5 * d.box().area())) {
          out.add(d.box());
        }
      }
    } else {
      List<Set<String>> labels = gt.classifyCrops(sf.objects().stream().map(o -> o.crop()).toList());
      for (int i = 0; i < labels.size(); i++) {
        if (labels.get(i).contains(x)) {
          out.add(sf.objects().get(i).box());
        }
      }
    }
    return out.isEmpty() ? null : out;
  }

  private Specialised train(String x) {
    long t0 = System.nanoTime();
    List<LabeledCrop> data = new ArrayList<>();
    List<float[]> thumbs = new ArrayList<>();
    List<Boolean> present = new ArrayList<>();
    double diff = Double.POSITIVE_INFINITY;
    for (Map.Entry<String, List<FrameStore.StoredFrame>> cam : store.cameras().entrySet()) {
      Boolean prev = null;
      float[] prevThumb = null;
      for (FrameStore.StoredFrame sf : cam.getValue()) {
        if (!trainingRange.inRange(sf.frame().timestampMs) || sf.objects().isEmpty()) {
          prev = null;
          continue;
        }
        boolean yes = trainingLabels.getOrDefault(sf.key(), Set.of()).contains(x);
        BgrImage img = sf.frame().image();
        data.add(new LabeledCrop(img, yes ? 1 : 0));
        float[] thumb = thumbnail(img);
        if (prev != null && prev != yes) {
          diff = Math.min(diff, mse(thumb, prevThumb));
        }
        prev = yes;
        prevThumb = thumb;
        thumbs.add(thumb);
        present.add(yes);
      }
    }
    long positives = present.stream().filter(b -> b).count();
    CropModel model;
    float cLow = 0;
    float cHigh = 1.01f; // nothing to learn from: every frame with motion goes to the GT-CNN
    // NoScope fits the classifier on part of the labelled frames and its thresholds on the rest.
    int split = (int) Math.round(data.size() * 0.7);
    List<LabeledCrop> fit = data.subList(0, split);
    List<LabeledCrop> held = data.subList(split, data.size());
    long fitPos = fit.stream().filter(d -> d.label() == 1).count();
    long heldPos = held.stream().filter(d -> d.label() == 1).count();
    if (fitPos > 0 && fitPos < fit.size() && heldPos > 0 && heldPos < held.size()) {
      Model m = CropTrainer.train(Architecture.FRAME, List.of("no", x), fit,
          new CropTrainer.Settings(10, 16, 0.003f, 17), null);
      model = TrainedCropModel.of(m, Architecture.FRAME, List.of("no", x));
      float[] pos = new float[(int) heldPos];
      float[] neg = new float[held.size() - (int) heldPos];
      int ip = 0;
      int in = 0;
      for (int i = 0; i < held.size(); i += 32) {
        List<LabeledCrop> part = held.subList(i, Math.min(held.size(), i + 32));
        List<CropPrediction> p = model.predict(part.stream().map(LabeledCrop::crop).toList());
        for (int k = 0; k < part.size(); k++) {
          float sc = p.get(k).probabilities()[1];
          if (part.get(k).label() == 1) {
            pos[ip++] = sc;
          } else {
            neg[in++] = sc;
          }
        }
      }
      Arrays.sort(pos);
      Arrays.sort(neg);
      // Below cLow: at most targetError of held-out positives; above cHigh: at most targetError of
      // held-out negatives (with few frames that means: below the lowest positive, above the highest negative).
      // A few dozen held-out frames estimate the tails poorly: halve the margins towards 0 and 1.
      cLow = pos[(int) Math.floor(targetError * pos.length)] * 0.5f;
      float negTail = neg[Math.min(neg.length - 1, (int) Math.ceil((1 - targetError) * (neg.length - 1)))];
      cHigh = Math.max(negTail + 0.5f * (1 - negTail), cLow);
    } else {
      model = constant();
    }
    if (!Double.isFinite(diff)) {
      diff = 0;
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    trainingSeconds += seconds;
    if (log != null) {
      log.printf("NoScope '%s': trained on %d frames (%d positive) in %.1f s; thresholds %.3f..%.3f, difference %.5f%n",
          x, data.size(), positives, seconds, cLow, cHigh, diff * 0.5);
    }
    return new Specialised(model, cLow, cHigh, diff * 0.5);
  }

  /** A stand-in classifier that is always uncertain (probability 0.5). */
  private static CropModel constant() {
    return new CropModel() {
      @Override
      public List<String> classes() {
        return List.of("no", "yes");
      }

      @Override
      public List<CropPrediction> predict(List<BgrImage> crops) {
        return crops.stream().map(c -> new CropPrediction(new float[] {0.5f, 0.5f}, new float[0])).toList();
      }

      @Override
      public void close() {}
    };
  }

  /** 32x24 grey thumbnail: the difference detector's view of a frame. */
  static float[] thumbnail(BgrImage img) {
    byte[] px = img.resize(32, 24).bgr();
    float[] out = new float[32 * 24];
    for (int i = 0; i < out.length; i++) {
      out[i] = (0.114f * (px[3 * i] & 0xff) + 0.587f * (px[3 * i + 1] & 0xff) + 0.299f * (px[3 * i + 2] & 0xff)) / 255f;
    }
    return out;
  }

  /**
   * The difference detector's measure: the largest mean squared difference over the 8x8 blocks of
   * the 32x24 thumbnails (a small object moving changes one block a lot and the frame mean little).
   */
  static double mse(float[] a, float[] b) {
    double worst = 0;
    for (int by = 0; by < 24; by += 8) {
      for (int bx = 0; bx < 32; bx += 8) {
        double s = 0;
        for (int y = by; y < by + 8; y++) {
          for (int x = bx; x < bx + 8; x++) {
            double d = a[y * 32 + x] - b[y * 32 + x];
            s += d * d;
          }
        }
        worst = Math.max(worst, s / 64);
      }
    }
    return worst;
  }

  /** Closes the trained classifiers. */
  public void close() {
    models.values().forEach(s -> s.model().close());
  }
}
