package io.tributary.common.scout;

import java.io.Serializable;

/**
 * SkewScout's target function, thesis eq. 6.2:
 *
 * <pre>
 *   f(theta) = lambda_AL * max(0, AL(theta) - sigma_AL) + lambda_C * C(theta) / CM
 * </pre>
 *
 * where AL is the accuracy loss measured by model traveling (a fraction: 0.05 = 5 points), C the
 * protocol's communication per iteration and partition while theta was in force, and CM the size
 * of one dense model. {@code C / CM} is thus "models' worth per iteration": about K - 1 for BSP,
 * whose partitions each send a dense gradient to K - 1 peers every iteration.
 *
 * <p>The defaults ({@code lambda_AL = 1000}, {@code lambda_C = 1}) make every point of accuracy
 * loss above the bound cost 10 models per iteration, more than BSP's whole communication at
 * K = 5, so the bound acts as a constraint and communication is minimised beneath it.
 *
 * @param lambdaAl weight of the accuracy-loss excess, {@code >= 0}
 * @param sigmaAl accuracy-loss bound (fraction), {@code >= 0}
 * @param lambdaC weight of communication, {@code >= 0}
 */
public record Objective(double lambdaAl, double sigmaAl, double lambdaC) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The default weights, with the accuracy-loss bound {@link #DEFAULT_SIGMA}. */
  public static final double DEFAULT_LAMBDA_AL = 1000;
  /** The default communication weight. */
  public static final double DEFAULT_LAMBDA_C = 1;
  /** The default accuracy-loss bound: 5 points. */
  public static final double DEFAULT_SIGMA = 0.05;

  public Objective {
    if (!(lambdaAl >= 0) || !(lambdaC >= 0) || !(sigmaAl >= 0) || Double.isInfinite(lambdaAl)
        || Double.isInfinite(lambdaC) || Double.isInfinite(sigmaAl)) {
      throw new IllegalArgumentException("objective weights and bound must be finite and >= 0, got lambda_AL="
          + lambdaAl + ", sigma_AL=" + sigmaAl + ", lambda_C=" + lambdaC);
    }
  }

  /** The defaults with accuracy-loss bound {@code sigma}. */
  public static Objective withSigma(double sigma) {
    return new Objective(DEFAULT_LAMBDA_AL, sigma, DEFAULT_LAMBDA_C);
  }

  /**
   * f for one observation.
   *
   * @param accuracyLoss AL (fraction)
   * @param communicationPerModel C / CM
   */
  public double value(double accuracyLoss, double communicationPerModel) {
    return lambdaAl * Math.max(0, accuracyLoss - sigmaAl) + lambdaC * communicationPerModel;
  }

  /** Whether {@code accuracyLoss} is within the bound. */
  public boolean feasible(double accuracyLoss) {
    return accuracyLoss <= sigmaAl;
  }
}
