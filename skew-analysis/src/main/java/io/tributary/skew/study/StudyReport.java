package io.tributary.skew.study;

import static io.tributary.skew.study.StudyView.distinct;
import static io.tributary.skew.study.StudyView.key;

import io.tributary.common.io.AtomicFiles;
import io.tributary.common.report.Summary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The study's report: the thesis' tables (Table 6.1 layout: rows = configurations, columns =
 * model x IID/Non-IID, a cell flagged {@code *} where its accuracy is more than 2 points below
 * BSP in the IID setting), the degree-of-skew table, communication and BatchNorm divergence
 * tables, plots like Figs. 6.1, 6.7, 6.8 and 6.9, a check of the paper's three findings, and the
 * flat {@code summary.json}.
 *
 * <p>This class assembles the text and the summary keys; the results' index is {@link StudyView},
 * the tables {@link StudyTables}, the findings {@link StudyFindings} and the plots {@link StudyPlots}.
 */
public final class StudyReport {
  /** Accuracy loss vs BSP-IID above which a cell is flagged (the thesis' 2%). */
  public static final double FLAG_LOSS = 0.02;

  private StudyReport() {}

  /** Everything the report computed, for printing and tests. */
  public record Report(String text, Summary summary, List<Finding> findings) {}

  /** One of the paper's findings checked against this study's numbers. */
  public record Finding(String name, boolean reproduced, String evidence) {}

  /** Builds the report of {@code results} (runs of one or more datasets). */
  public static Report build(List<RunResult> results, double minutes) {
    StringBuilder text = new StringBuilder();
    Summary summary = new Summary();
    List<Finding> findings = new ArrayList<>();
    List<String> datasets = distinct(results.stream().map(r -> r.run().dataset()).toList());
    for (int d = 0; d < datasets.size(); d++) {
      String dataset = datasets.get(d);
      List<RunResult> rs = results.stream().filter(r -> r.run().dataset().equals(dataset)).toList();
      StudyView v = new StudyView(rs);
      String prefix = d == 0 ? "" : key(dataset) + "_";
      RunResult any = rs.get(0);
      text.append(String.format(Locale.ROOT, "%n== Non-IID study: %s, K=%d, %s epochs, batch %d/partition, lr %s, "
          + "momentum %s, weight decay %s ==%n", dataset, any.run().partitions(), StudyRun.fmt(any.run().epochs()),
          any.run().batchSize(), any.run().learningRate(), any.run().sgd().momentum(), any.run().sgd().weightDecay()));
      text.append(String.format(Locale.ROOT, "train %d samples, test %d samples%n", any.trainSamples(),
          any.testSamples()));
      text.append("\nTop-1 validation accuracy (Table 6.1 layout; * = more than 2 points below BSP-IID of the "
          + "model; in brackets: change vs BSP-IID)\n");
      text.append(StudyTables.accuracy(v, List.of("iid", "noniid")).toText());
      if (v.settings.size() > 2 || !v.settings.containsAll(List.of("iid", "noniid"))) {
        text.append("\nTop-1 over degrees of skew (Fig. 6.9)\n");
        text.append(StudyTables.accuracy(v, v.settings).toText());
      }
      text.append("\nCommunication: MB sent by all partitions (savings vs BSP in the same setting)\n");
      text.append(StudyTables.bytes(v).toText());
      if (v.hasBatchNorm()) {
        text.append("\nBatchNorm minibatch-mean divergence between partitions, first BN layer (§6.4.1, Fig. 6.7)\n");
        text.append(StudyTables.batchNorm(v).toText());
      }
      for (RunResult r : rs) {
        if (!r.ok()) {
          text.append("FAILED ").append(r.run()).append(": ").append(r.error()).append('\n');
        }
      }
      summarise(v, summary, prefix);
      if (d == 0) {
        findings.addAll(StudyFindings.of(v));
      }
    }
    if (!findings.isEmpty()) {
      text.append("\nThe paper's findings at this scale\n");
      for (Finding f : findings) {
        text.append(String.format(Locale.ROOT, "  [%s] %s%n      %s%n", f.reproduced() ? "reproduced" : "NOT reproduced",
            f.name(), f.evidence()));
        summary.put("finding_" + key(f.name().substring(0, f.name().indexOf(':'))), f.reproduced());
      }
    }
    summary.put("runs", (long) results.size());
    summary.put("failed_runs", results.stream().filter(r -> !r.ok()).count());
    summary.put("minutes", minutes);
    summary.put("run_minutes_total", results.stream().mapToDouble(RunResult::seconds).sum() / 60);
    return new Report(text.toString(), summary, findings);
  }

  /**
   * Writes the report into {@code dir}: {@code report.txt}, the tables as CSV, the plots as PNG
   * and {@code summary.json}; returns it.
   */
  public static Report write(List<RunResult> results, Path dir, double minutes) throws IOException {
    return write(results, dir, minutes, Map.of());
  }

  /** {@link #write(List, Path, double)} with extra numbers for {@code summary.json}. */
  public static Report write(List<RunResult> results, Path dir, double minutes, Map<String, Double> extra)
      throws IOException {
    Report report = build(results, minutes);
    extra.forEach((k, v) -> report.summary().put(k, v));
    Files.createDirectories(dir);
    AtomicFiles.writeString(dir.resolve("report.txt"), report.text());
    report.summary().write(dir.resolve("summary.json"));
    String first = results.get(0).run().dataset();
    StudyView v = new StudyView(results.stream().filter(r -> r.run().dataset().equals(first)).toList());
    StudyTables.accuracy(v, List.of("iid", "noniid")).write(dir.resolve("table6_1.csv"));
    StudyTables.accuracy(v, v.settings).write(dir.resolve("accuracy_by_setting.csv"));
    StudyTables.bytes(v).write(dir.resolve("communication.csv"));
    StudyPlots.write(v, dir);
    return report;
  }

  /**
   * The summary keys of one dataset: top-1 per configuration, model and setting (the paper's knob
   * under the algorithm's plain name), and bytes and BatchNorm divergence beside each.
   */
  private static void summarise(StudyView v, Summary summary, String prefix) {
    Set<String> done = new LinkedHashSet<>();
    for (RunResult r : v.cells.values()) {
      StudyRun run = r.run();
      String alg = run.protocol().algorithm();
      // The plain key goes to the paper's knob, or to the algorithm's only/first knob in this study.
      String algKey = run.configurationLabel().equals(v.primary(alg)) ? alg : alg + "@" + StudyRun.fmt(run.paperKnob());
      String base = prefix + algKey + "_" + key(run.model()) + "_" + run.setting();
      if (!done.add(base)) {
        continue;
      }
      summary.put(base, r.ok() ? r.top1() : Double.NaN);
      if (r.ok()) {
        summary.put("bytes_" + base, r.bytes());
        if (Double.isFinite(r.bnDivergence())) {
          summary.put("bn_divergence_" + base, r.bnDivergence());
        }
      }
    }
  }
}
