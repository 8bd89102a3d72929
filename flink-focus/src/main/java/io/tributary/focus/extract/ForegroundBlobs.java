package io.tributary.focus.extract;

import io.tributary.connectors.video.Box;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The blob half of background subtraction: a foreground mask at mask resolution, dilated to join
 * an object's fragments and split into 8-connected components, whose boxes (scaled back to the
 * frame, padded, clipped) are the objects. Holds only scratch arrays, reused frame after frame; the
 * background model that fills the mask is {@link BackgroundSubtractor}.
 */
final class ForegroundBlobs {
  private final int mw;
  private final int mh;
  private final int factor;
  private final int frameW;
  private final int frameH;
  private final boolean[] mask;
  private final boolean[] tmp;
  private final int[] labels;
  private final int[] stack;

  /** Blobs of a {@code mw x mh} mask whose pixels are {@code factor x factor} pixels of a {@code frameW x frameH} frame. */
  ForegroundBlobs(int mw, int mh, int factor, int frameW, int frameH) {
    this.mw = mw;
    this.mh = mh;
    this.factor = factor;
    this.frameW = frameW;
    this.frameH = frameH;
    int n = mw * mh;
    mask = new boolean[n];
    tmp = new boolean[n];
    labels = new int[n];
    stack = new int[n];
  }

  /** The mask, row-major at mask resolution: the caller sets the foreground; after {@link #boxes} it holds the dilated foreground. */
  boolean[] mask() {
    return mask;
  }

  /**
   * Dilates the mask {@code dilate} times (3x3) and returns the boxes of its connected components
   * of at least {@code minAreaFraction} of the frame, padded by {@code padFraction}, largest first
   * (ties top to bottom, then left to right).
   */
  List<Box> boxes(int dilate, double minAreaFraction, double padFraction) {
    // 3x3 dilation (separable): joins the fragments of an object (its box grows by a mask pixel).
    for (int it = 0; it < dilate; it++) {
      morph(mask, tmp, true);
    }
    boolean[] m = mask;
    int n = mw * mh;
    Arrays.fill(labels, 0);
    double sx = factor;
    double sy = factor;
    double minArea = minAreaFraction * frameW * frameH;
    List<Box> out = new ArrayList<>();
    int next = 1;
    for (int start = 0; start < n; start++) {
      if (!m[start] || labels[start] != 0) {
        continue;
      }
      int label = next++;
      int top = 0;
      stack[top++] = start;
      labels[start] = label;
      int x0 = mw;
      int y0 = mh;
      int x1 = -1;
      int y1 = -1;
      while (top > 0) {
        int p = stack[--top];
        int x = p % mw;
        int y = p / mw;
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
        y0 = Math.min(y0, y);
        y1 = Math.max(y1, y);
        for (int dy = -1; dy <= 1; dy++) {
          int yy = y + dy;
          if (yy < 0 || yy >= mh) {
            continue;
          }
          for (int dx = -1; dx <= 1; dx++) {
            int xx = x + dx;
            if (xx < 0 || xx >= mw) {
              continue;
            }
            int q = yy * mw + xx;
            if (m[q] && labels[q] == 0) {
              labels[q] = label;
              stack[top++] = q;
            }
          }
        }
      }
      int bx = (int) Math.floor(x0 * sx);
      int by = (int) Math.floor(y0 * sy);
      int bw = (int) Math.ceil((x1 + 1) * sx) - bx;
      int bh = (int) Math.ceil((y1 + 1) * sy) - by;
      Box b = new Box(bx, by, bw, bh);
      if (b.area() >= minArea) {
        out.add(b.pad(padFraction, frameW, frameH));
      }
    }
    out.sort((a, b) -> a.area() != b.area() ? Integer.compare(b.area(), a.area())
        : a.y() != b.y() ? Integer.compare(a.y(), b.y()) : Integer.compare(a.x(), b.x()));
    return out;
  }

  /** One 3x3 dilation ({@code grow}) or erosion of {@code m} in place, via {@code tmp}. */
  private void morph(boolean[] m, boolean[] tmp, boolean grow) {
    for (int y = 0; y < mh; y++) {
      int row = y * mw;
      for (int x = 0; x < mw; x++) {
        boolean l = x > 0 ? m[row + x - 1] : m[row + x];
        boolean r = x + 1 < mw ? m[row + x + 1] : m[row + x];
        tmp[row + x] = grow ? m[row + x] || l || r : m[row + x] && l && r;
      }
    }
    for (int y = 0; y < mh; y++) {
      int row = y * mw;
      for (int x = 0; x < mw; x++) {
        boolean u = y > 0 ? tmp[row - mw + x] : tmp[row + x];
        boolean d = y + 1 < mh ? tmp[row + mw + x] : tmp[row + x];
        m[row + x] = grow ? tmp[row + x] || u || d : tmp[row + x] && u && d;
      }
    }
  }
}
