package io.tributary.gaia.runtime;

import io.tributary.common.report.CsvTable;
import io.tributary.common.report.Summary;
import io.tributary.gaia.runtime.DataCenterRun.Result;
import io.tributary.gaia.runtime.DataCenterRun.TraceRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.TreeMap;

/**
 * The files one data centre's run leaves ({@link DataCenterRun.Result}): its per-clock trace, the
 * global objective as it saw it, and its result summary. Column names and keys are read by the
 * launcher and by scripts: keep them as they are.
 */
public final class DataCenterRunFiles {
  private DataCenterRunFiles() {}

  /** Writes {@code trace-<dc>.csv}, {@code objective-<dc>.csv} and {@code result-<dc>.json} into {@code dir}. */
  public static void write(Result r, Path dir) throws IOException {
    Files.createDirectories(dir);
    CsvTable t = new CsvTable("clock", "elapsed_s", "compute_s", "wait_s", "wan_bytes_sent", "stats");
    for (TraceRow row : r.trace()) {
      StringBuilder sb = new StringBuilder();
      for (double d : row.stats()) {
        sb.append(sb.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.9g", d));
      }
      t.add(row.clock(), row.elapsedSeconds(), row.computeSeconds(), row.waitSeconds(), row.wanBytesSent(),
          sb.toString());
    }
    t.write(dir.resolve("trace-" + r.dc() + ".csv"));
    CsvTable o = new CsvTable("clock", "seconds", "objective");
    for (GlobalProgress.Point p : r.series()) {
      o.add(p.clock(), p.seconds(), String.format(Locale.ROOT, "%.9g", p.objective()));
    }
    o.write(dir.resolve("objective-" + r.dc() + ".csv"));
    Summary s = new Summary()
        .put("dc", r.dc())
        .put("clocks", r.clocks())
        .put("reached", r.reached())
        .put("reason", r.reason())
        .put("target", r.target())
        .put("reached_seconds", r.reachedSeconds())
        .put("train_seconds", r.trainSeconds())
        .put("compute_seconds", r.timing().computeSeconds())
        .put("wait_seconds", r.waitSeconds())
        .put("workers", r.timing().workers())
        .put("wan_bytes_sent", r.usage().wanBytesSent())
        .put("parameters_updated", r.usage().parametersUpdated())
        .put("parameters_sent", r.usage().parametersSent())
        .put("barriers_sent", r.usage().barriers())
        .put("soft_ratio", r.usage().softRatio())
        .put("delivered", r.traffic().delivered())
        .put("data_bytes", r.dataBytes());
    for (int i = 0; i < r.finalStats().length; i++) {
      s.put("final_stat." + i, r.finalStats()[i]);
    }
    new TreeMap<>(r.evaluation()).forEach((k, v) -> s.put("eval." + k, v));
    r.usage().sentPerPeer().forEach((peer, bytes) -> s.put("wan_bytes_to." + peer, bytes));
    s.write(dir.resolve("result-" + r.dc() + ".json"));
  }
}
