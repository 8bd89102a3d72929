package io.tributary.common.scout;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The values SkewScout may give a protocol's communication knob theta, ordered from the most
 * communication to the least: Gaia's T0 ascending, FederatedAveraging's Iter_Local ascending,
 * DGC's E_warm descending (a longer warm-up keeps updates denser). A controller moves along this
 * order one index at a time.
 *
 * @param algorithm {@code gaia}, {@code fedavg} or {@code dgc}
 * @param values knob values, most communication first, distinct
 */
public record KnobGrid(String algorithm, double[] values) implements Serializable {
  private static final long serialVersionUID = 1L;

  public KnobGrid {
    algorithm = algorithm.toLowerCase(Locale.ROOT);
    if (!List.of("gaia", "fedavg", "dgc").contains(algorithm)) {
      throw new IllegalArgumentException("SkewScout tunes gaia, fedavg or dgc, not '" + algorithm + "' (BSP has no knob)");
    }
    if (values.length == 0) {
      throw new IllegalArgumentException("empty knob grid for " + algorithm);
    }
    values = values.clone();
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      boolean ok = switch (algorithm) {
        case "fedavg" -> v >= 1 && v == Math.rint(v);
        default -> v >= 0 && Double.isFinite(v);
      };
      if (!ok) {
        throw new IllegalArgumentException("bad " + knobName(algorithm) + " value " + v + " in the knob grid");
      }
      if (i > 0 && !(lessCommunication(algorithm, values[i - 1], v))) {
        throw new IllegalArgumentException("knob grid " + Arrays.toString(values) + " is not ordered from most to least "
            + "communication (" + (algorithm.equals("dgc") ? "descending" : "ascending") + ", distinct)");
      }
    }
  }

  private static boolean lessCommunication(String algorithm, double before, double after) {
    return algorithm.equals("dgc") ? after < before : after > before;
  }

  /**
   * A grid of {@code values} in any order, sorted into the communication order.
   */
  public static KnobGrid of(String algorithm, double... values) {
    double[] v = Arrays.stream(values).distinct().sorted().toArray();
    if (algorithm.toLowerCase(Locale.ROOT).equals("dgc")) {
      for (int i = 0; i < v.length / 2; i++) {
        double t = v[i];
        v[i] = v[v.length - 1 - i];
        v[v.length - 1 - i] = t;
      }
    }
    return new KnobGrid(algorithm, v);
  }

  /**
   * The default grids: Gaia T0 in {0, 1, 2, 5, 10, 20, 30, 50}% (T0 = 0 is BSP; Table 6.1 sweeps
   * 2-20%), FederatedAveraging Iter_Local in {1, 2, 5, 10, 20, 50, 100} (1 is BSP), DGC E_warm in
   * {16, 8, 4, 2, 1, 0} epochs of the paper's 128-epoch schedule.
   */
  public static KnobGrid defaults(String algorithm) {
    return switch (algorithm.toLowerCase(Locale.ROOT)) {
      case "gaia" -> of("gaia", 0, 0.01, 0.02, 0.05, 0.10, 0.20, 0.30, 0.50);
      case "fedavg" -> of("fedavg", 1, 2, 5, 10, 20, 50, 100);
      case "dgc" -> of("dgc", 16, 8, 4, 2, 1, 0);
      default -> throw new IllegalArgumentException("SkewScout tunes gaia, fedavg or dgc, not '" + algorithm + "'");
    };
  }

  /**
   * Parses a comma-separated list of knob values in any order ({@code 0,1%,2%,5%} or
   * {@code 0,0.01,0.02} for Gaia; a {@code %} suffix divides by 100).
   *
   * @throws IllegalArgumentException naming the bad value
   */
  public static KnobGrid parse(String algorithm, String text) {
    if (text == null || text.isBlank()) {
      return defaults(algorithm);
    }
    List<Double> v = new ArrayList<>();
    for (String part : text.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      try {
        v.add(p.endsWith("%") ? Double.parseDouble(p.substring(0, p.length() - 1).trim()) / 100 : Double.parseDouble(p));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad knob value '" + p + "' in grid '" + text + "'", e);
      }
    }
    return of(algorithm, v.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** The knob's name as the thesis writes it. */
  public String knobName() {
    return knobName(algorithm);
  }

  static String knobName(String algorithm) {
    return switch (algorithm) {
      case "gaia" -> "T0";
      case "fedavg" -> "Iter_Local";
      default -> "E_warm";
    };
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  /** The number of values. */
  public int size() {
    return values.length;
  }

  /** The value at index {@code i} (0 = most communication). */
  public double value(int i) {
    return values[i];
  }

  /** The index of the value closest to {@code theta}. */
  public int nearest(double theta) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (Math.abs(values[i] - theta) < Math.abs(values[best] - theta)) {
        best = i;
      }
    }
    return best;
  }

  /** A short label of value {@code i}: {@code T0=5%}, {@code Iter_Local=20}, {@code E_warm=8}. */
  public String label(int i) {
    return label(algorithm, values[i]);
  }

  /** A short label of a knob value of {@code algorithm}. */
  public static String label(String algorithm, double value) {
    String a = algorithm.toLowerCase(Locale.ROOT);
    return knobName(a) + "=" + (a.equals("gaia") ? fmt(value * 100) + "%" : fmt(value));
  }

  private static String fmt(double x) {
    if (x == Math.rint(x)) {
      return String.valueOf((long) x);
    }
    return String.format(Locale.ROOT, "%.4g", x).replaceAll("\\.?0+$", "");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KnobGrid g && g.algorithm.equals(algorithm) && Arrays.equals(g.values, values);
  }

  @Override
  public int hashCode() {
    return algorithm.hashCode() * 31 + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(algorithm).append(" ").append(knobName()).append(" [");
    for (int i = 0; i < values.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(label(i).substring(knobName().length() + 1));
    }
    return sb.append("]").toString();
  }
}
