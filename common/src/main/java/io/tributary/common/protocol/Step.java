package io.tributary.common.protocol;

/**
 * Where training stands when a partition takes a step. Every partition passes the same values at
 * the same iteration, so protocols that depend on time (Gaia's threshold schedule, DGC's sparsity
 * warm-up, FederatedAveraging's rounds) agree without talking.
 *
 * @param iteration global iteration number, from 0
 * @param epoch fractional epochs of the whole training set processed before this step
 * @param learningRate the learning rate for this step (eta_t), {@code > 0}
 */
public record Step(long iteration, double epoch, double learningRate) {
  public Step {
    if (iteration < 0) {
      throw new IllegalArgumentException("iteration must be >= 0, got " + iteration);
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learning rate must be a positive number, got " + learningRate);
    }
    if (!(epoch >= 0)) {
      throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
    }
  }
}
