package io.tributary.gaia.options;

import io.tributary.common.config.Setting;
import java.util.List;
import java.util.Locale;

/** The options of {@code gaia launch}: the deployment (data centres, WAN, system), the stop rule and the JVMs. */
public final class LaunchOptions {
  private LaunchOptions() {}

  /** Number of data centres. */
  public static final Setting<Integer> DCS = Setting.key("dcs").intType().defaultValue(2)
      .withDescription("Number of data centres.");

  /** The WAN. */
  public static final Setting<String> WAN = Setting.key("wan").stringType().defaultValue("v/c")
      .withDescription("WAN: v/c, s/s, ec2-11 (first --dcs regions) or a WanTopology file.");

  /** The system. */
  public static final Setting<String> SYSTEM = Setting.key("system").stringType().defaultValue("gaia")
      .withDescription("gaia, gaia-async, baseline or lan.");

  /** Workers per data centre. */
  public static final Setting<Integer> WORKERS = Setting.key("workers").intType().defaultValue(2)
      .withDescription("Workers (Spark partitions) per data centre.");

  /** BASELINE's SSP staleness. */
  public static final Setting<Integer> PS_STALENESS = Setting.key("ps-staleness").intType().defaultValue(0)
      .withDescription("BASELINE: SSP staleness (0 = BSP).");

  /** SSP staleness inside data centres. */
  public static final Setting<Integer> SSP_STALENESS = Setting.key("ssp-staleness").intType().defaultValue(0)
      .withDescription("SSP inside data centres: clocks a worker may run ahead (0 = BSP).");

  /** The objective to reach; unset: until convergence. */
  public static final Setting<Double> TARGET = Setting.key("target").doubleType().noDefaultValue()
      .withDescription("Objective to reach (default: run until < 2% change over 10 clocks)");

  /** Clock limit. */
  public static final Setting<Long> MAX_CLOCKS = Setting.key("max-clocks").longType().defaultValue(100000L)
      .withDescription("Clock limit.");

  /** Training time limit. */
  public static final Setting<Double> MAX_SECONDS = Setting.key("max-seconds").doubleType().defaultValue(1800.0)
      .withDescription("Training time limit.");

  /** Factor on every WAN bandwidth (the bench's too). */
  public static final Setting<Double> BANDWIDTH_SCALE = Setting.key("bandwidth-scale").doubleType().defaultValue(1.0)
      .withDescription("Multiply every WAN bandwidth by this.");

  /** JVMs; 0: one per data centre, at most the cores. */
  public static final Setting<Integer> JVMS = Setting.key("jvms").intType().defaultValue(0)
      .withDescription("JVMs to use (0: one per data centre, at most the cores).");

  /** Heap per JVM (the bench's too). */
  public static final Setting<String> HEAP = Setting.key("heap")
      .type("<size>", "a heap size: a number with a unit k, m, g or t, e.g. 512m or 4g", LaunchOptions::heapSize,
          v -> v)
      .defaultValue("3g").withDescription("Heap per JVM, with a unit (e.g. 512m, 4g).");

  /** Route through the WAN's hub overlay. */
  public static final Setting<Boolean> OVERLAY = Setting.key("overlay").flag()
      .withDescription("Gaia: route through the hub overlay of the WAN's groups (ec2-11: by continent; a topology"
          + " file's 'dc NAME REGION GROUP' and 'hub GROUP TO-GROUP DC' lines) instead of broadcasting directly");

  /** The deployment's own options in {@code --help} order. */
  public static final List<Setting<?>> DEPLOYMENT = List.of(DCS, WAN, SYSTEM, WORKERS, PS_STALENESS, SSP_STALENESS,
      TARGET, MAX_CLOCKS, MAX_SECONDS, BANDWIDTH_SCALE, JVMS, HEAP, OVERLAY);

  /** Every option of a launch: the problem's, then the deployment's. */
  public static final List<Setting<?>> ALL = ProblemOptions.concat(ProblemOptions.ALL, DEPLOYMENT);

  /** A heap size as {@code -Xmx} takes it (lower case), at least 2 MiB; anything else is an error. */
  private static String heapSize(String text) {
    String v = text.strip().toLowerCase(Locale.ROOT);
    if (!v.matches("[0-9]{1,12}[kmgt]")) {
      throw new IllegalArgumentException("no unit or not a number");
    }
    long n = Long.parseLong(v.substring(0, v.length() - 1));
    int shift = switch (v.charAt(v.length() - 1)) {
      case 'k' -> 10;
      case 'm' -> 20;
      case 'g' -> 30;
      default -> 40;
    };
    if (n > (Long.MAX_VALUE >> shift) || (n << shift) < (2L << 20)) {
      throw new IllegalArgumentException("out of range: a JVM heap is at least 2m");
    }
    return v;
  }
}
