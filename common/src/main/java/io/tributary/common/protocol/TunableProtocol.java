package io.tributary.common.protocol;

/**
 * A protocol with one communication knob that can be changed while it runs (SkewScout's theta):
 * Gaia's initial significance threshold T0, FederatedAveraging's Iter_Local, DGC's E_warm. A new
 * value takes effect at the next {@link SyncProtocol#send}. The caller must change the knob on
 * every partition at the same iteration. Setters are thread-safe (a controller thread may call
 * them while the training thread steps).
 */
public interface TunableProtocol extends SyncProtocol {

  /** The knob's name as the thesis writes it: {@code T0}, {@code Iter_Local} or {@code E_warm}. */
  String knobName();

  /** The knob's current value. */
  double knob();

  /**
   * Sets the knob; takes effect at the next step.
   *
   * @throws IllegalArgumentException when the value is outside the knob's domain
   */
  void setKnob(double value);

  /**
   * Whether a larger knob value means less communication (true for T0 and Iter_Local, false for
   * E_warm, whose longer warm-up keeps updates denser for longer).
   */
  boolean largerKnobCommunicatesLess();
}
