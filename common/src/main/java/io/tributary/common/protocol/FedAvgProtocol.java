package io.tributary.common.protocol;

import io.tributary.common.link.VectorCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * FederatedAveraging for momentum SGD (thesis appendix 6.A, Algorithm 2) on partition k: each
 * round starts from the global model, runs Iter_Local local momentum-SGD steps on the local data,
 * then all participating partitions all-reduce their models to the average, which every partition
 * adopts. The momentum u^k is local and persists across rounds, as in Algorithm 2.
 *
 * <p>With participation below 1, each round a deterministic, seeded subset of
 * {@code max(1, round(participation * K))} partitions trains and is averaged (McMahan et al.'s C);
 * the others skip the round ({@link #needsGradient} is false, they send nothing) and adopt the
 * average at its end. Models are averaged with equal weights, whatever the {@link
 * UpdateWeighting}. With Iter_Local = 1 and full participation this is BSP with MEAN weighting.
 */
public final class FedAvgProtocol extends AbstractMeshProtocol implements TunableProtocol {
  private final float[] u;
  private final float[] roundStart;
  private final double participation;
  private final long seed;
  private volatile int iterLocal;
  private int localSteps;
  private long round;
  private boolean[] participants;
  private boolean syncThisStep;

  /**
   * @param iterLocal local steps per round, {@code >= 1}
   * @param participation fraction of partitions per round, in (0, 1]
   * @param seed seed of the participant selection (the same on every partition)
   */
  public FedAvgProtocol(float[] initialParameters, SgdConfig sgd, ProtocolContext context, int iterLocal,
      double participation, long seed) {
    super(initialParameters, sgd, context);
    if (!(participation > 0 && participation <= 1)) {
      throw new IllegalArgumentException("FedAvg participation must be in (0, 1], got " + participation);
    }
    setKnob(iterLocal);
    this.participation = participation;
    this.seed = seed;
    this.u = new float[w.length];
    this.roundStart = w.clone();
    this.participants = selectParticipants(0);
  }

  /** Full participation. */
  public FedAvgProtocol(float[] initialParameters, SgdConfig sgd, ProtocolContext context, int iterLocal) {
    this(initialParameters, sgd, context, iterLocal, 1.0, 0L);
  }

  @Override
  public String algorithm() {
    return "fedavg";
  }

  @Override
  public String knobName() {
    return "Iter_Local";
  }

  @Override
  public double knob() {
    return iterLocal;
  }

  @Override
  public void setKnob(double value) {
    if (!(value >= 1) || value != Math.rint(value) || value > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("FedAvg's Iter_Local must be a whole number >= 1, got " + value);
    }
    iterLocal = (int) value;
  }

  @Override
  public boolean largerKnobCommunicatesLess() {
    return true;
  }

  /** The participation fraction. */
  public double participation() {
    return participation;
  }

  /** Whether partition {@code i} takes part in the current round. */
  public boolean participates(int i) {
    return participants[i];
  }

  @Override
  public boolean needsGradient(Step step) {
    return participants[k];
  }

  private boolean[] selectParticipants(long r) {
    boolean[] sel = new boolean[numPartitions];
    int count = Math.max(1, (int) Math.round(participation * numPartitions));
    if (count >= numPartitions) {
      Arrays.fill(sel, true);
      return sel;
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < numPartitions; i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(seed * 1_000_003L + r));
    for (int n = 0; n < count; n++) {
      sel[order.get(n)] = true;
    }
    return sel;
  }

  @Override
  void doSend(float[] gradient, Step step) throws IOException {
    if (participants[k]) {
      float[] g = regularised(gradient, w);
      float m = (float) sgd.momentum();
      float eta = (float) step.learningRate();
      for (int j = 0; j < w.length; j++) {
        u[j] = m * u[j] - eta * g[j];
        w[j] += u[j];
      }
    }
    localSteps++;
    syncThisStep = localSteps >= iterLocal;
    if (syncThisStep && participants[k]) {
      broadcast(MODEL, step.iteration(), VectorCodec.encode(w));
    }
  }

  @Override
  void doReceive(Step step) throws IOException, InterruptedException {
    if (!syncThisStep) {
      return;
    }
    int count = 0;
    for (boolean p : participants) {
      count += p ? 1 : 0;
    }
    double share = 1.0 / count;
    float[] local = w.clone();
    float[] avg = new float[w.length];
    for (int i = 0; i < numPartitions; i++) {
      if (!participants[i]) {
        continue;
      }
      if (i == k) {
        for (int j = 0; j < avg.length; j++) {
          avg[j] += (float) (share * local[j]);
        }
      } else {
        addTo(avg, receiveFrom(i, MODEL, step.iteration()), share);
      }
    }
    // Fig. 6.6's "local update delta": how far this partition's round moved it, relative to the
    // new global model.
    double d = 0;
    double n = 0;
    for (int j = 0; j < avg.length; j++) {
      double diff = local[j] - roundStart[j];
      d += diff * diff;
      n += (double) avg[j] * avg[j];
    }
    diagnostics.put("local_update_delta", participants[k] && n > 0 ? Math.sqrt(d / n) : Double.NaN);
    System.arraycopy(avg, 0, w, 0, w.length);
    System.arraycopy(avg, 0, roundStart, 0, w.length);
    localSteps = 0;
    round++;
    participants = selectParticipants(round);
    diagnostics.put("round", (double) round);
  }
}
