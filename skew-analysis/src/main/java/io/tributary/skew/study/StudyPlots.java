package io.tributary.skew.study;

import static io.tributary.skew.study.StudyView.key;
import static io.tributary.skew.study.StudyView.settingLabel;

import io.tributary.common.report.Plots;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The study's plots of one dataset ({@link StudyView}) as PNG: accuracy per configuration (Fig. 6.1),
 * BatchNorm vs GroupNorm (Fig. 6.8), degrees of skew (Fig. 6.9), BatchNorm mean divergence per
 * channel (Fig. 6.7) and top-1 during training. Missing runs plot as 0.
 */
final class StudyPlots {
  private StudyPlots() {}

  static void write(StudyView v, Path dir) throws IOException {
    List<String> configurations = v.configurations;
    List<String> settings = v.settings;
    // Fig. 6.1: per model, accuracy of each configuration, IID vs non-IID.
    for (String m : v.models) {
      Map<String, double[]> series = new LinkedHashMap<>();
      for (String s : settings) {
        double[] y = configurations.stream().mapToDouble(c -> 100 * nanToZero(v.top1(c, m, s))).toArray();
        series.put(settingLabel(s), y);
      }
      Plots.bars(dir.resolve("fig6_1_" + key(m) + ".png"), "Top-1 accuracy, " + m + " (Fig. 6.1)", "configuration",
          "top-1 accuracy (%)", configurations, series, false);
    }
    // Fig. 6.8: BatchNorm vs GroupNorm.
    String bn = v.firstModel("bn-");
    String gn = v.firstModel("gn-");
    if (bn != null && gn != null) {
      Map<String, double[]> series = new LinkedHashMap<>();
      for (String m : List.of(bn, gn)) {
        for (String s : List.of("iid", "noniid")) {
          if (settings.contains(s)) {
            series.put(m + " " + settingLabel(s),
                configurations.stream().mapToDouble(c -> 100 * nanToZero(v.top1(c, m, s))).toArray());
          }
        }
      }
      Plots.bars(dir.resolve("fig6_8_bn_vs_gn.png"), "BatchNorm vs GroupNorm (Fig. 6.8)", "configuration",
          "top-1 accuracy (%)", configurations, series, false);
    }
    // Fig. 6.9: degrees of skew, per model.
    if (settings.size() > 2) {
      for (String m : v.models) {
        Map<String, double[]> series = new LinkedHashMap<>();
        for (String c : configurations) {
          series.put(c, settings.stream().mapToDouble(s -> 100 * nanToZero(v.top1(c, m, s))).toArray());
        }
        Plots.bars(dir.resolve("fig6_9_" + key(m) + ".png"), "Degrees of skew, " + m + " (Fig. 6.9)", "setting",
            "top-1 accuracy (%)", settings.stream().map(StudyView::settingLabel).toList(), series, false);
      }
    }
    // Fig. 6.7: per-channel BatchNorm mean divergence under BSP.
    for (String m : v.models) {
      List<Plots.Series> lines = new ArrayList<>();
      for (String s : settings) {
        RunResult r = v.get("BSP", m, s);
        if (r != null && r.bnDivergencePerChannel().length > 0) {
          double[] x = new double[r.bnDivergencePerChannel().length];
          double[] y = new double[x.length];
          for (int c = 0; c < x.length; c++) {
            x[c] = c;
            y[c] = 100 * nanToZero(r.bnDivergencePerChannel()[c]);
          }
          lines.add(new Plots.Series(settingLabel(s), x, y));
        }
      }
      if (!lines.isEmpty()) {
        Plots.lines(dir.resolve("fig6_7_" + key(m) + ".png"), "BatchNorm minibatch-mean divergence, first layer, "
            + m + ", BSP (Fig. 6.7)", "channel", "divergence (%)", lines, false);
      }
    }
    // Accuracy curves per model and setting.
    for (String m : v.models) {
      for (String s : settings) {
        List<Plots.Series> lines = new ArrayList<>();
        for (String c : configurations) {
          RunResult r = v.get(c, m, s);
          if (r != null && r.curveEpoch().length > 0) {
            double[] y = Arrays.stream(r.curveTop1()).map(a -> 100 * a).toArray();
            lines.add(new Plots.Series(c, r.curveEpoch(), y));
          }
        }
        if (!lines.isEmpty()) {
          Plots.lines(dir.resolve("curves_" + key(m) + "_" + s + ".png"), "Top-1 during training, " + m + ", "
              + settingLabel(s), "epoch", "top-1 accuracy (%)", lines, false);
        }
      }
    }
  }

  private static double nanToZero(double x) {
    return Double.isFinite(x) ? x : 0;
  }
}
