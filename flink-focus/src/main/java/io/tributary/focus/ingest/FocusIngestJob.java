package io.tributary.focus.ingest;

import io.tributary.connectors.index.ClassRow;
import io.tributary.connectors.index.ClusterRow;
import io.tributary.connectors.index.IndexLayout;
import io.tributary.connectors.index.IndexReader;
import io.tributary.connectors.index.IndexSchemas;
import io.tributary.connectors.index.IndexSinks;
import io.tributary.connectors.index.ObjectRow;
import io.tributary.connectors.video.CameraStream;
import io.tributary.connectors.video.VideoFrame;
import io.tributary.connectors.video.VideoSource;
import io.tributary.focus.model.ModelSpec;
import java.util.Objects;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.formats.avro.typeutils.GenericRecordAvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The Focus ingest processor (thesis §4.4.1) as a Flink streaming job:
 *
 * <pre>
 * VideoSource (FFmpeg, one split per camera, sampled)
 *   -> keyBy(camera) -> background subtraction + crops, batched      [keyed state: background, batch]
 *   -> cheap CNN on each batch (top-K probabilities + features)
 *   -> keyBy(camera) -> incremental clustering (T, C), index rows     [keyed state: active clusters]
 *   -> FileSink x3: clusters / objects / classes, Parquet, camera+hour partitions (exactly-once)
 * </pre>
 *
 * <pre>{@code
 * IngestReport r = FocusIngestJob.builder()
 *     .source(VideoSource.builder().addFolder(Path.of("videos")).build())
 *     .index("hdfs://namenode:8020/focus/index")
 *     .cheapModel(ModelSpec.builtin(...))
 *     .config(IngestConfig.defaults().withTopK(3))
 *     .settings(JobSettings.defaults().withStateBackend("rocksdb"))
 *     .run();
 * }</pre>
 */
public final class FocusIngestJob {
  private final VideoSource source;
  private final String index;
  private final ModelSpec cheapModel;
  private final IngestConfig config;
  private final JobSettings settings;
  private final MapFunction<VideoFrame, VideoFrame> frameTap;

  private FocusIngestJob(Builder b) {
    this.source = Objects.requireNonNull(b.source, "source");
    this.index = Objects.requireNonNull(b.index, "index");
    this.cheapModel = Objects.requireNonNull(b.cheapModel, "cheapModel");
    this.config = b.config;
    this.settings = b.settings;
    this.frameTap = b.frameTap;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Adds the ingest pipeline to {@code env} (for callers composing their own job). */
  public void addTo(StreamExecutionEnvironment env) {
    DataStream<VideoFrame> frames = env.fromSource(source, WatermarkStrategy.noWatermarks(), "video source")
        .uid("video-source");
    if (frameTap != null) {
      frames = frames.map(frameTap).returns(TypeInformation.of(VideoFrame.class)).uid("frame-tap").name("frame tap");
    }
    SingleOutputStreamOperator<ObjectBatch> batches = frames.keyBy(f -> f.cameraId)
        .process(new ExtractObjectsFunction(config, false)).uid("extract").name("background subtraction")
        .map(new CheapCnnFunction(cheapModel)).uid("cheap-cnn").name("ingest CNN " + cheapModel.describe());
    SingleOutputStreamOperator<ObjectRow> objects = batches.keyBy(b -> b.cameraId)
        .process(new ClusterObjectsFunction(config, cheapModel)).uid("cluster").name("clustering");
    objects.map(ObjectRow::toAvro).returns(new GenericRecordAvroTypeInfo(IndexSchemas.OBJECT)).uid("objects-avro")
        .sinkTo(IndexSinks.forTable(index, IndexLayout.OBJECTS)).uid("sink-objects").name("objects (Parquet)");
    objects.getSideOutput(ClusterObjectsFunction.CLUSTERS).map(ClusterRow::toAvro)
        .returns(new GenericRecordAvroTypeInfo(IndexSchemas.CLUSTER)).uid("clusters-avro")
        .sinkTo(IndexSinks.forTable(index, IndexLayout.CLUSTERS)).uid("sink-clusters").name("clusters (Parquet)");
    objects.getSideOutput(ClusterObjectsFunction.CLASSES).map(ClassRow::toAvro)
        .returns(new GenericRecordAvroTypeInfo(IndexSchemas.CLASS_ENTRY)).uid("classes-avro")
        .sinkTo(IndexSinks.forTable(index, IndexLayout.CLASSES)).uid("sink-classes").name("classes (Parquet)");
  }

  /** The index metadata this job writes: ingest model, its classes, parameters, cameras. */
  public String metadata() {
    StringBuilder sb = new StringBuilder("# Focus index (tributary)\n");
    sb.append("format=1\n");
    sb.append("kind=focus\n");
    sb.append("cheap_model=").append(cheapModel.describe()).append('\n');
    sb.append("cheap_classes=").append(String.join(",", cheapModel.classes())).append('\n');
    sb.append("non_objects=").append(String.join(",", cheapModel.nonObjects())).append('\n');
    sb.append("top_k=").append(config.topK()).append('\n');
    sb.append("distance_threshold=").append(config.distanceThreshold()).append('\n');
    sb.append("max_active_clusters=").append(config.maxActiveClusters()).append('\n');
    sb.append("sample_fps=").append(source.sampleFps()).append('\n');
    sb.append("cameras=").append(String.join(",", source.cameras().stream().map(CameraStream::cameraId).toList()))
        .append('\n');
    sb.append("ingest=").append(config.describe().replace('\n', ' ')).append('\n');
    return sb.toString();
  }

  /** Writes the index metadata, runs the job to completion, and reports what it measured. */
  public IngestReport run() throws Exception {
    IndexReader.writeMetadata(index, metadata(), new org.apache.hadoop.conf.Configuration());
    StreamExecutionEnvironment env = settings.environment();
    addTo(env);
    return IngestReport.measure(env, "focus-ingest", "Focus ingest -> " + index);
  }

  /** Builds a {@link FocusIngestJob}. */
  public static final class Builder {
    private VideoSource source;
    private String index;
    private ModelSpec cheapModel;
    private IngestConfig config = IngestConfig.defaults();
    private JobSettings settings = JobSettings.defaults();
    private MapFunction<VideoFrame, VideoFrame> frameTap;

    public Builder source(VideoSource s) {
      this.source = s;
      return this;
    }

    /** Index root: a path or a Hadoop file system URI. */
    public Builder index(String root) {
      this.index = root;
      return this;
    }

    public Builder cheapModel(ModelSpec m) {
      this.cheapModel = m;
      return this;
    }

    public Builder config(IngestConfig c) {
      this.config = c;
      return this;
    }

    public Builder settings(JobSettings s) {
      this.settings = s;
      return this;
    }

    /**
     * A function every sampled frame passes through right after the source (identity by default):
     * a hook for monitoring and for fault-injection drills.
     */
    public Builder frameTap(MapFunction<VideoFrame, VideoFrame> tap) {
      this.frameTap = tap;
      return this;
    }

    public FocusIngestJob build() {
      if (cheapModel != null && cheapModel.kind() == ModelSpec.Kind.YOLOX) {
        throw new IllegalArgumentException("ingest model " + cheapModel.describe()
            + " is a detector; Focus's ingest CNN classifies crops");
      }
      return new FocusIngestJob(this);
    }
  }
}
