package io.tributary.skew.study;

import java.util.List;

/**
 * The divergence of BatchNorm minibatch means between partitions (thesis §6.4.1): for two
 * partitions' mean mu_B over the same window of minibatches,
 * {@code ||mu_a - mu_b|| / ||(mu_a + mu_b) / 2||}, averaged over windows and partition pairs; and
 * per channel {@code |mu_a,c - mu_b,c| / |(mu_a,c + mu_b,c) / 2|} (Fig. 6.7).
 */
final class BatchNormDivergence {
  private BatchNormDivergence() {}

  /** {@code [mean divergence, per-channel...]}; {@code [NaN]} when there is nothing to compare. */
  static double[] compute(List<List<float[]>> windowsPerPartition) {
    int k = windowsPerPartition.size();
    int windows = Integer.MAX_VALUE;
    for (List<float[]> w : windowsPerPartition) {
      windows = Math.min(windows, w.size());
    }
    if (k < 2 || windows == 0 || windows == Integer.MAX_VALUE) {
      return new double[] {Double.NaN};
    }
    int channels = windowsPerPartition.get(0).get(0).length;
    double total = 0;
    long count = 0;
    double[] perChannel = new double[channels];
    long[] perChannelCount = new long[channels];
    for (int i = 0; i < windows; i++) {
      for (int a = 0; a < k; a++) {
        for (int b = a + 1; b < k; b++) {
          float[] ma = windowsPerPartition.get(a).get(i);
          float[] mb = windowsPerPartition.get(b).get(i);
          double diff = 0;
          double avg = 0;
          for (int c = 0; c < channels; c++) {
            double d = ma[c] - mb[c];
            double m = (ma[c] + mb[c]) / 2.0;
            diff += d * d;
            avg += m * m;
            if (m != 0) {
              perChannel[c] += Math.abs(d) / Math.abs(m);
              perChannelCount[c]++;
            }
          }
          if (avg > 0) {
            total += Math.sqrt(diff) / Math.sqrt(avg);
            count++;
          }
        }
      }
    }
    double[] out = new double[channels + 1];
    out[0] = count == 0 ? Double.NaN : total / count;
    for (int c = 0; c < channels; c++) {
      out[c + 1] = perChannelCount[c] == 0 ? Double.NaN : perChannel[c] / perChannelCount[c];
    }
    return out;
  }
}
