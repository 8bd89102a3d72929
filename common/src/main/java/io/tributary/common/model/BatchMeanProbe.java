package io.tributary.common.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * An identity block placed just before a BatchNorm layer that, in training mode, records the
 * per-channel minibatch mean mu_B of its input: exactly the statistic BatchNorm normalises with,
 * and the one whose divergence between partitions thesis §6.4.1 (Fig. 6.7) measures.
 */
final class BatchMeanProbe extends AbstractBlock {
  private volatile float[] lastMeans;

  @Override
  protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
      PairList<String, Object> params) {
    if (training) {
      NDArray x = inputs.singletonOrThrow();
      long n = x.getShape().get(0);
      long c = x.getShape().get(1);
      // PyTorch's DJL mean reduces one axis at a time; means of equal-size groups nest exactly.
      try (NDArray flat = x.stopGradient().reshape(n, c, -1);
          NDArray perSample = flat.mean(new int[] {2});
          NDArray mean = perSample.mean(new int[] {0})) {
        lastMeans = mean.toFloatArray();
      }
    }
    return inputs;
  }

  /** The channel means of the last training minibatch, or null before the first. */
  float[] lastMeans() {
    float[] m = lastMeans;
    return m == null ? null : m.clone();
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return inputShapes;
  }
}
