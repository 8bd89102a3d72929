package io.tributary.common.protocol;

import java.io.Serializable;
import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * A step-decay learning rate over fractional epochs: {@code eta0}, divided by {@code factor} at
 * each milestone (appendix 6.B: 0.002, divided by 10 at epochs 64 and 96 of 128).
 *
 * @param initial eta0, {@code > 0}
 * @param factor divisor at each milestone, {@code >= 1}
 * @param milestones epochs at which the rate drops, ascending
 */
public record StepDecay(double initial, double factor, double[] milestones)
    implements DoubleUnaryOperator, Serializable {
  public StepDecay {
    if (!(initial > 0) || Double.isInfinite(initial)) {
      throw new IllegalArgumentException("initial learning rate must be > 0, got " + initial);
    }
    if (!(factor >= 1)) {
      throw new IllegalArgumentException("decay factor must be >= 1, got " + factor);
    }
    milestones = milestones.clone();
    for (int i = 1; i < milestones.length; i++) {
      if (milestones[i] < milestones[i - 1]) {
        throw new IllegalArgumentException("milestones must ascend: " + Arrays.toString(milestones));
      }
    }
  }

  /** The learning rate at {@code epoch}. */
  @Override
  public double applyAsDouble(double epoch) {
    double eta = initial;
    for (double m : milestones) {
      if (epoch >= m) {
        eta /= factor;
      }
    }
    return eta;
  }

  @Override
  public double[] milestones() {
    return milestones.clone();
  }

  @Override
  public String toString() {
    return "StepDecay[" + initial + " /" + factor + " at " + Arrays.toString(milestones) + "]";
  }
}
