package io.tributary.focus.extract;

import java.util.Arrays;

/**
 * Integer-factor box filter over packed BGR pixels, the common case of reducing a frame to the
 * background model's mask resolution (e.g. 320x240 to 160x120) without a general resize. Each
 * output channel is the rounded mean of its {@code fx x fy} input pixels.
 */
final class BoxDownscale {
  private BoxDownscale() {}

  /**
   * Reduces {@code src} ({@code w} pixels wide) by {@code fx x fy} into {@code dst} ({@code mw x mh}
   * pixels, 3 bytes each); returns {@code dst}.
   */
  static byte[] apply(byte[] src, int w, int fx, int fy, byte[] dst, int mw, int mh) {
    byte[] small = dst;
    if (fx == 2 && fy == 2) {
      int stride = w * 3;
      for (int oy = 0; oy < mh; oy++) {
        int r0 = 2 * oy * stride;
        int r1 = r0 + stride;
        int o = oy * mw * 3;
        for (int ox = 0; ox < mw; ox++) {
          int i = r0 + ox * 6;
          int j = r1 + ox * 6;
          small[o++] = (byte) (((src[i] & 0xff) + (src[i + 3] & 0xff) + (src[j] & 0xff) + (src[j + 3] & 0xff) + 2) >> 2);
          small[o++] = (byte) (((src[i + 1] & 0xff) + (src[i + 4] & 0xff) + (src[j + 1] & 0xff) + (src[j + 4] & 0xff) + 2) >> 2);
          small[o++] = (byte) (((src[i + 2] & 0xff) + (src[i + 5] & 0xff) + (src[j + 2] & 0xff) + (src[j + 5] & 0xff) + 2) >> 2);
        }
      }
      return small;
    }
    int n = fx * fy;
    int[] acc = new int[mw * 3];
    for (int oy = 0; oy < mh; oy++) {
      Arrays.fill(acc, 0);
      for (int yy = oy * fy; yy < (oy + 1) * fy; yy++) {
        int row = yy * w * 3;
        for (int ox = 0, a = 0; ox < mw; ox++, a += 3) {
          int idx = row + ox * fx * 3;
          int b = 0, g = 0, r = 0;
          for (int k = 0; k < fx; k++, idx += 3) {
            b += src[idx] & 0xff;
            g += src[idx + 1] & 0xff;
            r += src[idx + 2] & 0xff;
          }
          acc[a] += b;
          acc[a + 1] += g;
          acc[a + 2] += r;
        }
      }
      int o = oy * mw * 3;
      for (int a = 0; a < mw * 3; a++) {
        small[o + a] = (byte) ((acc[a] + n / 2) / n);
      }
    }
    return small;
  }
}
