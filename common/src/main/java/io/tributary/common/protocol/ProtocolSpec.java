package io.tributary.common.protocol;

import java.io.Serializable;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A serialisable description of a protocol and its knob, parsed from the command line and shipped
 * to Spark tasks, which {@link #create} the protocol on each partition. Text form:
 *
 * <pre>
 *   bsp
 *   gaia:0.1          gaia:T0=10%                     Gaia, T0 = 10%
 *   fedavg:20         fedavg:Iter_Local=20,participation=0.5,seed=7
 *   dgc:8             dgc:E_warm=8,clip=5,masking=false,sparsity=0
 * </pre>
 *
 * @param algorithm {@code bsp}, {@code gaia}, {@code fedavg} or {@code dgc}
 * @param knob T0 (fraction), Iter_Local (steps) or E_warm (epochs); NaN for BSP
 * @param options extra settings: fedavg {@code participation}, {@code seed}; dgc {@code clip}
 *     (global clipping norm, 0 = off), {@code masking} (true/false), {@code sparsity} (a fixed
 *     sparsity instead of the warm-up schedule)
 */
public record ProtocolSpec(String algorithm, double knob, Map<String, String> options) implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * DGC's default global clipping norm C (each partition clips to C / sqrt(K)): a safeguard
   * against exploding gradients rather than a change of optimiser. LeNet-size networks on
   * CIFAR-10 have minibatch gradient norms of about 2.5-6, so with K = 5 (local threshold 13.4)
   * ordinary steps are not clipped.
   */
  public static final double DEFAULT_DGC_CLIP = 30.0;

  public ProtocolSpec {
    algorithm = algorithm.toLowerCase(Locale.ROOT);
    options = Collections.unmodifiableMap(new TreeMap<>(options));
    switch (algorithm) {
      case "bsp" -> {
        if (!Double.isNaN(knob)) {
          throw new IllegalArgumentException("bsp has no knob, got " + knob);
        }
      }
      case "gaia" -> {
        if (!(knob >= 0) || Double.isInfinite(knob)) {
          throw new IllegalArgumentException("gaia's T0 must be >= 0, got " + knob);
        }
      }
      case "fedavg" -> {
        if (!(knob >= 1) || knob != Math.rint(knob)) {
          throw new IllegalArgumentException("fedavg's Iter_Local must be a whole number >= 1, got " + knob);
        }
      }
      case "dgc" -> {
        if (!(knob >= 0) || Double.isInfinite(knob)) {
          throw new IllegalArgumentException("dgc's E_warm must be >= 0 epochs, got " + knob);
        }
      }
      default -> throw new IllegalArgumentException("unknown algorithm '" + algorithm
          + "' (expected bsp, gaia, fedavg or dgc)");
    }
    for (String key : options.keySet()) {
      boolean ok = switch (algorithm) {
        case "fedavg" -> key.equals("participation") || key.equals("seed");
        case "dgc" -> key.equals("clip") || key.equals("masking") || key.equals("sparsity");
        default -> false;
      };
      if (!ok) {
        throw new IllegalArgumentException("unknown option '" + key + "' for " + algorithm);
      }
    }
  }

  /** BSP. */
  public static ProtocolSpec bsp() {
    return new ProtocolSpec("bsp", Double.NaN, Map.of());
  }

  /** Gaia with initial threshold {@code t0} (fraction). */
  public static ProtocolSpec gaia(double t0) {
    return new ProtocolSpec("gaia", t0, Map.of());
  }

  /** FederatedAveraging with {@code iterLocal} local steps, full participation. */
  public static ProtocolSpec fedAvg(int iterLocal) {
    return new ProtocolSpec("fedavg", iterLocal, Map.of());
  }

  /** DGC with warm-up of {@code warmupEpochs} per stage and default clipping and masking. */
  public static ProtocolSpec dgc(double warmupEpochs) {
    return new ProtocolSpec("dgc", warmupEpochs, Map.of());
  }

  /** The same protocol with one option set. */
  public ProtocolSpec with(String key, String value) {
    Map<String, String> o = new TreeMap<>(options);
    o.put(key, value);
    return new ProtocolSpec(algorithm, knob, o);
  }

  /** The same protocol with another knob value. */
  public ProtocolSpec withKnob(double value) {
    return new ProtocolSpec(algorithm, value, options);
  }

  /**
   * Parses the text form (see the class documentation).
   *
   * @throws IllegalArgumentException naming the bad part
   */
  public static ProtocolSpec parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty protocol (expected e.g. bsp, gaia:0.1, fedavg:20, dgc:8)");
    }
    String t = text.trim();
    int colon = t.indexOf(':');
    String algo = (colon < 0 ? t : t.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
    double knob = Double.NaN;
    Map<String, String> opts = new TreeMap<>();
    if (colon >= 0) {
      for (String part : t.substring(colon + 1).split(",")) {
        String p = part.trim();
        if (p.isEmpty()) {
          continue;
        }
        int eq = p.indexOf('=');
        String key = eq < 0 ? null : p.substring(0, eq).trim();
        String value = eq < 0 ? p : p.substring(eq + 1).trim();
        if (key == null || isKnobName(algo, key)) {
          if (!Double.isNaN(knob)) {
            throw new IllegalArgumentException("protocol '" + text + "' sets the knob twice");
          }
          knob = parseNumber(text, value);
        } else {
          opts.put(key.toLowerCase(Locale.ROOT), value);
        }
      }
    }
    if (Double.isNaN(knob) && !algo.equals("bsp")) {
      knob = switch (algo) {
        case "gaia" -> 0.10;
        case "fedavg" -> 20;
        case "dgc" -> 8;
        default -> Double.NaN;
      };
    }
    try {
      return new ProtocolSpec(algo, knob, opts);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad protocol '" + text + "': " + e.getMessage(), e);
    }
  }

  private static boolean isKnobName(String algo, String key) {
    String k = key.toLowerCase(Locale.ROOT).replace("_", "");
    return switch (algo) {
      case "gaia" -> k.equals("t0");
      case "fedavg" -> k.equals("iterlocal");
      case "dgc" -> k.equals("ewarm");
      default -> false;
    };
  }

  private static double parseNumber(String text, String value) {
    try {
      if (value.endsWith("%")) {
        return Double.parseDouble(value.substring(0, value.length() - 1).trim()) / 100.0;
      }
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad number '" + value + "' in protocol '" + text + "'", e);
    }
  }

  /** Creates this protocol for one partition. */
  public SyncProtocol create(float[] initialParameters, SgdConfig sgd, ProtocolContext context) {
    return switch (algorithm) {
      case "bsp" -> new BspProtocol(initialParameters, sgd, context);
      case "gaia" -> new GaiaProtocol(initialParameters, sgd, context, knob);
      case "fedavg" -> new FedAvgProtocol(initialParameters, sgd, context, (int) knob,
          Double.parseDouble(options.getOrDefault("participation", "1")),
          Long.parseLong(options.getOrDefault("seed", "0")));
      case "dgc" -> {
        double clip = Double.parseDouble(options.getOrDefault("clip", String.valueOf(DEFAULT_DGC_CLIP)));
        boolean masking = Boolean.parseBoolean(options.getOrDefault("masking", "true"));
        double[] schedule = options.containsKey("sparsity")
            ? new double[] {Double.parseDouble(options.get("sparsity"))} : DgcProtocol.WARMUP_SPARSITY;
        yield new DgcProtocol(initialParameters, sgd, context, knob, schedule, clip, masking);
      }
      default -> throw new IllegalStateException(algorithm);
    };
  }

  /** The knob's name ({@code T0}, {@code Iter_Local}, {@code E_warm}), or empty for BSP. */
  public String knobName() {
    return switch (algorithm) {
      case "gaia" -> "T0";
      case "fedavg" -> "Iter_Local";
      case "dgc" -> "E_warm";
      default -> "";
    };
  }

  /** A human label as the thesis writes configurations: {@code BSP}, {@code T0 = 10%}, ... */
  public String label() {
    String base = switch (algorithm) {
      case "bsp" -> "BSP";
      case "gaia" -> "Gaia T0=" + trim(knob * 100) + "%";
      case "fedavg" -> "FedAvg Iter_Local=" + trim(knob);
      case "dgc" -> "DGC E_warm=" + trim(knob);
      default -> algorithm;
    };
    return options.isEmpty() ? base : base + " " + options;
  }

  /** The canonical text form, which {@link #parse} reads back. */
  @Override
  public String toString() {
    if (algorithm.equals("bsp")) {
      return "bsp";
    }
    StringBuilder sb = new StringBuilder(algorithm).append(':').append(knobName()).append('=').append(trim(knob));
    options.forEach((key, value) -> sb.append(',').append(key).append('=').append(value));
    return sb.toString();
  }

  private static String trim(double x) {
    if (x == Math.rint(x) && Math.abs(x) < 1e15) {
      return String.valueOf((long) x);
    }
    return String.format(Locale.ROOT, "%.6g", x).replaceAll("\\.?0+$", "");
  }
}
