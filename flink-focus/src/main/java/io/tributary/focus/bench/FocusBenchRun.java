package io.tributary.focus.bench;

import io.tributary.common.report.CsvTable;
import io.tributary.focus.ingest.IngestConfig;
import io.tributary.focus.ingest.IngestReport;
import io.tributary.focus.model.FocusModel;
import io.tributary.focus.query.Accuracy;
import io.tributary.focus.tune.Policy;
import io.tributary.focus.tune.TuningResult;
import java.util.List;
import java.util.Map;

/**
 * What one {@link FocusBench} run measured, grouped by phase, for {@link FocusBenchReport} to write.
 *
 * @param config what was run
 * @param video the input video
 * @param models the GT-CNN and Focus's cheap CNN
 * @param ingest both systems' ingest (and the tuned picks')
 * @param queries the per-class queries of every system
 * @param tuning the stream tuner's result in tuned mode, else null
 */
record FocusBenchRun(FocusBenchConfig config, Video video, Models models, Ingest ingest, Queries queries,
    TuningResult tuning) {

  /**
   * @param cameras number of cameras (video files)
   * @param seconds their total length
   * @param decodeSeconds CPU seconds spent decoding sampled frames (excluded from the costs)
   */
  record Video(int cameras, double seconds, double decodeSeconds) {
    double hours() {
      return seconds / 3600;
    }
  }

  /** The GT-CNN (INGEST-HEAVY's model and every query's verifier) and Focus's cheap ingest CNN. */
  record Models(FocusModel gt, FocusModel cheap) {}

  /**
   * @param config the ingest parameters both systems ran with
   * @param focus Focus's ingest
   * @param heavy INGEST-HEAVY's ingest
   * @param tuned each tuned policy's ingest (empty unless tuned)
   * @param focusIndexBytes size of Focus's index data files
   * @param heavyIndexBytes size of INGEST-HEAVY's index data files
   */
  record Ingest(IngestConfig config, IngestReport focus, IngestReport heavy, Map<Policy, IngestReport> tuned,
      long focusIndexBytes, long heavyIndexBytes) {}

  /**
   * @param classes the query classes, most frequent first
   * @param table one row per class and system ({@code queries.csv})
   * @param latencyBars query CPU per class and system, as plotted
   * @param focus Focus's queries
   * @param noscope the NoScope-style cascade's queries
   * @param focusAllDetections Focus's accuracy against all GT detections (moving or not)
   * @param tuned each tuned policy's queries (empty unless tuned)
   * @param noscopeTrainingSeconds the cascade's training time
   */
  record Queries(List<String> classes, CsvTable table, Map<String, double[]> latencyBars, SystemQueries focus,
      SystemQueries noscope, List<Accuracy> focusAllDetections, Map<Policy, SystemQueries> tuned,
      double noscopeTrainingSeconds) {}

  /**
   * One system's queries over the classes.
   *
   * @param cpu CPU seconds per class
   * @param gtCalls GT-CNN invocations over all classes
   * @param accuracy accuracy per class against the reference
   */
  record SystemQueries(double[] cpu, long gtCalls, List<Accuracy> accuracy) {}
}
