package io.tributary.common.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import io.tributary.common.data.LabeledDataset;

/**
 * Inference-mode scoring of a replica's block over a whole dataset ({@link Replica#evaluate}):
 * BatchNorm uses its running statistics, no gradients are recorded, and the cross-entropy is
 * computed in double precision from the logits.
 */
final class InferencePass {
  private InferencePass() {}

  /**
   * Top-1 accuracy and mean cross-entropy of {@code block} over all of {@code data}, in batches of
   * {@code batchSize}, each batch in a sub-manager of {@code manager} closed at its end.
   */
  static Evaluation evaluate(Block block, ParameterStore store, NDManager manager, ModelSpec spec,
      LabeledDataset data, int batchSize) {
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
          NDArray x = step.create(data.batchFeatures(pos), batchShape(spec, b));
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

  /** The shape of a batch of {@code b} inputs of {@code spec}. */
  static Shape batchShape(ModelSpec spec, int b) {
    int[] in = spec.inputShape();
    long[] s = new long[in.length + 1];
    s[0] = b;
    for (int i = 0; i < in.length; i++) {
      s[i + 1] = in[i];
    }
    return new Shape(s);
  }

  /** The class with the largest logit among {@code v[off..off+n)} (the first on ties). */
  static int argMax(float[] v, int off, int n) {
    int best = 0;
    for (int k = 1; k < n; k++) {
      if (v[off + k] > v[off + best]) {
        best = k;
      }
    }
    return best;
  }
}
