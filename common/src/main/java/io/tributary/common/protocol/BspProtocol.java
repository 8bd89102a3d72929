package io.tributary.common.protocol;

import io.tributary.common.link.VectorCodec;
import java.io.IOException;
import java.util.Arrays;

/**
 * Bulk synchronous parallel: every iteration each partition sends its whole (regularised) gradient
 * to every other partition, and all partitions take the same momentum-SGD step on the weighted
 * sum {@code G = sum_i a_i g_i}: {@code u <- m u - eta G, w <- w + u}. With {@link
 * UpdateWeighting#MEAN} this is exactly centralised momentum SGD on the union of the K
 * minibatches. Contributions are summed in partition order, so every replica stays bit-identical.
 */
public final class BspProtocol extends AbstractMeshProtocol {
  private final float[] u;
  private final float[] sum;
  private float[] ownGradient;

  public BspProtocol(float[] initialParameters, SgdConfig sgd, ProtocolContext context) {
    super(initialParameters, sgd, context);
    this.u = new float[w.length];
    this.sum = new float[w.length];
  }

  @Override
  public String algorithm() {
    return "bsp";
  }

  @Override
  void doSend(float[] gradient, Step step) throws IOException {
    ownGradient = regularised(gradient, w);
    broadcast(UPDATE, step.iteration(), VectorCodec.encode(ownGradient));
  }

  @Override
  void doReceive(Step step) throws IOException, InterruptedException {
    double a = weight();
    Arrays.fill(sum, 0f);
    for (int i = 0; i < numPartitions; i++) {
      if (i == k) {
        for (int j = 0; j < sum.length; j++) {
          sum[j] += (float) (a * ownGradient[j]);
        }
      } else {
        addTo(sum, receiveFrom(i, UPDATE, step.iteration()), a);
      }
    }
    float m = (float) sgd.momentum();
    float eta = (float) step.learningRate();
    for (int j = 0; j < w.length; j++) {
      u[j] = m * u[j] - eta * sum[j];
      w[j] += u[j];
    }
    ownGradient = null;
  }
}
