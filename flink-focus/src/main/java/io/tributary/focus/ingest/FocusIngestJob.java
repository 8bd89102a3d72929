package io.tributary.focus.ingest;

import io.tributary.common.config.Settings;
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
import io.tributary.focus.model.FocusModel;
import io.tributary.focus.retune.ConfigurationRegistry;
import io.tributary.focus.retune.ConfigurationUpdates;
import io.tributary.focus.retune.IndexConfiguration;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.formats.avro.typeutils.GenericRecordAvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <p>With {@link Builder#configurationUpdates} the job re-tunes while it runs: the driver registers
 * new configurations in the index's {@link ConfigurationRegistry}, the ingest CNN switches at a
 * checkpoint, and each cluster and class entry records its configuration id for the queries.
 *
 * <pre>{@code
 * IngestReport r = FocusIngestJob.builder()
 *     .source(VideoSource.builder().addFolder(Path.of("videos")).build())
 *     .index("hdfs://namenode:8020/focus/index")
 *     .cheapModel(FocusModel.builtin(...))
 *     .config(IngestConfig.defaults().withTopK(3))
 *     .settings(JobSettings.defaults().withStateBackend("rocksdb"))
 *     .run();
 * }</pre>
 */
public final class FocusIngestJob {
  private static final Logger LOG = LoggerFactory.getLogger(FocusIngestJob.class);
  private final VideoSource source;
  private final String index;
  private final FocusModel cheapModel;
  private final IngestConfig config;
  private final JobSettings settings;
  private final MapFunction<VideoFrame, VideoFrame> frameTap;
  private final ConfigurationUpdates updates;
  private final Duration pollInterval;

  private FocusIngestJob(Builder b) {
    this.updates = b.updates;
    this.pollInterval = b.pollInterval;
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

  /**
   * Registers the job's initial configuration in the index's registry (reusing the newest entry when
   * it ingests the same way) and returns it.
   */
  public IndexConfiguration registerInitial(Configuration conf) throws IOException {
    return ConfigurationRegistry.read(index, conf).register(index, conf, cheapModel, config.topK(),
        config.distanceThreshold(), config.maxActiveClusters(), "initial model of an ingest job");
  }

  /** Adds the ingest pipeline to {@code env} (for callers composing their own job). */
  public void addTo(StreamExecutionEnvironment env) throws IOException {
    addTo(env, registerInitial(new Configuration()));
  }

  private void addTo(StreamExecutionEnvironment env, IndexConfiguration initial) {
    DataStream<VideoFrame> frames = env.fromSource(source, WatermarkStrategy.noWatermarks(), "video source")
        .uid("video-source");
    if (frameTap != null) {
      frames = frames.map(frameTap).returns(TypeInformation.of(VideoFrame.class)).uid("frame-tap").name("frame tap");
    }
    SingleOutputStreamOperator<ObjectBatch> batches = frames.keyBy(f -> f.cameraId)
        .process(new ExtractObjectsFunction(config, false)).uid("extract").name("background subtraction")
        .map(new CheapCnnFunction(initial, index, updates != null)).uid("cheap-cnn")
        .name("ingest CNN " + cheapModel.describe());
    SingleOutputStreamOperator<ObjectRow> objects = batches.keyBy(b -> b.cameraId)
        .process(new ClusterObjectsFunction(config, initial, index)).uid("cluster").name("clustering");
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
    sb.append("configurations=").append(IndexLayout.CONFIGURATIONS).append('\n');
    return sb.toString();
  }

  /** Writes the index metadata, runs the job to completion, and reports what it measured. */
  public IngestReport run() throws Exception {
    Configuration conf = new Configuration();
    // The registry first: an index written before registries existed still has its old metadata
    // then, which becomes configuration 0 of its existing clusters.
    IndexConfiguration initial = registerInitial(conf);
    IndexReader.writeMetadata(index, metadata(), conf);
    StreamExecutionEnvironment env = settings.environment();
    addTo(env, initial);
    if (updates == null) {
      return IngestReport.measure(env, "focus-ingest", "Focus ingest -> " + index);
    }
    AtomicBoolean jobDone = new AtomicBoolean();
    Thread driver = new Thread(() -> retuneLoop(conf, jobDone), "focus-retune");
    driver.setDaemon(true);
    driver.start();
    try {
      return IngestReport.measure(env, "focus-ingest", "Focus ingest -> " + index);
    } finally {
      // A tuner round still running is not waited for long: its result could not be used any more.
      jobDone.set(true);
      driver.interrupt();
      driver.join(5_000);
      if (!driver.isAlive()) {
        updates.close();
      }
    }
  }

  /**
   * The driver's re-tuning loop: polls {@link ConfigurationUpdates} and registers each new
   * configuration in the index (the single writer of the registry); the operators switch at their
   * next checkpoint. A failed poll (a bad tuned file, a tuner error) is reported and the job keeps
   * ingesting with the configuration it has: re-tuning is an optimisation, losing video is not.
   */
  private void retuneLoop(Configuration conf, AtomicBoolean jobDone) {
    IngestConfig current = config;
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Thread.sleep(pollInterval.toMillis());
        var p = updates.poll(current);
        if (p.isPresent() && !jobDone.get()) {
          IngestConfig ic = p.get().ingest();
          IndexConfiguration c = ConfigurationRegistry.read(index, conf).register(index, conf, p.get().model(), ic.topK(),
              ic.distanceThreshold(), ic.maxActiveClusters(), p.get().origin());
          current = ic;
          LOG.info("index {}: registered {}; the ingest CNN switches at the next checkpoint", index, c.describe());
        }
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        LOG.error("index {}: re-tuning failed, ingest goes on with the current configuration: {}", index, e.toString(), e);
        System.err.println("focus ingest: re-tuning failed (ingest goes on with the current configuration): " + e);
      }
    }
  }

  /** Builds a {@link FocusIngestJob}. */
  public static final class Builder {
    private VideoSource source;
    private String index;
    private FocusModel cheapModel;
    private IngestConfig config = IngestConfig.defaults();
    private JobSettings settings = JobSettings.defaults();
    private MapFunction<VideoFrame, VideoFrame> frameTap;
    private ConfigurationUpdates updates;
    private Duration pollInterval = Duration.ofSeconds(1);

    /**
     * Periodic re-tuning: the driver polls {@code u} every {@code every} and registers what it offers
     * in the index's configuration registry; the ingest CNN, K and T switch at the next checkpoint
     * and every cluster records the configuration that produced it.
     */
    public Builder configurationUpdates(ConfigurationUpdates u, Duration every) {
      if (every.isNegative() || every.isZero()) {
        throw new IllegalArgumentException("re-tuning poll interval must be positive: " + every);
      }
      this.updates = u;
      this.pollInterval = every;
      return this;
    }

    public Builder source(VideoSource s) {
      this.source = s;
      return this;
    }

    /** Index root: a path or a Hadoop file system URI. */
    public Builder index(String root) {
      this.index = root;
      return this;
    }

    public Builder cheapModel(FocusModel m) {
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
     * The index root, ingest parameters (K, T, C, crop context, background) and job settings
     * (parallelism, state backend, checkpoints) of {@code s}, values of {@link FocusIngestOptions}.
     */
    public Builder options(Settings s) {
      if (s.get(FocusIngestOptions.INDEX) != null) {
        index(s.get(FocusIngestOptions.INDEX));
      }
      return config(FocusIngestOptions.ingestConfig(s)).settings(FocusIngestOptions.jobSettings(s));
    }

    /**
     * The same, read from a Flink configuration: {@code focus.index}, {@code focus.top-k},
     * {@code focus.distance}, {@code focus.max-clusters}, {@code focus.parallelism}, ... ({@link
     * FlinkSettings}; a key not set keeps its default).
     */
    public Builder options(ReadableConfig conf) {
      return options(FlinkSettings.read(conf, FocusIngestOptions.ALL));
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
      if (cheapModel != null && cheapModel.kind() == FocusModel.Kind.YOLOX) {
        throw new IllegalArgumentException("ingest model " + cheapModel.describe()
            + " is a detector; Focus's ingest CNN classifies crops");
      }
      return new FocusIngestJob(this);
    }
  }
}
