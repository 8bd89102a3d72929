package io.tributary.common.train;

import java.util.Arrays;

/**
 * The learning rate as a function of the global step (0-based, counting minibatches) and the epoch
 * (0-based). The study's CIFAR-10 schedule (thesis appendix 6.B, Table 6.3) is
 * {@code step(0.002, 0.1, 64, 96)}: eta0 = 0.002, divided by 10 at epochs 64 and 96.
 */
@FunctionalInterface
public interface LearningRateSchedule {
  /** The learning rate for global step {@code step}, which lies in epoch {@code epoch}. */
  double rate(long step, int epoch);

  /**
   * {@code base} multiplied by {@code factor} once for every milestone epoch reached: epochs before
   * the first milestone use {@code base}, from the first milestone on {@code base * factor}, and so on.
   */
  static LearningRateSchedule step(double base, double factor, int... milestoneEpochs) {
    if (!(base > 0) || Double.isInfinite(base)) {
      throw new IllegalArgumentException("base learning rate must be finite and > 0, got " + base);
    }
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("learning rate factor must be finite and > 0, got " + factor);
    }
    int[] ms = milestoneEpochs.clone();
    for (int i = 0; i < ms.length; i++) {
      if (ms[i] < 0 || (i > 0 && ms[i] <= ms[i - 1])) {
        throw new IllegalArgumentException("milestone epochs must be >= 0 and increasing, got " + Arrays.toString(ms));
      }
    }
    return new LearningRateSchedule() {
      @Override
      public double rate(long step, int epoch) {
        double lr = base;
        for (int m : ms) {
          if (epoch >= m) {
            lr *= factor;
          }
        }
        return lr;
      }

      @Override
      public String toString() {
        return "step(" + base + ", x" + factor + " at epochs " + Arrays.toString(ms) + ")";
      }
    };
  }

  /** The same rate at every step. */
  static LearningRateSchedule constant(double lr) {
    if (!(lr >= 0) || Double.isInfinite(lr)) {
      throw new IllegalArgumentException("learning rate must be finite and >= 0, got " + lr);
    }
    return new LearningRateSchedule() {
      @Override
      public double rate(long step, int epoch) {
        return lr;
      }

      @Override
      public String toString() {
        return "constant(" + lr + ")";
      }
    };
  }

  /**
   * Polynomial decay {@code base * (1 - step / maxSteps)^power}, 0 from {@code maxSteps} on (the
   * study's ImageNet schedule, thesis Table 6.4).
   */
  static LearningRateSchedule polynomial(double base, double power, long maxSteps) {
    if (!(base > 0) || Double.isInfinite(base) || !(power > 0) || maxSteps < 1) {
      throw new IllegalArgumentException("polynomial decay needs base > 0, power > 0, maxSteps >= 1; got " + base
          + ", " + power + ", " + maxSteps);
    }
    return new LearningRateSchedule() {
      @Override
      public double rate(long step, int epoch) {
        return step >= maxSteps ? 0 : base * Math.pow(1 - step / (double) maxSteps, power);
      }

      @Override
      public String toString() {
        return "polynomial(" + base + ", power " + power + ", " + maxSteps + " steps)";
      }
    };
  }
}
