package io.tributary.common.protocol;

import java.io.Serializable;

/**
 * Vanilla momentum SGD settings shared by all protocols: {@code u <- m*u - eta*(grad + wd*w)},
 * {@code w <- w + u} (appendix 6.B uses m = 0.9, wd = 0.0005).
 *
 * @param momentum m in [0, 1)
 * @param weightDecay L2 coefficient added to the gradient, {@code >= 0}
 */
public record SgdConfig(double momentum, double weightDecay) implements Serializable {
  /** Appendix 6.B's CIFAR-10 settings: momentum 0.9, weight decay 0.0005. */
  public static final SgdConfig PAPER = new SgdConfig(0.9, 0.0005);

  public SgdConfig {
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
    }
    if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
      throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
    }
  }
}
