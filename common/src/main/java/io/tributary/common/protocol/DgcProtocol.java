package io.tributary.common.protocol;

import io.tributary.common.link.VectorCodec;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * DeepGradientCompression for momentum SGD (thesis appendix 6.A, Algorithm 3) on partition k. All
 * partitions hold one global model w:
 *
 * <pre>
 *   g <- -eta * clip(grad(w) + wd w)       local gradient clipping (threshold C / sqrt(K), as DGC)
 *   u <- m u + g                           momentum correction: accumulate velocity, not gradient
 *   v <- v + a_k u                         local gradient accumulation
 *   S <- |v| among the top (1 - s) of |v|  s = current sparsity
 *   send v[S] ; v[S] <- 0 ; u[S] <- 0      clear what was sent (momentum factor masking)
 *   w <- w + sum_i v~_i                    apply every partition's top updates (own included)
 * </pre>
 *
 * The sparsity warms up over the epochs: {@code 75%, 93.75%, 98.4375%, 99.6%} for E_warm epochs
 * each, then {@code 99.9%}. Note that at 0% sparsity momentum factor masking clears the whole
 * velocity every step, so DGC is plain SGD; without masking it is BSP with momentum.
 */
public final class DgcProtocol extends AbstractMeshProtocol implements TunableProtocol {
  /** The warm-up sparsities of Lin et al. (2018), the last one kept after the warm-up. */
  public static final double[] WARMUP_SPARSITY = {0.75, 0.9375, 0.984375, 0.996, 0.999};

  private final float[] u;
  private final float[] v;
  private final double[] schedule;
  private final double clipNorm;
  private final boolean momentumMasking;
  private volatile double warmupEpochs;
  private int[] ownIdx;
  private float[] ownVal;

  /**
   * @param warmupEpochs E_warm: epochs per warm-up sparsity, {@code >= 0} (0: 99.9% from the start)
   * @param schedule sparsities in [0, 1), one per warm-up stage, the last kept afterwards
   * @param clipNorm global L2 clipping threshold C of the gradient ({@code <= 0}: no clipping);
   *     each partition clips to {@code C / sqrt(K)}
   * @param momentumMasking whether to clear the velocity of sent entries (Algorithm 3, line 13)
   */
  public DgcProtocol(float[] initialParameters, SgdConfig sgd, ProtocolContext context, double warmupEpochs,
      double[] schedule, double clipNorm, boolean momentumMasking) {
    super(initialParameters, sgd, context);
    if (schedule == null || schedule.length == 0) {
      throw new IllegalArgumentException("DGC needs at least one sparsity");
    }
    for (double s : schedule) {
      if (!(s >= 0 && s < 1)) {
        throw new IllegalArgumentException("DGC sparsity must be in [0, 1), got " + s);
      }
    }
    setKnob(warmupEpochs);
    this.schedule = schedule.clone();
    this.clipNorm = clipNorm;
    this.momentumMasking = momentumMasking;
    this.u = new float[w.length];
    this.v = new float[w.length];
  }

  /** The paper's configuration: warm-up schedule, masking, clipping at {@code clipNorm}. */
  public DgcProtocol(float[] initialParameters, SgdConfig sgd, ProtocolContext context, double warmupEpochs,
      double clipNorm) {
    this(initialParameters, sgd, context, warmupEpochs, WARMUP_SPARSITY, clipNorm, true);
  }

  @Override
  public String algorithm() {
    return "dgc";
  }

  @Override
  public String knobName() {
    return "E_warm";
  }

  @Override
  public double knob() {
    return warmupEpochs;
  }

  @Override
  public void setKnob(double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("DGC's E_warm must be >= 0 epochs, got " + value);
    }
    warmupEpochs = value;
  }

  @Override
  public boolean largerKnobCommunicatesLess() {
    return false;
  }

  /** The sparsity s in force at {@code epoch} (fractional epochs from 0). */
  public double sparsity(double epoch) {
    double e = warmupEpochs;
    int stage = e <= 0 ? schedule.length - 1 : (int) Math.min(schedule.length - 1, Math.floor(epoch / e));
    return schedule[stage];
  }

  @Override
  void doSend(float[] gradient, Step step) throws IOException {
    float[] g = regularised(gradient, w);
    double scale = 1.0;
    if (clipNorm > 0) {
      double norm = 0;
      for (float x : g) {
        norm += (double) x * x;
      }
      norm = Math.sqrt(norm);
      double local = clipNorm / Math.sqrt(numPartitions);
      if (norm > local) {
        scale = local / norm;
      }
      diagnostics.put("clipped", norm > local ? 1.0 : 0.0);
    }
    float m = (float) sgd.momentum();
    float coef = (float) (-step.learningRate() * scale);
    double a = weight();
    float[] mag = new float[w.length];
    for (int j = 0; j < w.length; j++) {
      u[j] = m * u[j] + coef * g[j];
      v[j] += (float) (a * u[j]);
      mag[j] = Math.abs(v[j]);
    }
    double s = sparsity(step.epoch());
    int keep = Math.max(1, (int) Math.ceil((1 - s) * w.length - 1e-9));
    float threshold = keep >= w.length ? 0f : kthLargest(mag, keep);
    int n = 0;
    for (int j = 0; j < w.length; j++) {
      if (v[j] != 0f && Math.abs(v[j]) >= threshold) {
        n++;
      }
    }
    ownIdx = new int[n];
    ownVal = new float[n];
    int c = 0;
    for (int j = 0; j < w.length; j++) {
      if (v[j] != 0f && Math.abs(v[j]) >= threshold) {
        ownIdx[c] = j;
        ownVal[c++] = v[j];
        v[j] = 0f;
        if (momentumMasking) {
          u[j] = 0f;
        }
      }
    }
    broadcast(UPDATE, step.iteration(), VectorCodec.encode(w.length, ownIdx, ownVal));
    diagnostics.put("sparsity", s);
    diagnostics.put("sent_fraction", n / (double) w.length);
  }

  @Override
  void doReceive(Step step) throws IOException, InterruptedException {
    for (int i = 0; i < numPartitions; i++) {
      if (i == k) {
        for (int n = 0; n < ownIdx.length; n++) {
          w[ownIdx[n]] += ownVal[n];
        }
      } else {
        addTo(w, receiveFrom(i, UPDATE, step.iteration()), 1.0);
      }
    }
    ownIdx = null;
    ownVal = null;
    double vNorm = 0;
    double wNorm = 0;
    for (int j = 0; j < w.length; j++) {
      vNorm += (double) v[j] * v[j];
      wNorm += (double) w[j] * w[j];
    }
    // Fig. 6.5's "residual update delta": what is accumulated but not yet shared, relative to w.
    diagnostics.put("residual_delta", wNorm == 0 ? Double.NaN : Math.sqrt(vNorm / wNorm));
  }

  /** The k-th largest value of {@code a} (1-based), by quickselect; reorders {@code a}. */
  static float kthLargest(float[] a, int kth) {
    if (kth < 1 || kth > a.length) {
      throw new IllegalArgumentException("k=" + kth + " outside [1, " + a.length + "]");
    }
    int target = a.length - kth; // index in ascending order
    int lo = 0;
    int hi = a.length - 1;
    SplittableRandom rnd = new SplittableRandom(a.length);
    while (lo < hi) {
      float pivot = a[lo + rnd.nextInt(hi - lo + 1)];
      int lt = lo;
      int gt = hi;
      int i = lo;
      while (i <= gt) {
        if (a[i] < pivot) {
          swap(a, lt++, i++);
        } else if (a[i] > pivot) {
          swap(a, i, gt--);
        } else {
          i++;
        }
      }
      if (target < lt) {
        hi = lt - 1;
      } else if (target > gt) {
        lo = gt + 1;
      } else {
        return pivot;
      }
    }
    return a[target];
  }

  private static void swap(float[] a, int i, int j) {
    float t = a[i];
    a[i] = a[j];
    a[j] = t;
  }

  @Override
  public String toString() {
    return super.toString() + " E_warm=" + warmupEpochs + " schedule=" + Arrays.toString(schedule);
  }
}
