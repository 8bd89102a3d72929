package io.tributary.connectors.video;

import java.io.Serializable;

/** An axis-aligned pixel box: top-left corner {@code (x, y)}, width and height, in frame pixels. */
public record Box(int x, int y, int w, int h) implements Serializable {
  public Box {
    if (w < 0 || h < 0) {
      throw new IllegalArgumentException("box with negative size: " + w + "x" + h);
    }
  }

  public int area() {
    return w * h;
  }

  /** Intersection over union with {@code o}; 0 when they do not overlap. */
  public double iou(Box o) {
    int ix = Math.max(0, Math.min(x + w, o.x + o.w) - Math.max(x, o.x));
    int iy = Math.max(0, Math.min(y + h, o.y + o.h) - Math.max(y, o.y));
    long inter = (long) ix * iy;
    long union = (long) area() + o.area() - inter;
    return union == 0 ? 0 : (double) inter / union;
  }

  /** Area of the intersection with {@code o}. */
  public int intersection(Box o) {
    int ix = Math.max(0, Math.min(x + w, o.x + o.w) - Math.max(x, o.x));
    int iy = Math.max(0, Math.min(y + h, o.y + o.h) - Math.max(y, o.y));
    return ix * iy;
  }

  /** This box grown by {@code fraction} of its size on every side, clipped to {@code [0,W)x[0,H)}. */
  public Box pad(double fraction, int frameWidth, int frameHeight) {
    int px = (int) Math.round(w * fraction);
    int py = (int) Math.round(h * fraction);
    int x0 = Math.max(0, x - px);
    int y0 = Math.max(0, y - py);
    int x1 = Math.min(frameWidth, x + w + px);
    int y1 = Math.min(frameHeight, y + h + py);
    return new Box(x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0));
  }

  /** This box clipped to {@code [0,W)x[0,H)}. */
  public Box clip(int frameWidth, int frameHeight) {
    return pad(0, frameWidth, frameHeight);
  }

  @Override
  public String toString() {
    return x + "," + y + "," + w + "x" + h;
  }
}
