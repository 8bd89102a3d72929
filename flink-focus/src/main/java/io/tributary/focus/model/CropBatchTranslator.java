package io.tributary.focus.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import io.tributary.connectors.video.BgrImage;
import java.util.ArrayList;
import java.util.List;

/**
 * DJL translator from a batch of crops to per-crop class probabilities and feature vectors. The
 * whole batch becomes one NCHW tensor (one native call, not one per crop). Model outputs: the
 * first is class scores ({@code [N, C]}: logits, turned into probabilities with a softmax unless
 * {@code outputsProbabilities}); a second output, when present, is the feature vector.
 */
public final class CropBatchTranslator implements NoBatchifyTranslator<List<BgrImage>, List<CropPrediction>> {
  private final InputSpec input;
  private final boolean outputsProbabilities;
  private final int expectedClasses;

  /**
   * @param expectedClasses number of class names the caller has for this model; a different number
   *     of scores is reported as an error naming both
   */
  public CropBatchTranslator(InputSpec input, boolean outputsProbabilities, int expectedClasses) {
    this.input = input;
    this.outputsProbabilities = outputsProbabilities;
    this.expectedClasses = expectedClasses;
  }

  @Override
  public NDList processInput(TranslatorContext ctx, List<BgrImage> crops) {
    float[] data = input.toTensor(crops);
    NDArray x = ctx.getNDManager().create(data, new Shape(crops.size(), 3, input.height(), input.width()));
    return new NDList(x);
  }

  @Override
  public List<CropPrediction> processOutput(TranslatorContext ctx, NDList out) {
    NDArray scores = out.get(0);
    if (scores.getShape().dimension() != 2 || scores.getShape().get(1) != expectedClasses) {
      throw new IllegalArgumentException("model output " + scores.getShape() + " does not match "
          + expectedClasses + " class names: expected [N, " + expectedClasses + "]");
    }
    NDArray probs = outputsProbabilities ? scores : scores.softmax(1);
    int n = (int) scores.getShape().get(0);
    int c = expectedClasses;
    float[] p = probs.toFloatArray();
    float[] f;
    int d;
    if (out.size() > 1) {
      NDArray feat = out.get(1).reshape(n, -1);
      d = (int) feat.getShape().get(1);
      f = feat.toFloatArray();
    } else {
      d = c;
      f = p;
    }
    List<CropPrediction> res = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      float[] pi = new float[c];
      System.arraycopy(p, i * c, pi, 0, c);
      float[] fi = new float[d];
      System.arraycopy(f, i * d, fi, 0, d);
      res.add(new CropPrediction(pi, fi));
    }
    return res;
  }
}
