package io.tributary.gaia.ic;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * Small generated image-classification data for tests and quick runs: each class is a smooth
 * random template (a few Gaussian blobs), and a sample is its class's template shifted by up to one
 * pixel, scaled in contrast, plus pixel noise, stored as 8-bit grey values. Sample {@code i} of a
 * split is a function of the seed, the split and {@code i} only, so every worker generates exactly
 * its samples.
 *
 * @param classes number of classes
 * @param side image width and height (one channel)
 * @param trainSize training samples
 * @param testSize test samples
 * @param noise pixel noise standard deviation, in units of the template's range (e.g. 0.35)
 * @param seed the data seed
 */
public record GeneratedImages(int classes, int side, int trainSize, int testSize, double noise, long seed)
    implements Serializable {

  public GeneratedImages {
    if (classes < 2 || side < 4 || trainSize < 1 || testSize < 0 || !(noise >= 0)) {
      throw new IllegalArgumentException("generated images need >= 2 classes, side >= 4, >= 1 training sample and"
          + " noise >= 0; got " + classes + ", " + side + ", " + trainSize + ", " + noise);
    }
  }

  /** The class templates, class-major, values in [0, 1]. */
  public float[] templates() {
    float[] t = new float[classes * side * side];
    SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 77);
    for (int c = 0; c < classes; c++) {
      float max = 0;
      for (int b = 0; b < 3; b++) {
        double cx = rnd.nextDouble() * side;
        double cy = rnd.nextDouble() * side;
        double r = side * (0.12 + 0.2 * rnd.nextDouble());
        double sign = b == 2 ? -0.6 : 1.0;
        for (int y = 0; y < side; y++) {
          for (int x = 0; x < side; x++) {
            double d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
            t[c * side * side + y * side + x] += (float) (sign * Math.exp(-d2 / (2 * r * r)));
          }
        }
      }
      float min = Float.MAX_VALUE;
      for (int i = 0; i < side * side; i++) {
        min = Math.min(min, t[c * side * side + i]);
        max = Math.max(max, t[c * side * side + i]);
      }
      for (int i = 0; i < side * side; i++) {
        t[c * side * side + i] = (t[c * side * side + i] - min) / Math.max(1e-6f, max - min);
      }
    }
    return t;
  }

  /** Label of sample {@code i} of a split. */
  public int label(boolean train, int i) {
    return (int) Math.floorMod(rnd(train, i).nextLong(), (long) classes);
  }

  /** Writes sample {@code i} of a split into {@code out[offset..offset+side^2)} as 8-bit values. */
  public void sample(boolean train, int i, float[] templates, byte[] out, int offset) {
    SplittableRandom r = rnd(train, i);
    int c = (int) Math.floorMod(r.nextLong(), (long) classes);
    int dx = r.nextInt(3) - 1;
    int dy = r.nextInt(3) - 1;
    double contrast = 0.7 + 0.3 * r.nextDouble();
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        int sx = Math.min(side - 1, Math.max(0, x + dx));
        int sy = Math.min(side - 1, Math.max(0, y + dy));
        double v = contrast * templates[c * side * side + sy * side + sx] + noise * gaussian(r);
        out[offset + y * side + x] = (byte) Math.max(0, Math.min(255, Math.round(v * 200 + 28)));
      }
    }
  }

  private SplittableRandom rnd(boolean train, int i) {
    return new SplittableRandom(seed * 0xD1B54A32D192ED03L + (train ? 1 : -1) * (i + 1L) * 0x94D049BB133111EBL);
  }

  private static double gaussian(SplittableRandom rnd) {
    double u1 = 1.0 - rnd.nextDouble();
    double u2 = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
