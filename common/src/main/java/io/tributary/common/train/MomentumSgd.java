package io.tributary.common.train;

import java.util.Arrays;
import java.util.Objects;

/**
 * Vanilla momentum SGD on flat vectors, the optimiser of every algorithm in the non-IID study
 * (thesis §6.1.1 and appendix 6.A) with Caffe's weight decay (added to the gradient, appendix 6.B):
 * <pre>
 *   u  &larr; m &middot; u &minus; &eta; &middot; (&nabla;f(w) + &lambda; &middot; w)
 *   w  &larr; w + u
 * </pre>
 * Protocols that need the update itself (Gaia accumulates {@code u}; DeepGradientCompression masks
 * it) call {@link #update} and apply it their own way; {@link #step} does both lines.
 *
 * <p>Not thread-safe; one instance per model replica.
 */
public final class MomentumSgd {
  private final float momentum;
  private final float weightDecay;
  private float[] velocity = new float[0];

  /**
   * @param momentum m, in [0, 1)
   * @param weightDecay lambda (L2 coefficient), >= 0
   */
  public MomentumSgd(double momentum, double weightDecay) {
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
    }
    if (!(weightDecay >= 0)) {
      throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
    }
    this.momentum = (float) momentum;
    this.weightDecay = (float) weightDecay;
  }

  /** One step in place: updates the velocity and adds it to {@code params}. */
  public void step(float[] params, float[] grad, double lr) {
    float[] u = update(params, grad, lr);
    for (int i = 0; i < params.length; i++) {
      params[i] += u[i];
    }
  }

  /**
   * Updates the velocity {@code u = m*u - lr*(grad + wd*params)} without touching {@code params}
   * and returns it: the delta to add to the parameters. The returned array is the live velocity
   * (see {@link #velocity()}); copy it before changing it unless the change is meant (momentum
   * correction).
   */
  public float[] update(float[] params, float[] grad, double lr) {
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(grad, "grad");
    if (params.length != grad.length) {
      throw new IllegalArgumentException(params.length + " parameters but " + grad.length + " gradient values");
    }
    if (!(lr >= 0) || Double.isInfinite(lr)) {
      throw new IllegalArgumentException("learning rate must be finite and >= 0, got " + lr);
    }
    if (velocity.length == 0) {
      velocity = new float[params.length];
    } else if (velocity.length != params.length) {
      throw new IllegalArgumentException("this optimiser holds a velocity of " + velocity.length
          + " values, got a model of " + params.length + " (reset() first to switch models)");
    }
    float eta = (float) lr;
    float[] u = velocity;
    for (int i = 0; i < u.length; i++) {
      u[i] = momentum * u[i] - eta * (grad[i] + weightDecay * params[i]);
    }
    return u;
  }

  /**
   * The live velocity {@code u} (length 0 before the first step). Protocols may modify it in
   * place, e.g. DeepGradientCompression's momentum correction clears the entries it sent.
   */
  public float[] velocity() {
    return velocity;
  }

  /** Replaces the velocity (e.g. restored from a checkpoint); the array is copied. */
  public void setVelocity(float[] u) {
    velocity = Arrays.copyOf(u, u.length);
  }

  /** Forgets the velocity (the next step starts from u = 0). */
  public void reset() {
    velocity = new float[0];
  }

  public double momentum() {
    return momentum;
  }

  public double weightDecay() {
    return weightDecay;
  }
}
