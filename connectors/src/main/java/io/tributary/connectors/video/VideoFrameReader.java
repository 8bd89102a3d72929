package io.tributary.connectors.video;

import java.io.IOException;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.logging.Logger;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * Decodes one camera's video with FFmpeg (JavaCV) and samples it at a fixed rate, one
 * {@link VideoFrame} per {@link #next()}. Used by the Flink {@link VideoSource} and by anything
 * else that needs the same frames (baselines, training-set extraction), so every path sees exactly
 * the same sampled frames.
 *
 * <p>Sampling keeps the first frame at or after each multiple of {@code 1/sampleFps} seconds of
 * camera time; frames that will not be sampled are decoded but not converted to BGR. The reader's
 * {@link Position} is exact (segment, frames consumed, next sample time), so a restored reader
 * continues with the very next frame an uninterrupted one would have produced (decoding, not
 * seeking, to get there: seeks land on key frames and are not frame-exact for every container).
 *
 * <p>A frame FFmpeg cannot decode is skipped and counted, not fatal; more than
 * {@link #MAX_CONSECUTIVE_ERRORS} in a row fail the read with the file named. A file that ends
 * before its declared duration is counted as truncated and logged.
 */
public final class VideoFrameReader implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(VideoFrameReader.class.getName());
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** Decode errors in a row after which a file is reported as unreadable. */
  public static final int MAX_CONSECUTIVE_ERRORS = 100;

  /**
   * Where a reader is: the segment, frames consumed in it, the camera time (µs) of the next sample,
   * the next sampled frame's sequence number, the next decoded frame's number in the camera's
   * stream, and the camera time at which the current segment starts.
   */
  public record Position(int fileIndex, long framesConsumedInFile, long nextSampleUs, long seq,
      long sourceFrame, long fileOffsetUs) implements Serializable {
    public static final Position START = new Position(0, 0, 0, 0, 0, 0);
  }

  private final CameraStream stream;
  private final long periodUs;
  private Position pos;

  private FFmpegFrameGrabber grabber;
  private long frameDurUs;
  private long fileFirstTsUs = Long.MIN_VALUE;
  private long lastCameraTsUs = -1;
  private long lastFrameDurUs;
  private int consecutiveErrors;
  private boolean finished;

  private long skippedFrames;
  private long decodedFrames;
  private long truncatedFiles;
  private long decodeCpuNanos;

  /**
   * @param sampleFps sampled frames per second of video; 0 or less keeps every frame
   * @param start where to begin ({@link Position#START} for a fresh read)
   */
  public VideoFrameReader(CameraStream stream, double sampleFps, Position start) {
    this.stream = stream;
    this.periodUs = sampleFps > 0 ? Math.round(1e6 / sampleFps) : 0;
    this.pos = start;
  }

  public CameraStream stream() {
    return stream;
  }

  /** The position to restore from to continue exactly after the last frame returned. */
  public Position position() {
    return pos;
  }

  public long skippedFrames() {
    return skippedFrames;
  }

  public long decodedFrames() {
    return decodedFrames;
  }

  public long truncatedFiles() {
    return truncatedFiles;
  }

  /** CPU time this reader's calling thread spent decoding and converting. */
  public long decodeCpuNanos() {
    return decodeCpuNanos;
  }

  /** The next sampled frame, or null when the camera's video has ended. */
  public VideoFrame next() throws IOException {
    long cpu0 = THREADS.getCurrentThreadCpuTime();
    try {
      return nextFrame();
    } finally {
      decodeCpuNanos += THREADS.getCurrentThreadCpuTime() - cpu0;
    }
  }

  private VideoFrame nextFrame() throws IOException {
    while (!finished) {
      if (grabber == null) {
        if (pos.fileIndex() >= stream.uris().size()) {
          finished = true;
          break;
        }
        openCurrent();
      }
      String uri = stream.uris().get(pos.fileIndex());
      long predicted = lastCameraTsUs < 0 ? pos.fileOffsetUs() : lastCameraTsUs + frameDurUs;
      boolean process = periodUs == 0 || frameDurUs <= 0 || lastCameraTsUs < 0
          || predicted + frameDurUs / 2 >= pos.nextSampleUs();
      Frame f;
      try {
        f = grabber.grabFrame(false, true, process, false, false);
        consecutiveErrors = 0;
      } catch (FFmpegFrameGrabber.Exception e) {
        skippedFrames++;
        pos = advance(pos.framesConsumedInFile() + 1, pos.nextSampleUs(), pos.seq(), pos.sourceFrame() + 1);
        if (++consecutiveErrors > MAX_CONSECUTIVE_ERRORS) {
          throw new IOException("video " + uri + ": more than " + MAX_CONSECUTIVE_ERRORS
              + " undecodable frames in a row (last: " + e.getMessage() + ")", e);
        }
        continue;
      }
      if (f == null) {
        endOfFile(uri);
        continue;
      }
      if (f.image == null) {
        continue; // not a picture (e.g. a data packet FFmpeg surfaced); consumes nothing
      }
      decodedFrames++;
      long cameraTs = cameraTimestamp(f);
      if (lastCameraTsUs >= 0 && cameraTs > lastCameraTsUs) {
        lastFrameDurUs = cameraTs - lastCameraTsUs;
      }
      lastCameraTsUs = cameraTs;
      long consumed = pos.framesConsumedInFile() + 1;
      long sourceFrame = pos.sourceFrame();
      long tolerance = frameDurUs > 0 ? frameDurUs / 2 : 0;
      if (process && (periodUs == 0 || cameraTs + tolerance >= pos.nextSampleUs())) {
        long next = pos.nextSampleUs();
        if (periodUs > 0) {
          while (next <= cameraTs + tolerance) {
            next += periodUs;
          }
        }
        BgrImage img = toImage(f, uri);
        VideoFrame out = new VideoFrame(stream.cameraId(), pos.seq(), sourceFrame,
            stream.startEpochMs() + cameraTs / 1000, img);
        pos = advance(consumed, next, pos.seq() + 1, sourceFrame + 1);
        return out;
      }
      pos = advance(consumed, pos.nextSampleUs(), pos.seq(), sourceFrame + 1);
    }
    return null;
  }

  private Position advance(long consumed, long nextSample, long seq, long sourceFrame) {
    return new Position(pos.fileIndex(), consumed, nextSample, seq, sourceFrame, pos.fileOffsetUs());
  }

  private void openCurrent() throws IOException {
    String uri = stream.uris().get(pos.fileIndex());
    grabber = openGrabber(uri);
    double fps = grabber.getFrameRate();
    frameDurUs = fps > 0 && fps < 1000 ? Math.round(1e6 / fps) : 0;
    fileFirstTsUs = Long.MIN_VALUE;
    lastCameraTsUs = -1;
    consecutiveErrors = 0;
    // Restoring: decode (without converting) up to the frame we stopped at.
    for (long i = 0; i < pos.framesConsumedInFile(); i++) {
      Frame f;
      try {
        f = grabber.grabFrame(false, true, false, false, false);
      } catch (FFmpegFrameGrabber.Exception e) {
        continue;
      }
      if (f == null) {
        break;
      }
      if (f.image == null) {
        i--;
        continue;
      }
      lastCameraTsUs = cameraTimestamp(f);
    }
  }

  /**
   * The camera time of a decoded picture: its offset from the file's first picture, after the
   * earlier files of the camera. Timestamps never go back: a decoder flushing a delayed picture at
   * the end of some files (e.g. packed-bitstream Xvid AVIs) gives it timestamp 0, and that picture
   * follows the previous one rather than jumping to the file's start (which also made the end-of-file
   * check report such files as truncated at 0 s).
   */
  private long cameraTimestamp(Frame f) {
    if (fileFirstTsUs == Long.MIN_VALUE) {
      fileFirstTsUs = f.timestamp;
    }
    long ts = pos.fileOffsetUs() + Math.max(0, f.timestamp - fileFirstTsUs);
    if (lastCameraTsUs >= 0 && ts <= lastCameraTsUs) {
      ts = lastCameraTsUs + Math.max(frameDurUs, 1);
    }
    return ts;
  }

  private void endOfFile(String uri) throws IOException {
    long declared = grabber.getLengthInTime();
    long lastInFile = lastCameraTsUs < 0 ? 0 : lastCameraTsUs - pos.fileOffsetUs();
    long slack = Math.max(2 * frameDurUs, 500_000);
    if (declared > 0 && lastInFile + slack < declared && !stream.isLive()) {
      truncatedFiles++;
      LOG.warning(String.format("video %s: ended at %.1f s of its declared %.1f s (truncated?);"
          + " indexed what was decodable", uri, lastInFile / 1e6, declared / 1e6));
    }
    long dur = frameDurUs > 0 ? frameDurUs : Math.max(lastFrameDurUs, 1);
    long nextOffset = lastCameraTsUs < 0 ? pos.fileOffsetUs() : lastCameraTsUs + dur;
    closeGrabber();
    pos = new Position(pos.fileIndex() + 1, 0, pos.nextSampleUs(), pos.seq(), pos.sourceFrame(), nextOffset);
  }

  private static BgrImage toImage(Frame f, String uri) throws IOException {
    if (f.imageChannels != 3 || f.imageDepth != Frame.DEPTH_UBYTE) {
      throw new IOException("video " + uri + ": decoder gave " + f.imageChannels + " channels of depth "
          + f.imageDepth + ", expected BGR24");
    }
    int w = f.imageWidth;
    int h = f.imageHeight;
    ByteBuffer buf = (ByteBuffer) f.image[0];
    byte[] out = new byte[w * h * 3];
    int stride = f.imageStride;
    if (stride == w * 3) {
      buf.position(0);
      buf.get(out, 0, out.length);
    } else {
      for (int r = 0; r < h; r++) {
        buf.position(r * stride);
        buf.get(out, r * w * 3, w * 3);
      }
    }
    buf.position(0);
    return new BgrImage(w, h, out);
  }

  static FFmpegFrameGrabber openGrabber(String uri) throws IOException {
    VideoProbe.FfmpegLogging.quiet();
    String path = uri.startsWith("file:") ? URI.create(uri).getPath() : uri;
    FFmpegFrameGrabber g = new FFmpegFrameGrabber(path);
    g.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
    if (CameraStream.isStreamUrl(uri)) {
      g.setOption("rw_timeout", "15000000");
      g.setOption("timeout", "15000000");
    }
    try {
      g.start();
    } catch (FFmpegFrameGrabber.Exception | RuntimeException e) {
      try {
        g.release();
      } catch (Exception ignored) {
        // the open failure is the error worth reporting
      }
      throw new IOException("video " + uri + ": cannot open as video: " + e.getMessage(), e);
    }
    if (g.getImageWidth() <= 0 || g.getImageHeight() <= 0) {
      try {
        g.release();
      } catch (Exception ignored) {
        // the missing stream is the error worth reporting
      }
      throw new IOException("video " + uri + ": has no video stream");
    }
    return g;
  }

  private void closeGrabber() {
    if (grabber != null) {
      try {
        grabber.release();
      } catch (Exception e) {
        LOG.warning("closing " + stream.cameraId() + ": " + e.getMessage());
      }
      grabber = null;
    }
  }

  @Override
  public void close() {
    closeGrabber();
  }
}
