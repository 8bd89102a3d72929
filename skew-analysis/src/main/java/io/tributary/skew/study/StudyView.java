package io.tributary.skew.study;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results of one dataset, indexed by configuration, model and setting, in the order the
 * report shows them: BSP, Gaia, FedAvg, DGC (each by its knob), and IID, partial skews ascending,
 * full skew. The tables, findings, plots and summary keys of {@link StudyReport} all read it.
 */
final class StudyView {
  final List<String> configurations;
  final List<String> models;
  final List<String> settings;
  final Map<String, RunResult> cells = new LinkedHashMap<>();
  final Map<String, StudyRun> configRuns = new LinkedHashMap<>();

  StudyView(List<RunResult> rs) {
    List<RunResult> sorted = new ArrayList<>(rs);
    sorted.sort(Comparator.comparingInt((RunResult r) -> algorithmOrder(r.run().protocol().algorithm()))
        .thenComparingDouble(r -> r.run().protocol().algorithm().equals("dgc") ? -r.run().paperKnob()
            : Double.isNaN(r.run().paperKnob()) ? 0 : r.run().paperKnob()));
    configurations = distinct(sorted.stream().map(r -> r.run().configurationLabel()).toList());
    models = distinct(rs.stream().map(r -> r.run().model()).toList());
    List<String> s = distinct(rs.stream().map(r -> r.run().setting()).toList());
    s.sort(Comparator.comparingDouble(StudyView::settingOrder).thenComparing(x -> x));
    settings = s;
    for (RunResult r : rs) {
      cells.put(cell(r.run().configurationLabel(), r.run().model(), r.run().setting()), r);
      configRuns.putIfAbsent(r.run().configurationLabel(), r.run());
    }
  }

  static String cell(String config, String model, String setting) {
    return config + "|" + model + "|" + setting;
  }

  /** The run of this cell, or null when there is none or it failed. */
  RunResult get(String config, String model, String setting) {
    RunResult r = cells.get(cell(config, model, setting));
    return r == null || !r.ok() ? null : r;
  }

  /** The cell's top-1 accuracy, NaN when it has no successful run. */
  double top1(String config, String model, String setting) {
    RunResult r = get(config, model, setting);
    return r == null ? Double.NaN : r.top1();
  }

  /** The reference every accuracy is compared with: BSP in the IID setting. */
  double bspIid(String model) {
    return top1("BSP", model, "iid");
  }

  boolean hasBatchNorm() {
    return cells.values().stream().anyMatch(r -> r.ok() && Double.isFinite(r.bnDivergence()));
  }

  /** The configuration of {@code algorithm} with the paper's headline knob, else its first one; null if none. */
  String primary(String algorithm) {
    for (String c : configurations) {
      StudyRun r = configRuns.get(c);
      if (r.protocol().algorithm().equals(algorithm) && isPrimaryKnob(r)) {
        return c;
      }
    }
    for (String c : configurations) {
      if (configRuns.get(c).protocol().algorithm().equals(algorithm)) {
        return c;
      }
    }
    return null;
  }

  /** The first model of a family by its name's prefix ({@code bn-}, {@code gn-}), or null. */
  String firstModel(String prefix) {
    return models.stream().filter(x -> x.startsWith(prefix)).findFirst().orElse(null);
  }

  static <T> List<T> distinct(List<T> xs) {
    return new ArrayList<>(new LinkedHashSet<>(xs));
  }

  /** The order settings are shown in: IID, partial skews ascending, full skew, then anything else. */
  static double settingOrder(String s) {
    if (s.equals("iid")) {
      return 0;
    }
    if (s.equals("noniid")) {
      return 100;
    }
    if (s.startsWith("noniid")) {
      try {
        return Double.parseDouble(s.substring(6));
      } catch (NumberFormatException e) {
        return 200;
      }
    }
    return 200;
  }

  static String settingLabel(String s) {
    if (s.equals("iid")) {
      return "IID";
    }
    if (s.equals("noniid")) {
      return "Non-IID";
    }
    if (s.startsWith("noniid")) {
      return s.substring(6) + "% non-IID";
    }
    return s;
  }

  private static int algorithmOrder(String a) {
    return switch (a) {
      case "bsp" -> 0;
      case "gaia" -> 1;
      case "fedavg" -> 2;
      case "dgc" -> 3;
      default -> 4;
    };
  }

  /** The paper's headline knob per algorithm (§6.2.1), whose runs get the plain summary keys. */
  static boolean isPrimaryKnob(StudyRun r) {
    return switch (r.protocol().algorithm()) {
      case "gaia" -> Math.abs(r.paperKnob() - 0.10) < 1e-9;
      case "fedavg" -> r.paperKnob() == 20;
      case "dgc" -> r.paperKnob() == 8;
      default -> true;
    };
  }

  /** A name as a summary key or file name part: lower case, runs of other characters as one {@code -}. */
  static String key(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.@-]+", "-").replaceAll("^-|-$", "");
  }
}
