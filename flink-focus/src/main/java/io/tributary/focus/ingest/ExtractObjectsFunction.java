package io.tributary.focus.ingest;

import io.tributary.connectors.index.IndexLayout;
import io.tributary.connectors.video.BgrImage;
import io.tributary.connectors.video.VideoFrame;
import io.tributary.focus.extract.BackgroundSubtractor;
import io.tributary.focus.extract.ObjectExtractor;
import io.tributary.focus.state.CodecSerializer;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 1 of Focus ingest (thesis §4.4.1, IP1), keyed by camera: background subtraction finds the
 * moving objects of each sampled frame and cuts their crops; objects of {@code batchFrames}
 * consecutive frames (never across an index hour) leave as one {@link ObjectBatch}. The background
 * model and the batch being filled are keyed state, so a restored job continues identically.
 */
public final class ExtractObjectsFunction extends KeyedProcessFunction<String, VideoFrame, ObjectBatch> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ExtractObjectsFunction.class);

  private final IngestConfig config;
  private final boolean keepFrames;
  private transient ValueState<BackgroundSubtractor> background;
  private transient ValueState<ObjectBatch> pending;
  private transient LongCounter decodeNs;
  private transient LongCounter extractNs;
  private transient LongCounter frames;
  private transient LongCounter framesWithObjects;
  private transient LongCounter objects;
  private transient LongCounter skipped;
  private transient LongCounter rejected;

  /** @param keepFrames also carry whole frames that have motion (for a detector GT-CNN) */
  public ExtractObjectsFunction(IngestConfig config, boolean keepFrames) {
    this.config = config;
    this.keepFrames = keepFrames;
  }

  @Override
  public void open(OpenContext ctx) {
    background = getRuntimeContext().getState(
        new ValueStateDescriptor<>("background", new CodecSerializer<>(new BackgroundCodec())));
    pending = getRuntimeContext().getState(
        new ValueStateDescriptor<>("pending-batch", TypeInformation.of(ObjectBatch.class)));
    decodeNs = getRuntimeContext().getLongCounter(IngestMetrics.DECODE_NS);
    extractNs = getRuntimeContext().getLongCounter(IngestMetrics.EXTRACT_NS);
    frames = getRuntimeContext().getLongCounter(IngestMetrics.FRAMES);
    framesWithObjects = getRuntimeContext().getLongCounter(IngestMetrics.FRAMES_WITH_OBJECTS);
    objects = getRuntimeContext().getLongCounter(IngestMetrics.OBJECTS);
    skipped = getRuntimeContext().getLongCounter(IngestMetrics.SKIPPED_FRAMES);
    rejected = getRuntimeContext().getLongCounter(IngestMetrics.REJECTED_FRAMES);
  }

  @Override
  public void processElement(VideoFrame frame, Context ctx, Collector<ObjectBatch> out) throws Exception {
    decodeNs.add(frame.decodeNanos);
    skipped.add(frame.skippedBefore);
    ObjectBatch batch = pending.value();
    if (frame.endOfStream) {
      if (batch == null) {
        batch = new ObjectBatch(frame.cameraId, IndexLayout.hourStart(frame.timestampMs));
      }
      batch.endOfStream = true;
      out.collect(batch);
      pending.clear();
      background.clear();
      return;
    }
    long cpu0 = IngestMetrics.threadCpu();
    long hour = IndexLayout.hourStart(frame.timestampMs);
    if (batch != null && batch.hourStartMs != hour) {
      batch.closesHour = true;
      out.collect(batch);
      batch = null;
    }
    if (batch == null) {
      batch = new ObjectBatch(frame.cameraId, hour);
    }
    BackgroundSubtractor bs = background.value();
    if (bs == null) {
      bs = new BackgroundSubtractor(config.background());
    }
    BgrImage image = frame.image();
    List<ObjectExtractor.Extracted> found;
    try {
      found = new ObjectExtractor(bs, config.maxObjectsPerFrame(), config.cropContext()).extract(image, frame.timestampMs);
    } catch (IllegalArgumentException e) {
      // One unusable frame (e.g. a resolution change mid-stream) is counted and skipped.
      rejected.add(1);
      LOG.warn("camera {} frame {}: skipped: {}", frame.cameraId, frame.seq, e.getMessage());
      pending.update(batch);
      return;
    }
    background.update(bs);
    if (batch.firstSeq < 0) {
      batch.firstSeq = frame.seq;
    }
    batch.lastSeq = frame.seq;
    batch.frames++;
    frames.add(1);
    if (!found.isEmpty()) {
      batch.framesWithObjects++;
      framesWithObjects.add(1);
      objects.add(found.size());
      int n = batch.objects.length;
      batch.objects = Arrays.copyOf(batch.objects, n + found.size());
      for (int i = 0; i < found.size(); i++) {
        ObjectExtractor.Extracted e = found.get(i);
        batch.objects[n + i] = new DetectedObject(frame.seq, frame.timestampMs, e.box(), e.crop(), e.context(),
            e.boxInContext());
      }
      if (keepFrames) {
        batch.motionFrames = Arrays.copyOf(batch.motionFrames, batch.motionFrames.length + 1);
        batch.motionFrames[batch.motionFrames.length - 1] = new SampledFrame(frame.seq, frame.timestampMs, image);
      }
    }
    extractNs.add(IngestMetrics.threadCpu() - cpu0);
    if (batch.frames >= config.batchFrames()) {
      out.collect(batch);
      // Keep an empty batch of this hour pending rather than nothing: when the next frame opens a
      // new hour, that batch leaves with closesHour set, so the hour's clusters are sealed even when
      // the hour ends exactly on a full batch (otherwise they grew on into the next hour, and their
      // rows landed in the partition of the hour they started in).
      pending.update(new ObjectBatch(frame.cameraId, hour));
    } else {
      pending.update(batch);
    }
  }
}
