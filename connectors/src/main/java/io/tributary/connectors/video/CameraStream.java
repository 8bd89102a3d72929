package io.tributary.connectors.video;

import java.io.Serializable;
import java.util.List;

/**
 * One camera's video: an id, the files (played one after another, as segments of one recording)
 * or a single live stream URL, and the wall-clock time of its first frame.
 *
 * @param cameraId the camera's id, used to key state and partition the index
 * @param uris local paths or FFmpeg URLs ({@code rtsp://}, {@code http://}, ...), in play order
 * @param startEpochMs event time of the first frame, in epoch milliseconds
 */
public record CameraStream(String cameraId, List<String> uris, long startEpochMs) implements Serializable {
  public CameraStream {
    if (cameraId == null || cameraId.isBlank() || !cameraId.matches("[A-Za-z0-9_.-]+")) {
      throw new IllegalArgumentException("camera id '" + cameraId
          + "' must be non-empty and use only letters, digits, '_', '.', '-'");
    }
    if (uris == null || uris.isEmpty()) {
      throw new IllegalArgumentException("camera " + cameraId + " has no video files or URL");
    }
    uris = List.copyOf(uris);
  }

  /** Whether this is a live stream (a URL with a network scheme) rather than recorded files. */
  public boolean isLive() {
    return uris.size() == 1 && isStreamUrl(uris.get(0));
  }

  /** Whether {@code uri} names a network stream FFmpeg reads live (rtsp, rtmp, udp, tcp, http(s), srt). */
  public static boolean isStreamUrl(String uri) {
    return uri.matches("(?i)(rtsp|rtsps|rtmp|rtmps|udp|tcp|http|https|srt)://.*");
  }
}
