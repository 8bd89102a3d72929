package io.tributary.focus.ingest;

/**
 * The objects of a few consecutive sampled frames of one camera, all in one index hour: the unit
 * the ingest CNN runs on (one batch, one native call) and clustering consumes in order. Batches
 * are cut at fixed frame counts, hour boundaries and the end of the stream, so their composition,
 * and with it every result, is the same in a restarted job. A Flink POJO.
 */
public class ObjectBatch {
  public String cameraId;
  /** Start (epoch ms) of the index hour all objects of this batch fall in. */
  public long hourStartMs;
  public long firstSeq = -1;
  public long lastSeq = -1;
  public int frames;
  public int framesWithObjects;
  public DetectedObject[] objects = new DetectedObject[0];
  /** Whole frames with motion, only when the job keeps frames (detector GT-CNN). */
  public SampledFrame[] motionFrames = new SampledFrame[0];
  /** After this batch the hour {@link #hourStartMs} of this camera is complete. */
  public boolean closesHour;
  /** This camera's stream ended with this batch. */
  public boolean endOfStream;
  /** The ingest configuration (registry id) whose cheap CNN classified the objects. */
  public int configId;

  public ObjectBatch() {}

  public ObjectBatch(String cameraId, long hourStartMs) {
    this.cameraId = cameraId;
    this.hourStartMs = hourStartMs;
  }
}
