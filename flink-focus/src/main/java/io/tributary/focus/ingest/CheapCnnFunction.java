package io.tributary.focus.ingest;

import io.tributary.connectors.video.BgrImage;
import io.tributary.focus.model.CropModel;
import io.tributary.focus.model.CropPrediction;
import io.tributary.focus.model.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Stage 2 of Focus ingest (IP2): the cheap ingest CNN on every crop of a batch, in one call,
 * attaching class probabilities and the feature vector to each object. The model is opened where
 * the task runs (any ONNX/TorchScript classifier or a built-in network).
 */
public final class CheapCnnFunction extends RichMapFunction<ObjectBatch, ObjectBatch> {
  private static final long serialVersionUID = 1L;
  private final ModelSpec spec;
  private transient CropModel model;
  private transient LongCounter cnnNs;

  public CheapCnnFunction(ModelSpec spec) {
    this.spec = spec;
  }

  @Override
  public void open(OpenContext ctx) throws Exception {
    model = spec.openCropModel();
    cnnNs = getRuntimeContext().getLongCounter(IngestMetrics.CNN_NS);
  }

  @Override
  public ObjectBatch map(ObjectBatch batch) {
    if (batch.objects.length == 0) {
      return batch;
    }
    long cpu0 = IngestMetrics.threadCpu();
    List<BgrImage> crops = new ArrayList<>(batch.objects.length);
    for (DetectedObject o : batch.objects) {
      crops.add(o.cropImage());
    }
    List<CropPrediction> p = model.predict(crops);
    for (int i = 0; i < batch.objects.length; i++) {
      batch.objects[i].probabilities = p.get(i).probabilities();
      batch.objects[i].feature = p.get(i).feature();
    }
    cnnNs.add(IngestMetrics.threadCpu() - cpu0);
    return batch;
  }

  @Override
  public void close() {
    if (model != null) {
      model.close();
    }
  }
}
