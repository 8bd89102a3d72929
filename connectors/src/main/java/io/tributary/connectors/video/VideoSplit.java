package io.tributary.connectors.video;

import java.io.Serializable;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * A {@link VideoSource} split: one camera's stream and how far it has been read. The split id is
 * the camera id, so a camera is read by exactly one reader and its frames stay in order.
 */
public final class VideoSplit implements SourceSplit, Serializable {
  private final CameraStream stream;
  private final VideoFrameReader.Position position;

  public VideoSplit(CameraStream stream, VideoFrameReader.Position position) {
    this.stream = stream;
    this.position = position;
  }

  @Override
  public String splitId() {
    return stream.cameraId();
  }

  public CameraStream stream() {
    return stream;
  }

  public VideoFrameReader.Position position() {
    return position;
  }

  @Override
  public String toString() {
    return "VideoSplit[" + stream.cameraId() + " " + stream.uris() + " at " + position + "]";
  }
}
