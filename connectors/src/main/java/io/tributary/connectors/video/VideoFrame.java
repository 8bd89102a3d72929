package io.tributary.connectors.video;

import java.util.Arrays;
import java.util.Objects;

/**
 * One sampled video frame of one camera, as a Flink POJO (public fields, no-arg constructor), or
 * the end-of-stream marker of a camera ({@link #endOfStream} set, no pixels).
 *
 * <p>{@code seq} numbers the sampled frames of a camera from 0 and is the frame id Focus indexes;
 * {@code sourceFrame} is the decoded frame's number within the camera's stream (all segments);
 * {@code timestampMs} is event time: the camera's start time plus the frame's presentation time.
 */
public class VideoFrame {
  public String cameraId;
  public long seq;
  public long sourceFrame;
  public long timestampMs;
  public int width;
  public int height;
  /** BGR24 pixels, {@code width * height * 3} bytes; null for an end-of-stream marker. */
  public byte[] bgr;
  public boolean endOfStream;
  /** CPU time the source spent decoding and converting up to this frame since the previous one. */
  public long decodeNanos;
  /** Frames FFmpeg could not decode since the previous emitted frame (skipped, not fatal). */
  public long skippedBefore;

  public VideoFrame() {}

  public VideoFrame(String cameraId, long seq, long sourceFrame, long timestampMs, BgrImage image) {
    this.cameraId = cameraId;
    this.seq = seq;
    this.sourceFrame = sourceFrame;
    this.timestampMs = timestampMs;
    this.width = image.width();
    this.height = image.height();
    this.bgr = image.bgr();
  }

  /** The marker a source emits after a camera's last frame (so keyed stages can flush). */
  public static VideoFrame endOfStream(String cameraId, long nextSeq, long timestampMs) {
    VideoFrame f = new VideoFrame();
    f.cameraId = cameraId;
    f.seq = nextSeq;
    f.sourceFrame = -1;
    f.timestampMs = timestampMs;
    f.endOfStream = true;
    return f;
  }

  public BgrImage image() {
    if (endOfStream) {
      throw new IllegalStateException("end-of-stream marker of camera " + cameraId + " has no image");
    }
    return new BgrImage(width, height, bgr);
  }

  @Override
  public String toString() {
    return endOfStream ? "VideoFrame[" + cameraId + " end]"
        : "VideoFrame[" + cameraId + " #" + seq + " t=" + timestampMs + " " + width + "x" + height + "]";
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof VideoFrame f)) {
      return false;
    }
    return seq == f.seq && sourceFrame == f.sourceFrame && timestampMs == f.timestampMs
        && endOfStream == f.endOfStream && Objects.equals(cameraId, f.cameraId)
        && Arrays.equals(bgr, f.bgr);
  }

  @Override
  public int hashCode() {
    return Objects.hash(cameraId, seq, timestampMs, endOfStream);
  }
}
