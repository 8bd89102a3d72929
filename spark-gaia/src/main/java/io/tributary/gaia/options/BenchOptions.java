package io.tributary.gaia.options;

import io.tributary.common.config.Setting;
import java.util.List;

/**
 * The options of {@code gaia bench}: which WANs and synchronisations, workers, limits. The
 * bandwidth factor and the heap are {@link LaunchOptions}'.
 */
public final class BenchOptions {
  private BenchOptions() {}

  /** The WAN settings. */
  public static final Setting<List<String>> SETTINGS = Setting.key("settings").stringListType()
      .defaultValue(List.of("vc", "ss", "ec2-11")).withDescription("WAN settings to run.");

  /** Workers per data centre with two data centres. */
  public static final Setting<Integer> WORKERS = Setting.key("workers").intType().defaultValue(2)
      .withDescription("Workers per data centre with 2 data centres.");

  /** Workers per data centre with eleven. */
  public static final Setting<Integer> WORKERS_11 = Setting.key("workers-11").intType().defaultValue(1)
      .withDescription("Workers per data centre with 11 data centres.");

  /** Also Gaia_Async. */
  public static final Setting<Boolean> WITH_ASYNC = Setting.key("with-async").flag()
      .withDescription("Also run Gaia_Async (no barrier, no mirror clock)");

  /** Time limit per run. */
  public static final Setting<Double> MAX_SECONDS = Setting.key("max-seconds").doubleType().defaultValue(900.0)
      .withDescription("Training time limit per run.");

  /** BSP and/or SSP. */
  public static final Setting<List<String>> SYNC = Setting.key("sync").stringListType().defaultValue(List.of("bsp"))
      .withDescription("Synchronisation: bsp and/or ssp (SSP among all workers for LAN and BASELINE, inside data"
          + " centres for Gaia; thesis 5.5.6).");

  /** Staleness of {@code --sync ssp}. */
  public static final Setting<Integer> SSP_STALENESS = Setting.key("ssp-staleness").intType().defaultValue(1)
      .withDescription("Staleness of --sync ssp.");

  /** Also Gaia through the hub overlay. */
  public static final Setting<Boolean> OVERLAY = Setting.key("overlay").flag()
      .withDescription("Also run Gaia through the hub overlay (groups by continent) on ec2-11");

  /** The bench's own options in {@code --help} order. */
  public static final List<Setting<?>> BENCH = List.of(SETTINGS, WORKERS, WORKERS_11, WITH_ASYNC,
      LaunchOptions.BANDWIDTH_SCALE, LaunchOptions.HEAP, MAX_SECONDS, SYNC, SSP_STALENESS, OVERLAY);

  /** Every option of the bench: the problem's, then the bench's. */
  public static final List<Setting<?>> ALL = ProblemOptions.concat(ProblemOptions.ALL, BENCH);
}
