package io.tributary.common.protocol;

import io.tributary.common.link.VectorCodec;
import java.io.IOException;

/**
 * Gaia's approximate synchronous parallel for momentum SGD (thesis appendix 6.A, Algorithm 1) on
 * partition k:
 *
 * <pre>
 *   u   <- m u - eta g(w^k)          local momentum step on the local model
 *   c   <- a_k u                     this partition's weighted contribution
 *   w^k <- w^k + c ;  v <- v + c     apply locally, accumulate for sharing
 *   S   <- |v / w^k| > T_t           significant accumulated updates
 *   send v[S] to every other partition ; v[S] <- 0
 *   w^k <- w^k + sum_{i != k} v~_i   apply the others' significant updates
 * </pre>
 *
 * The threshold {@code T_t = T0 * eta_t / eta_0} falls whenever the learning rate falls (by the
 * same factor), {@code eta_0} being the learning rate of the first step. Significance is tested as
 * {@code |v| > T |w|}, so a zero weight with a non-zero update is significant. With T0 = 0 every
 * non-zero update is shared at once and Gaia is BSP. Partitions keep their own models; only
 * significant updates travel, as sparse vectors.
 */
public final class GaiaProtocol extends AbstractMeshProtocol implements TunableProtocol {
  private final float[] u;
  private final float[] v;
  private final float[] wBefore;
  private float[] contribution;
  private volatile double t0;
  private double firstLearningRate = Double.NaN;

  /**
   * @param t0 initial significance threshold T0 as a fraction (0.1 = 10%), {@code >= 0}
   */
  public GaiaProtocol(float[] initialParameters, SgdConfig sgd, ProtocolContext context, double t0) {
    super(initialParameters, sgd, context);
    setKnob(t0);
    this.u = new float[w.length];
    this.v = new float[w.length];
    this.wBefore = new float[w.length];
  }

  @Override
  public String algorithm() {
    return "gaia";
  }

  @Override
  public String knobName() {
    return "T0";
  }

  @Override
  public double knob() {
    return t0;
  }

  @Override
  public void setKnob(double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("Gaia's T0 must be a fraction >= 0 (0.1 = 10%), got " + value);
    }
    t0 = value;
  }

  @Override
  public boolean largerKnobCommunicatesLess() {
    return true;
  }

  /** The significance threshold T_t in force at {@code step}. */
  public double threshold(Step step) {
    double eta0 = Double.isNaN(firstLearningRate) ? step.learningRate() : firstLearningRate;
    return t0 * step.learningRate() / eta0;
  }

  @Override
  void doSend(float[] gradient, Step step) throws IOException {
    if (Double.isNaN(firstLearningRate)) {
      firstLearningRate = step.learningRate();
    }
    double threshold = threshold(step);
    float[] g = regularised(gradient, w);
    float m = (float) sgd.momentum();
    float eta = (float) step.learningRate();
    double a = weight();
    System.arraycopy(w, 0, wBefore, 0, w.length);
    contribution = new float[w.length];
    int significant = 0;
    for (int j = 0; j < w.length; j++) {
      u[j] = m * u[j] - eta * g[j];
      float c = (float) (a * u[j]);
      contribution[j] = c;
      w[j] += c;
      v[j] += c;
      if (Math.abs(v[j]) > threshold * Math.abs(w[j])) {
        significant++;
      }
    }
    int[] idx = new int[significant];
    float[] val = new float[significant];
    int n = 0;
    for (int j = 0; j < w.length; j++) {
      if (Math.abs(v[j]) > threshold * Math.abs(w[j])) {
        idx[n] = j;
        val[n++] = v[j];
        v[j] = 0f;
      }
    }
    broadcast(UPDATE, step.iteration(), VectorCodec.encode(w.length, idx, val));
    diagnostics.put("threshold", threshold);
    diagnostics.put("significant_fraction", significant / (double) w.length);
  }

  @Override
  void doReceive(Step step) throws IOException, InterruptedException {
    // Re-apply in partition order from the pre-step model, so replicas that receive the same
    // updates end bit-identical (with T0 = 0 every replica equals BSP's).
    VectorCodec.Decoded[] in = new VectorCodec.Decoded[numPartitions];
    for (int i = 0; i < numPartitions; i++) {
      if (i != k) {
        in[i] = receiveFrom(i, UPDATE, step.iteration());
      }
    }
    System.arraycopy(wBefore, 0, w, 0, w.length);
    for (int i = 0; i < numPartitions; i++) {
      if (i == k) {
        for (int j = 0; j < w.length; j++) {
          w[j] += contribution[j];
        }
      } else {
        addTo(w, in[i], 1.0);
      }
    }
    contribution = null;
    double vNorm = 0;
    double wNorm = 0;
    for (int j = 0; j < w.length; j++) {
      vNorm += (double) v[j] * v[j];
      wNorm += (double) w[j] * w[j];
    }
    diagnostics.put("residual_delta", wNorm == 0 ? Double.NaN : Math.sqrt(vNorm / wNorm));
  }
}
