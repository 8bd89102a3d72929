package io.tributary.focus.ingest;

import io.tributary.connectors.video.BgrImage;
import io.tributary.focus.model.CropModel;
import io.tributary.focus.model.CropPrediction;
import io.tributary.focus.retune.ConfigurationRegistry;
import io.tributary.focus.retune.IndexConfiguration;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 2 of Focus ingest (IP2): the cheap ingest CNN on every crop of a batch, in one call,
 * attaching class probabilities and the feature vector to each object, and stamping the batch
 * with the id of the ingest configuration that classified it. The model is opened where the task
 * runs (any ONNX/TorchScript classifier or a built-in network).
 *
 * <p>Re-tuning: when it follows the index's {@link ConfigurationRegistry}, it switches to the newest
 * configuration there only in {@link #snapshotState}, i.e. exactly at a checkpoint barrier: the
 * batches before the barrier were classified by the old model, those after it by the new one, and
 * the checkpoint records the new id. A restore from that checkpoint resumes with the new model; a
 * restore from an earlier one resumes with the old model and switches again at the next checkpoint,
 * while what the failed attempt wrote after the earlier checkpoint is never committed (the index
 * sinks commit on checkpoints). Downstream clustering follows the id on the batches.
 */
public final class CheapCnnFunction extends RichMapFunction<ObjectBatch, ObjectBatch> implements CheckpointedFunction {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(CheapCnnFunction.class);
  private final IndexConfiguration initial;
  private final String indexRoot;
  private final boolean followRegistry;
  private transient CropModel model;
  private transient IndexConfiguration active;
  private transient ListState<Integer> activeState;
  private transient LongCounter cnnNs;

  /**
   * @param initial the configuration a fresh job starts with
   * @param indexRoot the index whose registry lists the configurations (read again at every
   *     checkpoint when {@code followRegistry})
   */
  public CheapCnnFunction(IndexConfiguration initial, String indexRoot, boolean followRegistry) {
    if (initial.model() == null) {
      throw new IllegalArgumentException(initial.describe() + " has no model to open");
    }
    this.initial = initial;
    this.indexRoot = indexRoot;
    this.followRegistry = followRegistry;
  }

  @Override
  public void initializeState(FunctionInitializationContext ctx) throws Exception {
    // Union state: every subtask sees every subtask's id after a restore (also after rescaling) and
    // takes the newest; ids only grow.
    activeState = ctx.getOperatorStateStore().getUnionListState(new ListStateDescriptor<>("ingest-configuration", Integer.class));
    int id = initial.id();
    if (ctx.isRestored()) {
      for (Integer i : activeState.get()) {
        id = Math.max(id, i);
      }
    }
    active = id == initial.id() ? initial : registry().get(id);
  }

  @Override
  public void open(OpenContext ctx) throws Exception {
    if (active.model() == null) {
      // A registry entry from before models were stored as text (its serialised model is not read).
      throw new IllegalStateException("index " + indexRoot + ": " + active.describe()
          + " has no model this version can open; start the ingest job without restoring its checkpoint");
    }
    model = active.model().openCropModel();
    cnnNs = getRuntimeContext().getLongCounter(IngestMetrics.CNN_NS);
  }

  @Override
  public void snapshotState(FunctionSnapshotContext ctx) throws Exception {
    if (followRegistry) {
      IndexConfiguration newest = registry().latest();
      if (newest.id() > active.id()) {
        if (newest.model() == null) {
          throw new IllegalStateException("index " + indexRoot + ": " + newest.describe() + " has no model to open");
        }
        CropModel next = newest.model().openCropModel();
        LOG.info("subtask {}: switching ingest {} -> {} at checkpoint {}", getRuntimeContext().getTaskInfo()
            .getIndexOfThisSubtask(), active.describe(), newest.describe(), ctx.getCheckpointId());
        model.close();
        model = next;
        active = newest;
      }
    }
    activeState.update(List.of(active.id()));
  }

  private ConfigurationRegistry registry() throws IOException {
    return ConfigurationRegistry.read(indexRoot, new Configuration());
  }

  @Override
  public ObjectBatch map(ObjectBatch batch) {
    batch.configId = active.id();
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
