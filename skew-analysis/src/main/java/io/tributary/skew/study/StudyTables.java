package io.tributary.skew.study;

import static io.tributary.skew.study.StudyView.settingLabel;

import io.tributary.common.report.CsvTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The study's tables of one dataset ({@link StudyView}): rows are configurations, columns model x
 * setting. The same tables are printed in {@code report.txt} and written as CSV.
 */
final class StudyTables {
  private StudyTables() {}

  /**
   * Top-1 accuracy (Table 6.1 layout) over the {@code shown} settings: each cell with its change vs
   * BSP-IID, flagged {@code *} when more than {@link StudyReport#FLAG_LOSS} below it.
   */
  static CsvTable accuracy(StudyView v, List<String> shown) {
    List<String> cols = new ArrayList<>(List.of("Configuration"));
    List<String[]> pairs = new ArrayList<>();
    for (String m : v.models) {
      for (String s : shown) {
        if (v.settings.contains(s)) {
          cols.add(m + " " + settingLabel(s));
          pairs.add(new String[] {m, s});
        }
      }
    }
    CsvTable t = new CsvTable(cols.toArray(new String[0]));
    for (String c : v.configurations) {
      Object[] row = new Object[cols.size()];
      row[0] = c;
      for (int i = 0; i < pairs.size(); i++) {
        String m = pairs.get(i)[0];
        String s = pairs.get(i)[1];
        RunResult rr = v.cells.get(StudyView.cell(c, m, s));
        if (rr == null) {
          row[i + 1] = "";
        } else if (!rr.ok()) {
          row[i + 1] = "failed";
        } else {
          double base = v.bspIid(m);
          double acc = rr.top1();
          String cellText = String.format(Locale.ROOT, "%.1f%%", 100 * acc);
          if (Double.isFinite(base) && !(c.equals("BSP") && s.equals("iid"))) {
            double delta = 100 * (acc - base);
            cellText += String.format(Locale.ROOT, " (%+.1f)%s", delta, base - acc > StudyReport.FLAG_LOSS ? "*" : "");
          }
          if (rr.diverged()) {
            cellText += " div";
          }
          row[i + 1] = cellText;
        }
      }
      t.add(row);
    }
    return t;
  }

  /** MB sent by all partitions, with the saving vs BSP in the same setting. */
  static CsvTable bytes(StudyView v) {
    List<String> cols = new ArrayList<>(List.of("Configuration"));
    List<String[]> pairs = new ArrayList<>();
    for (String m : v.models) {
      for (String s : v.settings) {
        cols.add(m + " " + settingLabel(s));
        pairs.add(new String[] {m, s});
      }
    }
    CsvTable t = new CsvTable(cols.toArray(new String[0]));
    for (String c : v.configurations) {
      Object[] row = new Object[cols.size()];
      row[0] = c;
      for (int i = 0; i < pairs.size(); i++) {
        RunResult r = v.get(c, pairs.get(i)[0], pairs.get(i)[1]);
        RunResult bsp = v.get("BSP", pairs.get(i)[0], pairs.get(i)[1]);
        if (r == null) {
          row[i + 1] = "";
        } else {
          String cellText = String.format(Locale.ROOT, "%.1f", r.bytes() / 1e6);
          if (bsp != null && !c.equals("BSP") && r.bytes() > 0) {
            cellText += String.format(Locale.ROOT, " (%.1fx)", bsp.bytes() / (double) r.bytes());
          }
          row[i + 1] = cellText;
        }
      }
      t.add(row);
    }
    return t;
  }

  /** BatchNorm minibatch-mean divergence between partitions (first BN layer), for models that have one. */
  static CsvTable batchNorm(StudyView v) {
    List<String> cols = new ArrayList<>(List.of("Configuration"));
    List<String[]> pairs = new ArrayList<>();
    for (String m : v.models) {
      if (v.cells.values().stream().anyMatch(r -> r.ok() && r.run().model().equals(m) && Double.isFinite(r.bnDivergence()))) {
        for (String s : v.settings) {
          cols.add(m + " " + settingLabel(s));
          pairs.add(new String[] {m, s});
        }
      }
    }
    CsvTable t = new CsvTable(cols.toArray(new String[0]));
    for (String c : v.configurations) {
      Object[] row = new Object[cols.size()];
      row[0] = c;
      for (int i = 0; i < pairs.size(); i++) {
        RunResult r = v.get(c, pairs.get(i)[0], pairs.get(i)[1]);
        row[i + 1] = r == null || !Double.isFinite(r.bnDivergence()) ? ""
            : String.format(Locale.ROOT, "%.1f%%", 100 * r.bnDivergence());
      }
      t.add(row);
    }
    return t;
  }
}
