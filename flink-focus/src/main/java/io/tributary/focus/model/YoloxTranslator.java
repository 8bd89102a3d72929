package io.tributary.focus.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import io.tributary.connectors.video.BgrImage;
import io.tributary.connectors.video.Box;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * DJL translator for YOLOX ONNX exports: the image letterboxed at the top-left into a square
 * (BGR, 0-255, padding 114), and the raw head output {@code [1, A, 5 + C]} decoded: for each anchor
 * point of the stride-8/16/32 grids, {@code cx = (x + gx) * s}, {@code w = exp(w) * s}, score =
 * objectness x class score; then per-class non-maximum suppression, boxes mapped back to the image.
 */
public final class YoloxTranslator implements NoBatchifyTranslator<BgrImage, List<Detection>> {
  private static final int[] STRIDES = {8, 16, 32};
  private final int size;
  private final List<String> labels;
  private final float scoreThreshold;
  private final float nmsIou;

  public YoloxTranslator(int size, List<String> labels, float scoreThreshold, float nmsIou) {
    this.size = size;
    this.labels = List.copyOf(labels);
    this.scoreThreshold = scoreThreshold;
    this.nmsIou = nmsIou;
  }

  @Override
  public NDList processInput(TranslatorContext ctx, BgrImage image) {
    InputSpec spec = InputSpec.yolox(size);
    ctx.setAttachment("scale", spec.letterboxScale(image.width(), image.height()));
    ctx.setAttachment("w", image.width());
    ctx.setAttachment("h", image.height());
    float[] data = spec.toTensor(List.of(image));
    return new NDList(ctx.getNDManager().create(data, new Shape(1, 3, size, size)));
  }

  @Override
  public List<Detection> processOutput(TranslatorContext ctx, NDList list) {
    NDArray out = list.get(0);
    Shape s = out.getShape();
    int anchors = 0;
    for (int st : STRIDES) {
      anchors += (size / st) * (size / st);
    }
    if (s.dimension() != 3 || s.get(1) != anchors || s.get(2) != 5 + labels.size()) {
      throw new IllegalArgumentException("YOLOX output " + s + " does not fit input " + size + " and "
          + labels.size() + " classes: expected [1, " + anchors + ", " + (5 + labels.size()) + "]");
    }
    float[] v = out.toFloatArray();
    int stride = 5 + labels.size();
    float scale = (Float) ctx.getAttachment("scale");
    int w = (Integer) ctx.getAttachment("w");
    int h = (Integer) ctx.getAttachment("h");
    List<Detection> cand = new ArrayList<>();
    int a = 0;
    for (int st : STRIDES) {
      int g = size / st;
      for (int gy = 0; gy < g; gy++) {
        for (int gx = 0; gx < g; gx++, a++) {
          int o = a * stride;
          float obj = prob(v[o + 4]);
          if (obj < scoreThreshold) {
            continue;
          }
          int best = 0;
          float bestScore = -1;
          for (int c = 0; c < labels.size(); c++) {
            float sc = prob(v[o + 5 + c]);
            if (sc > bestScore) {
              bestScore = sc;
              best = c;
            }
          }
          float score = obj * bestScore;
          if (score < scoreThreshold) {
            continue;
          }
          float cx = (v[o] + gx) * st;
          float cy = (v[o + 1] + gy) * st;
          float bw = (float) Math.exp(v[o + 2]) * st;
          float bh = (float) Math.exp(v[o + 3]) * st;
          int x0 = Math.round((cx - bw / 2) / scale);
          int y0 = Math.round((cy - bh / 2) / scale);
          int x1 = Math.round((cx + bw / 2) / scale);
          int y1 = Math.round((cy + bh / 2) / scale);
          Box b = new Box(x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0)).clip(w, h);
          if (b.area() > 0) {
            cand.add(new Detection(labels.get(best), score, b));
          }
        }
      }
    }
    return nms(cand, nmsIou);
  }

  /** Scores already in [0, 1] are probabilities (exports with sigmoid in the graph); others are logits. */
  private static float prob(float x) {
    return x >= 0 && x <= 1 ? x : (float) (1 / (1 + Math.exp(-x)));
  }

  static List<Detection> nms(List<Detection> cand, float iou) {
    cand.sort(Comparator.comparingDouble(Detection::score).reversed());
    List<Detection> keep = new ArrayList<>();
    for (Detection d : cand) {
      boolean suppressed = false;
      for (Detection k : keep) {
        if (k.label().equals(d.label()) && k.box().iou(d.box()) > iou) {
          suppressed = true;
          break;
        }
      }
      if (!suppressed) {
        keep.add(d);
      }
    }
    return keep;
  }
}
