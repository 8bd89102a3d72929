package io.tributary.focus.extract;

import io.tributary.connectors.video.BgrImage;
import io.tributary.connectors.video.Box;
import java.io.IOException;
import java.io.Serializable;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Finds moving objects in a static camera's frames by background subtraction (thesis §4.4.1): the
 * frame, reduced to a small mask resolution, is compared with a background image; pixels that differ
 * by more than a threshold form a mask, which is dilated and split into connected components whose
 * boxes (scaled back to the frame, padded) are the objects ({@link ForegroundBlobs}).
 *
 * <p>Background models ({@link Mode}): the paper's average of the frames of the previous hour
 * (bootstrapped within the first hour by the running mean of the hour so far), or an exponentially
 * weighted running average that adapts within seconds. Both start from the per-pixel median of the
 * first {@code warmupFrames} frames, during which no objects are reported, and both compensate
 * global brightness changes (a gain from the frame's and background's means) before comparing.
 *
 * <p>The whole state is a few arrays at mask resolution: {@link #toBytes()}/{@link #fromBytes}
 * checkpoint it exactly, so a restored subtractor gives bit-identical boxes.
 */
public final class BackgroundSubtractor {
  /** How the background image is maintained. */
  public enum Mode {
    /** Mean of the previous window's frames (default window one hour), as in the Focus paper. */
    WINDOW_AVERAGE,
    /** Exponentially weighted running average with time constant {@code adaptSeconds}. */
    RUNNING_AVERAGE
  }

  /**
   * How foreground is told from background ({@link Detection}) and how the background follows the
   * scene ({@link Adaptation}). The accessors of the former flat record ({@link #maskWidth()}, ...)
   * read through the groups, and {@link #toString()} keeps the flat record's text, which run
   * descriptions and model cache keys contain.
   */
  public record Config(Mode mode, Detection detection, Adaptation adaptation) implements Serializable {

    /**
     * @param maskWidth about the width of the mask the comparison runs at: frames are reduced by the
     *     integer factor nearest {@code frameWidth / maskWidth} (box filter)
     * @param threshold per-channel absolute difference (0-255) above which a pixel is foreground
     * @param minAreaFraction smallest object box, as a fraction of the frame area
     * @param padFraction how much each box grows on every side before cropping
     * @param dilate mask dilation steps before boxes are read
     */
    public record Detection(int maskWidth, int threshold, double minAreaFraction, double padFraction, int dilate)
        implements Serializable {}

    /**
     * @param windowMs averaging window of {@link Mode#WINDOW_AVERAGE}
     * @param adaptSeconds time constant of {@link Mode#RUNNING_AVERAGE}
     * @param warmupFrames frames used for the initial (median) background; no objects reported then
     */
    public record Adaptation(long windowMs, double adaptSeconds, int warmupFrames) implements Serializable {}

    public Config {
      if (detection.maskWidth() < 16 || detection.threshold() < 1 || detection.threshold() > 255
          || detection.minAreaFraction() < 0 || detection.padFraction() < 0 || adaptation.windowMs() <= 0
          || adaptation.adaptSeconds() <= 0 || adaptation.warmupFrames() < 1 || detection.dilate() < 0) {
        throw new IllegalArgumentException("bad background subtraction settings: " + flat(mode, detection, adaptation));
      }
    }

    public static Config defaults() {
      return new Config(Mode.WINDOW_AVERAGE, new Detection(160, 28, 0.0015, 0.08, 1),
          new Adaptation(3_600_000L, 10.0, 5));
    }

    public int maskWidth() {
      return detection.maskWidth();
    }

    public int threshold() {
      return detection.threshold();
    }

    public double minAreaFraction() {
      return detection.minAreaFraction();
    }

    public double padFraction() {
      return detection.padFraction();
    }

    public int dilate() {
      return detection.dilate();
    }

    public long windowMs() {
      return adaptation.windowMs();
    }

    public double adaptSeconds() {
      return adaptation.adaptSeconds();
    }

    public int warmupFrames() {
      return adaptation.warmupFrames();
    }

    public Config withMode(Mode m) {
      return new Config(m, detection, adaptation);
    }

    public Config withThreshold(int t) {
      return withDetection(new Detection(maskWidth(), t, minAreaFraction(), padFraction(), dilate()));
    }

    public Config withMinAreaFraction(double f) {
      return withDetection(new Detection(maskWidth(), threshold(), f, padFraction(), dilate()));
    }

    public Config withWindowMs(long ms) {
      return new Config(mode, detection, new Adaptation(ms, adaptSeconds(), warmupFrames()));
    }

    public Config withDilate(int d) {
      return withDetection(new Detection(maskWidth(), threshold(), minAreaFraction(), padFraction(), d));
    }

    public Config withMaskWidth(int w) {
      return withDetection(new Detection(w, threshold(), minAreaFraction(), padFraction(), dilate()));
    }

    private Config withDetection(Detection d) {
      return new Config(mode, d, adaptation);
    }

    /** The flat record's text ({@code Config[mode=..., maskWidth=..., ..., dilate=...]}), unchanged. */
    @Override
    public String toString() {
      return flat(mode, detection, adaptation);
    }

    private static String flat(Mode mode, Detection d, Adaptation a) {
      return "Config[mode=" + mode + ", maskWidth=" + d.maskWidth() + ", threshold=" + d.threshold()
          + ", minAreaFraction=" + d.minAreaFraction() + ", padFraction=" + d.padFraction() + ", windowMs="
          + a.windowMs() + ", adaptSeconds=" + a.adaptSeconds() + ", warmupFrames=" + a.warmupFrames() + ", dilate="
          + d.dilate() + "]";
    }
  }

  private final Config cfg;
  private int frameW;
  private int frameH;
  private int mw;
  private int mh;
  private int factor;
  private float[] background;
  private byte[][] warmup;
  private int warmupCount;
  private int[] windowSum; // exact: sums of 8-bit values
  private int windowCount;
  private long windowStartMs = Long.MIN_VALUE;
  private boolean firstWindow = true;
  private long lastTimestampMs = Long.MIN_VALUE;
  private long frames;

  // Scratch, not state.
  private byte[] small;
  private ForegroundBlobs blobs;

  public BackgroundSubtractor(Config cfg) {
    this.cfg = cfg;
  }

  public Config config() {
    return cfg;
  }

  /** Frames seen so far. */
  public long frames() {
    return frames;
  }

  /**
   * Updates the background with {@code frame} and returns the boxes of moving objects in it, in
   * frame pixels (padded, clipped to the frame), largest first. Empty during warm-up.
   */
  public List<Box> apply(BgrImage frame, long timestampMs) {
    if (background == null && warmupCount == 0) {
      init(frame.width(), frame.height());
    } else if (frame.width() != frameW || frame.height() != frameH) {
      throw new IllegalArgumentException("frame size changed from " + frameW + "x" + frameH + " to "
          + frame.width() + "x" + frame.height() + "; a camera must keep its resolution");
    }
    frames++;
    byte[] s = downscale(frame);
    if (background == null) {
      warmup[warmupCount++] = s.clone();
      if (warmupCount == cfg.warmupFrames()) {
        background = median(warmup, warmupCount);
        warmup = null;
        windowStartMs = timestampMs;
      }
      lastTimestampMs = timestampMs;
      return List.of();
    }
    List<Box> boxes = detect(s);
    update(s, timestampMs);
    lastTimestampMs = timestampMs;
    return boxes;
  }

  private void init(int w, int h) {
    frameW = w;
    frameH = h;
    factor = Math.max(1, (int) Math.round((double) w / cfg.maskWidth()));
    mw = w / factor;
    mh = Math.max(1, h / factor);
    warmup = new byte[cfg.warmupFrames()][];
  }

  private byte[] downscale(BgrImage frame) {
    if (factor == 1) {
      return frame.bgr();
    }
    if (small == null || small.length != mw * mh * 3) {
      small = new byte[mw * mh * 3];
    }
    return BoxDownscale.apply(frame.bgr(), frameW, factor, factor, small, mw, mh);
  }

  /** Marks the pixels that differ from the background (after a global gain) and returns their blobs' boxes. */
  private List<Box> detect(byte[] s) {
    int n = mw * mh;
    if (blobs == null) {
      blobs = new ForegroundBlobs(mw, mh, factor, frameW, frameH);
    }
    boolean[] mask = blobs.mask();
    double sumF = 0;
    double sumB = 0;
    for (int i = 0; i < s.length; i += 5) { // a subsample is plenty for a global gain
      sumF += s[i] & 0xff;
      sumB += background[i];
    }
    float gain = (float) Math.max(0.5, Math.min(2.0, sumB > 0 ? sumF / sumB : 1));
    float t = cfg.threshold();
    for (int p = 0, i = 0; p < n; p++, i += 3) {
      float d0 = (s[i] & 0xff) - background[i] * gain;
      float d1 = (s[i + 1] & 0xff) - background[i + 1] * gain;
      float d2 = (s[i + 2] & 0xff) - background[i + 2] * gain;
      mask[p] = d0 > t || d0 < -t || d1 > t || d1 < -t || d2 > t || d2 < -t;
    }
    // The mask then holds the dilated foreground, which the running-average update reads too.
    return blobs.boxes(cfg.dilate(), cfg.minAreaFraction(), cfg.padFraction());
  }

  private void update(byte[] s, long ts) {
    switch (cfg.mode()) {
      case RUNNING_AVERAGE -> {
        // Selective update: foreground pixels adapt 20x slower, so objects that linger do not
        // burn into the background (and leave ghosts when they move on), yet stopped ones fade in.
        double dt = lastTimestampMs == Long.MIN_VALUE ? 1.0 : Math.max(0, ts - lastTimestampMs) / 1000.0;
        float a = (float) (1 - Math.exp(-dt / cfg.adaptSeconds()));
        float af = a / 20;
        boolean[] mask = blobs.mask();
        for (int p = 0, i = 0; p < mw * mh; p++, i += 3) {
          float r = mask[p] ? af : a;
          background[i] += r * ((s[i] & 0xff) - background[i]);
          background[i + 1] += r * ((s[i + 1] & 0xff) - background[i + 1]);
          background[i + 2] += r * ((s[i + 2] & 0xff) - background[i + 2]);
        }
      }
      case WINDOW_AVERAGE -> {
        if (windowSum == null) {
          windowSum = new int[s.length];
        }
        if (ts - windowStartMs >= cfg.windowMs()) {
          if (windowCount > 0) {
            for (int i = 0; i < s.length; i++) {
              background[i] = (float) windowSum[i] / windowCount;
            }
          }
          Arrays.fill(windowSum, 0);
          windowCount = 0;
          windowStartMs = ts;
          firstWindow = false;
        }
        for (int i = 0; i < s.length; i++) {
          windowSum[i] += s[i] & 0xff;
        }
        windowCount++;
        if (firstWindow) {
          // Until a full window exists, the background is the running mean of the warm-up median
          // (weighing as much as warmupFrames frames) and the window's frames so far.
          float r = 1f / (cfg.warmupFrames() + windowCount);
          for (int i = 0; i < s.length; i++) {
            background[i] += r * ((s[i] & 0xff) - background[i]);
          }
        }
      }
    }
  }

  private float[] median(byte[][] frames, int n) {
    float[] out = new float[frames[0].length];
    int[] v = new int[n];
    for (int i = 0; i < out.length; i++) {
      for (int k = 0; k < n; k++) {
        v[k] = frames[k][i] & 0xff;
      }
      Arrays.sort(v, 0, n);
      out[i] = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2f;
    }
    return out;
  }

  private static final int FORMAT = 2;

  /** The exact state, versioned (bulk-encoded: it is rewritten often under the RocksDB backend). */
  public byte[] toBytes() {
    int n = mw * mh * 3;
    int warm = warmup == null ? -1 : warmupCount;
    int size = 4 * 7 + 8 * 3 + 1 + 4 + 4 + (background == null ? 0 : 4 * n) + 4 + Math.max(0, warm) * n + 4
        + (windowSum == null ? 0 : 4 * n);
    ByteBuffer b = ByteBuffer.allocate(size);
    b.putInt(FORMAT).putInt(frameW).putInt(frameH).putInt(mw).putInt(mh).putInt(factor).putInt(windowCount);
    b.putLong(frames).putLong(lastTimestampMs).putLong(windowStartMs);
    b.put((byte) (firstWindow ? 1 : 0));
    b.putInt(warmupCount);
    if (background == null) {
      b.putInt(-1);
    } else {
      b.putInt(background.length);
      b.asFloatBuffer().put(background);
      b.position(b.position() + 4 * background.length);
    }
    b.putInt(warm);
    for (int k = 0; k < warm; k++) {
      b.put(warmup[k]);
    }
    if (windowSum == null) {
      b.putInt(-1);
    } else {
      b.putInt(windowSum.length);
      b.asIntBuffer().put(windowSum);
      b.position(b.position() + 4 * windowSum.length);
    }
    return Arrays.copyOf(b.array(), b.position());
  }

  /** A subtractor continuing exactly from {@link #toBytes()}'s state. */
  public static BackgroundSubtractor fromBytes(Config cfg, byte[] state) throws IOException {
    try {
      ByteBuffer in = ByteBuffer.wrap(state);
      int format = in.getInt();
      if (format != FORMAT) {
        throw new IOException("background state format " + format + " is not readable by this build (" + FORMAT + ")");
      }
      BackgroundSubtractor b = new BackgroundSubtractor(cfg);
      b.frameW = in.getInt();
      b.frameH = in.getInt();
      b.mw = in.getInt();
      b.mh = in.getInt();
      b.factor = in.getInt();
      b.windowCount = in.getInt();
      b.frames = in.getLong();
      b.lastTimestampMs = in.getLong();
      b.windowStartMs = in.getLong();
      b.firstWindow = in.get() == 1;
      b.warmupCount = in.getInt();
      int bg = in.getInt();
      if (bg >= 0) {
        b.background = new float[bg];
        in.asFloatBuffer().get(b.background);
        in.position(in.position() + 4 * bg);
      }
      int wc = in.getInt();
      if (wc >= 0) {
        b.warmup = new byte[cfg.warmupFrames()][];
        for (int k = 0; k < wc; k++) {
          b.warmup[k] = new byte[b.mw * b.mh * 3];
          in.get(b.warmup[k]);
        }
      }
      int ws = in.getInt();
      if (ws >= 0) {
        b.windowSum = new int[ws];
        in.asIntBuffer().get(b.windowSum);
      }
      return b;
    } catch (BufferUnderflowException e) {
      throw new IOException("background state is truncated (" + state.length + " bytes)", e);
    }
  }

}
