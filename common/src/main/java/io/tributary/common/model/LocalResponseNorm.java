package io.tributary.common.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Local response normalisation across channels, as Caffe's {@code LRN} layer (ACROSS_CHANNELS) and
 * PyTorch's {@code LocalResponseNorm}: {@code y = x / (k + alpha/n * sum(x^2 over n adjacent
 * channels))^beta}. The study's plain LeNet (the Caffe CIFAR-10 network) uses it after its first
 * two stages with n = 3, alpha = 5e-5, beta = 0.75, k = 1. No parameters.
 */
public final class LocalResponseNorm extends AbstractBlock {
  private final int size;
  private final float alpha;
  private final float beta;
  private final float k;

  /**
   * @param size number of adjacent channels summed (odd)
   * @param alpha scale of the sum (divided by {@code size})
   * @param beta exponent
   * @param k additive constant
   */
  public LocalResponseNorm(int size, float alpha, float beta, float k) {
    if (size < 1 || size % 2 == 0) {
      throw new IllegalArgumentException("LRN size must be odd and >= 1, got " + size);
    }
    this.size = size;
    this.alpha = alpha;
    this.beta = beta;
    this.k = k;
  }

  @Override
  protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    Shape s = x.getShape();
    long n = s.get(0);
    long c = s.get(1);
    long rest = s.size() / (n * c);
    // Average of squares over a window of `size` channels, zero-padded: pool over the channel
    // axis by viewing it as the height of a one-channel image.
    NDArray sq = x.square().reshape(n, 1, c, rest);
    NDArray windowMean = Pool.avgPool2d(sq, new Shape(size, 1), new Shape(1, 1), new Shape(size / 2, 0), false, true)
        .reshape(s);
    NDArray denom = windowMean.mul(alpha).add(k).pow(-beta);
    return new NDList(x.mul(denom));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  public String toString() {
    return "LocalResponseNorm(size=" + size + ", alpha=" + alpha + ", beta=" + beta + ", k=" + k + ")";
  }
}
