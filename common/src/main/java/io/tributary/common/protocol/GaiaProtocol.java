package io.tributary.common.protocol;

import io.tributary.common.asp.SignificanceFunction;
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
 *   S   <- significance(v, w^k) > T_t   significant accumulated updates (default |v / w^k|)
 *   send v[S] to every other partition ; v[S] <- 0
 *   w^k <- w^k + sum_{i != k} v~_i   apply the others' significant updates
 * </pre>
 *
 * The threshold {@code T_t = T0 * eta_t / eta_0} falls whenever the learning rate falls (by the
 * same factor), {@code eta_0} being the learning rate of the first step (appendix 6.A and
 * §6.1.2; this is not the {@code v / sqrt(t)} decay of §5.2.4 that {@link
 * io.tributary.common.asp.ThresholdSchedule} implements for the data-centre runtime).
 *
 * <p>Significance is the data-centre runtime's {@link SignificanceFunction} (default {@link
 * SignificanceFunction#relativeMagnitude()}, {@code |v / w|}: a zero weight with a non-zero update
 * is significant, a zero update never is). With T0 = 0 every non-zero update is shared at once and
 * Gaia is BSP. Partitions keep their own models; only significant updates travel, as sparse
 * vectors.
 */
public final class GaiaProtocol extends AbstractMeshProtocol implements TunableProtocol {
  private final float[] u;
  private final float[] v;
  private final float[] wBefore;
  private final SignificanceFunction significance;
  private final double[] scores;
  private float[] contribution;
  private volatile double t0;
  private double firstLearningRate = Double.NaN;

  /**
   * Gaia with the per-parameter significance {@code |v / w|} of appendix 6.A.
   *
   * @param t0 initial significance threshold T0 as a fraction (0.1 = 10%), {@code >= 0}
   */
  public GaiaProtocol(float[] initialParameters, SgdConfig sgd, ProtocolContext context, double t0) {
    this(initialParameters, sgd, context, t0, SignificanceFunction.relativeMagnitude());
  }

  /**
   * Gaia with another significance function (e.g. {@link SignificanceFunction#groupNorm(int)} for
   * parameters that are used together, §5.3.3).
   *
   * @param t0 initial significance threshold T0 as a fraction (0.1 = 10%), {@code >= 0}
   * @param significance evaluated over the whole parameter vector, whose length must be a
   *     multiple of its group width
   */
  public GaiaProtocol(float[] initialParameters, SgdConfig sgd, ProtocolContext context, double t0,
      SignificanceFunction significance) {
    super(initialParameters, sgd, context);
    setKnob(t0);
    if (significance == null) {
      throw new IllegalArgumentException("Gaia needs a significance function");
    }
    if (w.length % significance.groupWidth() != 0) {
      throw new IllegalArgumentException("Gaia: " + w.length + " parameters are not whole groups of "
          + significance.groupWidth() + " for " + significance);
    }
    this.significance = significance;
    this.u = new float[w.length];
    this.v = new float[w.length];
    this.wBefore = new float[w.length];
    this.scores = new double[w.length];
  }

  /** The significance function in use. */
  public SignificanceFunction significance() {
    return significance;
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
    for (int j = 0; j < w.length; j++) {
      u[j] = m * u[j] - eta * g[j];
      float c = (float) (a * u[j]);
      contribution[j] = c;
      w[j] += c;
      v[j] += c;
    }
    // Significance of the accumulated updates against the locally updated model (line 9).
    significance.evaluate(v, w, 0, w.length, scores);
    int significant = 0;
    for (int j = 0; j < w.length; j++) {
      if (isSignificant(j, threshold)) {
        significant++;
      }
    }
    int[] idx = new int[significant];
    float[] val = new float[significant];
    int n = 0;
    for (int j = 0; j < w.length; j++) {
      if (isSignificant(j, threshold)) {
        idx[n] = j;
        val[n++] = v[j];
        v[j] = 0f;
      }
    }
    broadcast(UPDATE, step.iteration(), VectorCodec.encode(w.length, idx, val));
    diagnostics.put("threshold", threshold);
    diagnostics.put("significant_fraction", significant / (double) w.length);
  }

  // A zero accumulated update is never sent (with T = 0 and a group function it may score > 0).
  private boolean isSignificant(int j, double threshold) {
    return v[j] != 0f && scores[j] > threshold;
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
