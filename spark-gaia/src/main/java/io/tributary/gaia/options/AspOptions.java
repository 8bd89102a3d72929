package io.tributary.gaia.options;

import io.tributary.common.config.Setting;
import java.util.List;

/** ASP's options between data centres (thesis §5.3): significance filter, mirror clock, barrier, soft threshold. */
public final class AspOptions {
  private AspOptions() {}

  /** Initial significance threshold; unset: the application's ({@link GaiaCli#defaultThreshold}). */
  public static final Setting<Double> THRESHOLD = Setting.key("threshold").doubleType().noDefaultValue()
      .withDescription("ASP initial significance threshold v (decays as v/sqrt(t)). Default per application, chosen"
          + " as thesis 5.3.4 says (local runs with several v, the one that reaches LAN's objective with least"
          + " traffic): mf 0.2, tm 1.0, ic 0.05");

  /** The mirror clock's data-centre staleness DS. */
  public static final Setting<Integer> DS = Setting.key("ds").intType().defaultValue(4)
      .withDescription("ASP mirror clock: data-centre staleness DS.");

  /** Turns the selective barrier off. */
  public static final Setting<Boolean> NO_BARRIER = Setting.key("no-barrier").flag()
      .withDescription("Disable ASP selective barriers");

  /** The soft threshold's goal. */
  public static final Setting<String> GOAL = Setting.key("goal").stringType().defaultValue("cost")
      .withDescription("ASP soft threshold: speed (lowered while WAN bandwidth is idle) or cost (off); emulated data"
          + " centres share this machine's cores, so traffic that a real deployment would carry for free on idle"
          + " links costs them CPU here.");

  /** Parameters per shard; unset: 4096, rounded to the MF rank. */
  public static final Setting<Integer> SHARD_SIZE = Setting.key("shard-size").intType().noDefaultValue()
      .withDescription("Parameters per parameter-store shard (default 4096; MF: a multiple of --rank)");

  /** ASP's options in {@code --help} order. */
  public static final List<Setting<?>> ALL = List.of(THRESHOLD, DS, NO_BARRIER, GOAL, SHARD_SIZE);
}
