package io.tributary.focus.ingest;

import io.tributary.connectors.video.BgrImage;
import io.tributary.connectors.video.Box;

/**
 * A moving object cut from a sampled frame, as a Flink POJO: its frame, time, box and crop, and,
 * once the ingest CNN has seen it, its class probabilities and feature vector.
 */
public class DetectedObject {
  public long frameSeq;
  public long timestampMs;
  public int x;
  public int y;
  public int w;
  public int h;
  public int cropWidth;
  public int cropHeight;
  /** BGR24 crop pixels. */
  public byte[] crop;
  /** Ingest-CNN class probabilities (null before classification). */
  public float[] probabilities;
  /** Ingest-CNN feature vector (null before classification). */
  public float[] feature;

  public DetectedObject() {}

  /** A window around the object (null: the crop itself), BGR24. */
  public byte[] context;
  public int contextWidth;
  public int contextHeight;
  /** The object's box within {@link #context}. */
  public int contextX;
  public int contextY;
  public int contextBoxWidth;
  public int contextBoxHeight;

  public DetectedObject(long frameSeq, long timestampMs, Box box, BgrImage crop, BgrImage context, Box boxInContext) {
    if (context != crop) {
      this.context = context.bgr();
      this.contextWidth = context.width();
      this.contextHeight = context.height();
      this.contextX = boxInContext.x();
      this.contextY = boxInContext.y();
      this.contextBoxWidth = boxInContext.w();
      this.contextBoxHeight = boxInContext.h();
    }
    this.frameSeq = frameSeq;
    this.timestampMs = timestampMs;
    this.x = box.x();
    this.y = box.y();
    this.w = box.w();
    this.h = box.h();
    this.cropWidth = crop.width();
    this.cropHeight = crop.height();
    this.crop = crop.bgr();
  }

  public Box box() {
    return new Box(x, y, w, h);
  }

  public BgrImage cropImage() {
    return new BgrImage(cropWidth, cropHeight, crop);
  }

  /** The window around the object (the crop when none was kept). */
  public BgrImage contextImage() {
    return context == null ? cropImage() : new BgrImage(contextWidth, contextHeight, context);
  }

  /** The object's box within {@link #contextImage()}. */
  public Box boxInContext() {
    return context == null ? new Box(0, 0, cropWidth, cropHeight)
        : new Box(contextX, contextY, contextBoxWidth, contextBoxHeight);
  }
}
