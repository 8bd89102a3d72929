package io.tributary.focus.baseline;

import io.tributary.connectors.index.DetectionRow;
import io.tributary.connectors.index.IndexLayout;
import io.tributary.connectors.video.BgrImage;
import io.tributary.connectors.video.Box;
import io.tributary.focus.ingest.DetectedObject;
import io.tributary.focus.ingest.IngestMetrics;
import io.tributary.focus.ingest.ObjectBatch;
import io.tributary.focus.ingest.SampledFrame;
import io.tributary.focus.model.Detection;
import io.tributary.focus.model.FocusModel;
import io.tributary.focus.model.GroundTruthModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * INGEST-HEAVY's ingest stage: the GT-CNN on everything that moves. A detector GT-CNN runs on every
 * sampled frame with motion (its detections are the exact index); a classifier GT-CNN runs on every
 * object crop background subtraction found (its label is the object's class).
 */
public final class GtLabelFunction extends RichFlatMapFunction<ObjectBatch, DetectionRow> {
  private static final long serialVersionUID = 1L;
  private final FocusModel gtSpec;
  private transient GroundTruthModel gt;
  private transient LongCounter gtNs;
  private transient LongCounter gtCalls;

  public GtLabelFunction(FocusModel gtSpec) {
    this.gtSpec = gtSpec;
  }

  @Override
  public void open(OpenContext ctx) throws Exception {
    gt = gtSpec.openGroundTruth();
    gtNs = getRuntimeContext().getLongCounter(IngestMetrics.GT_NS);
    gtCalls = getRuntimeContext().getLongCounter(IngestMetrics.GT_CALLS);
  }

  @Override
  public void flatMap(ObjectBatch batch, Collector<DetectionRow> out) {
    long cpu0 = IngestMetrics.threadCpu();
    List<DetectionRow> rows = new ArrayList<>();
    if (gt.isDetector()) {
      for (SampledFrame f : batch.motionFrames) {
        gtCalls.add(1);
        for (Detection d : gt.detect(f.image())) {
          DetectionRow r = row(batch.cameraId, f.seq, f.timestampMs, d.label(), d.score(), d.box());
          for (DetectedObject o : batch.objects) {
            if (o.frameSeq == f.seq && d.box().intersection(o.box()) >= 0.5 * d.box().area()) {
              r.moving = true;
              break;
            }
          }
          rows.add(r);
        }
      }
    } else if (batch.objects.length > 0) {
      List<BgrImage> crops = new ArrayList<>(batch.objects.length);
      for (DetectedObject o : batch.objects) {
        crops.add(o.cropImage());
      }
      gtCalls.add(crops.size());
      List<Set<String>> labels = gt.classifyCrops(crops);
      for (int i = 0; i < crops.size(); i++) {
        DetectedObject o = batch.objects[i];
        for (String l : labels.get(i)) {
          DetectionRow r = row(batch.cameraId, o.frameSeq, o.timestampMs, l, 1f, o.box());
          r.moving = true;
          rows.add(r);
        }
      }
    }
    gtNs.add(IngestMetrics.threadCpu() - cpu0);
    rows.forEach(out::collect);
  }

  private static DetectionRow row(String camera, long seq, long ts, String label, float score, Box box) {
    DetectionRow r = new DetectionRow();
    r.camera = camera;
    r.hour = IndexLayout.hourOf(ts);
    r.frameSeq = seq;
    r.ts = ts;
    r.className = label;
    r.score = score;
    r.x = box.x();
    r.y = box.y();
    r.w = box.w();
    r.h = box.h();
    return r;
  }

  @Override
  public void close() {
    if (gt != null) {
      gt.close();
    }
  }
}
