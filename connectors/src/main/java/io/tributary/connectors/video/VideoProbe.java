package io.tributary.connectors.video;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * What FFmpeg reports about a video before any frame is decoded. {@link #of(String)} fails with a
 * message naming the input when it is missing, not a video, or has no video stream.
 *
 * @param durationUs declared duration in microseconds, 0 when unknown (live streams)
 */
public record VideoProbe(String uri, int width, int height, double frameRate, long durationUs,
    String codec) {

  static {
    FfmpegLogging.quiet();
  }

  /** Opens {@code uri}'s header only. */
  public static VideoProbe of(String uri) throws IOException {
    if (!CameraStream.isStreamUrl(uri)) {
      File f = new File(uri.startsWith("file:") ? URI.create(uri).getPath() : uri);
      if (!f.isFile()) {
        throw new IOException("video " + uri + ": no such file");
      }
      if (f.length() == 0) {
        throw new IOException("video " + uri + ": file is empty");
      }
    }
    try (FFmpegFrameGrabber g = VideoFrameReader.openGrabber(uri)) {
      VideoProbe p = new VideoProbe(uri, g.getImageWidth(), g.getImageHeight(), g.getFrameRate(),
          Math.max(0, g.getLengthInTime()), g.getVideoCodecName());
      g.stop();
      return p;
    } catch (FFmpegFrameGrabber.Exception e) {
      throw new IOException("video " + uri + ": cannot close: " + e.getMessage(), e);
    }
  }

  /** Seconds of video, 0 when unknown. */
  public double durationSeconds() {
    return durationUs / 1e6;
  }

  /** Silences FFmpeg's own console logging (errors surface as exceptions naming the input). */
  public static void quietFfmpegLogs() {
    FfmpegLogging.quiet();
  }

  static final class FfmpegLogging {
    private static volatile boolean done;

    static void quiet() {
      if (!done) {
        synchronized (FfmpegLogging.class) {
          if (!done) {
            avutil.av_log_set_level(avutil.AV_LOG_FATAL);
            done = true;
          }
        }
      }
    }
  }
}
