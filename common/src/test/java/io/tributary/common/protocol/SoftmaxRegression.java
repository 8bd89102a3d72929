package io.tributary.common.protocol;

import java.util.Random;

/**
 * Multinomial logistic regression in plain Java, behind the {@link Worker} interface, so protocol
 * tests need no DJL. Parameters: a C x D weight matrix (row-major) then C biases.
 */
public final class SoftmaxRegression implements Worker {
  final float[][] x;
  final int[] y;
  final int classes;
  final int dims;
  final float[] params;

  public SoftmaxRegression(float[][] x, int[] y, int classes) {
    this.x = x;
    this.y = y;
    this.classes = classes;
    this.dims = x[0].length;
    this.params = new float[classes * dims + classes];
  }

  /** Gaussian blobs: class c centred at a random point, {@code n} samples in total, seeded. */
  public static SoftmaxRegression blobs(int n, int dims, int classes, double spread, long seed) {
    Random r = new Random(seed);
    double[][] centres = new double[classes][dims];
    for (double[] c : centres) {
      for (int d = 0; d < dims; d++) {
        c[d] = r.nextGaussian() * 2;
      }
    }
    float[][] x = new float[n][dims];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % classes;
      for (int d = 0; d < dims; d++) {
        x[i][d] = (float) (centres[y[i]][d] + spread * r.nextGaussian());
      }
    }
    return new SoftmaxRegression(x, y, classes);
  }

  /** The samples at {@code positions}, as a new worker with zero parameters. */
  public SoftmaxRegression subset(int[] positions) {
    float[][] sx = new float[positions.length][];
    int[] sy = new int[positions.length];
    for (int i = 0; i < positions.length; i++) {
      sx[i] = x[positions[i]];
      sy[i] = y[positions[i]];
    }
    return new SoftmaxRegression(sx, sy, classes);
  }

  /** Random initial parameters (seeded), as a replica created with a seed would have. */
  public static float[] initialParameters(int classes, int dims, long seed) {
    Random r = new Random(seed);
    float[] p = new float[classes * dims + classes];
    for (int i = 0; i < classes * dims; i++) {
      p[i] = (float) (0.1 * r.nextGaussian());
    }
    return p;
  }

  @Override
  public int numParameters() {
    return params.length;
  }

  @Override
  public int numSamples() {
    return y.length;
  }

  @Override
  public void setParameters(float[] p) {
    System.arraycopy(p, 0, params, 0, params.length);
  }

  public float[] parameters() {
    return params.clone();
  }

  @Override
  public BatchGradient gradient(int[] batch) {
    double[] g = new double[params.length];
    double loss = 0;
    int correct = 0;
    double[] logits = new double[classes];
    for (int i : batch) {
      double max = Double.NEGATIVE_INFINITY;
      int arg = 0;
      for (int c = 0; c < classes; c++) {
        double z = params[classes * dims + c];
        for (int d = 0; d < dims; d++) {
          z += params[c * dims + d] * x[i][d];
        }
        logits[c] = z;
        if (z > max) {
          max = z;
          arg = c;
        }
      }
      correct += arg == y[i] ? 1 : 0;
      double sum = 0;
      for (int c = 0; c < classes; c++) {
        logits[c] = Math.exp(logits[c] - max);
        sum += logits[c];
      }
      loss -= Math.log(logits[y[i]] / sum);
      for (int c = 0; c < classes; c++) {
        double delta = logits[c] / sum - (c == y[i] ? 1 : 0);
        for (int d = 0; d < dims; d++) {
          g[c * dims + d] += delta * x[i][d];
        }
        g[classes * dims + c] += delta;
      }
    }
    float[] out = new float[g.length];
    for (int j = 0; j < g.length; j++) {
      out[j] = (float) (g[j] / batch.length);
    }
    return new BatchGradient(out, loss / batch.length, correct / (double) batch.length);
  }

  /** Accuracy of the current parameters on all of this worker's samples. */
  public double accuracy() {
    int[] all = new int[y.length];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return gradient(all).accuracy();
  }
}
