package io.tributary.focus.ingest;

import io.tributary.connectors.video.BgrImage;

/** A whole sampled frame carried along (for a detector GT-CNN that looks at frames); a Flink POJO. */
public class SampledFrame {
  public long seq;
  public long timestampMs;
  public int width;
  public int height;
  public byte[] bgr;

  public SampledFrame() {}

  public SampledFrame(long seq, long timestampMs, BgrImage image) {
    this.seq = seq;
    this.timestampMs = timestampMs;
    this.width = image.width();
    this.height = image.height();
    this.bgr = image.bgr();
  }

  public BgrImage image() {
    return new BgrImage(width, height, bgr);
  }
}
