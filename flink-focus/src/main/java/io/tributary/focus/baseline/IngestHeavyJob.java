package io.tributary.focus.baseline;

import io.tributary.connectors.index.DetectionRow;
import io.tributary.connectors.index.IndexLayout;
import io.tributary.connectors.index.IndexReader;
import io.tributary.connectors.index.IndexSchemas;
import io.tributary.connectors.index.IndexSinks;
import io.tributary.connectors.video.CameraStream;
import io.tributary.connectors.video.VideoSource;
import io.tributary.focus.ingest.ExtractObjectsFunction;
import io.tributary.focus.ingest.IngestConfig;
import io.tributary.focus.ingest.IngestReport;
import io.tributary.focus.ingest.JobSettings;
import io.tributary.focus.model.FocusModel;
import java.util.Objects;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.formats.avro.typeutils.GenericRecordAvroTypeInfo;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.hadoop.conf.Configuration;

/**
 * The INGEST-HEAVY baseline (thesis §4.5.1), on the same source, background subtraction, state and
 * sinks as Focus: the GT-CNN on every sampled frame with motion at ingest, stored as an exact index
 * ({@link IndexLayout#DETECTIONS}), queried by lookup ({@link ExactIndexQuery}). Its answers are the
 * reference Focus's precision and recall are measured against.
 */
public final class IngestHeavyJob {
  private final VideoSource source;
  private final String index;
  private final FocusModel gt;
  private final IngestConfig config;
  private final JobSettings settings;

  private IngestHeavyJob(VideoSource source, String index, FocusModel gt, IngestConfig config, JobSettings settings) {
    this.source = Objects.requireNonNull(source, "source");
    this.index = Objects.requireNonNull(index, "index");
    this.gt = Objects.requireNonNull(gt, "gt model");
    this.config = config;
    this.settings = settings;
  }

  /** @param config only its background-subtraction and batching settings are used */
  public static IngestHeavyJob of(VideoSource source, String index, FocusModel gt, IngestConfig config, JobSettings settings) {
    return new IngestHeavyJob(source, index, gt, config, settings);
  }

  public void addTo(StreamExecutionEnvironment env) {
    boolean detector = gt.kind() == FocusModel.Kind.YOLOX;
    env.fromSource(source, WatermarkStrategy.noWatermarks(), "video source").uid("video-source")
        .keyBy(f -> f.cameraId)
        .process(new ExtractObjectsFunction(config, detector)).uid("extract").name("background subtraction")
        .flatMap(new GtLabelFunction(gt)).uid("gt").name("GT-CNN " + gt.describe())
        .map(DetectionRow::toAvro).returns(new GenericRecordAvroTypeInfo(IndexSchemas.DETECTION)).uid("detections-avro")
        .sinkTo(IndexSinks.forTable(index, IndexLayout.DETECTIONS)).uid("sink-detections").name("detections (Parquet)");
  }

  public String metadata() {
    return "# INGEST-HEAVY exact index (tributary)\nformat=1\nkind=ingest-heavy\ngt_model=" + gt.describe()
        + "\ngt_classes=" + String.join(",", gt.objectClasses()) + "\nsample_fps=" + source.sampleFps()
        + "\ncameras=" + String.join(",", source.cameras().stream().map(CameraStream::cameraId).toList()) + "\n";
  }

  public IngestReport run() throws Exception {
    IndexReader.writeMetadata(index, metadata(), new Configuration());
    StreamExecutionEnvironment env = settings.environment();
    addTo(env);
    return IngestReport.measure(env, "ingest-heavy", "INGEST-HEAVY -> " + index);
  }
}
