package io.tributary.skew.profile;

import io.tributary.common.scout.AccuracyLossMatrix;
import io.tributary.common.scout.LabelSkew;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What the skew profiler found about a set of partitions.
 *
 * @param paths the partitions, in order
 * @param classNames the common classes
 * @param histograms samples per class per partition, {@code [partition][class]}
 * @param divergences how far apart the partitions' label distributions are
 * @param quantity quantity skew of the partition sizes
 * @param accuracyLoss the accuracy-loss matrix by model traveling, or null when no model was given
 * @param modelDescription the network the matrix used and how it was trained, or null
 */
public record SkewProfile(List<Path> paths, List<String> classNames, long[][] histograms, Divergences divergences,
    LabelSkew.QuantitySkew quantity, AccuracyLossMatrix accuracyLoss, String modelDescription) {

  /**
   * The label divergences of a set of partitions.
   *
   * @param jensenShannon pairwise Jensen-Shannon divergence of the label distributions (bits, [0, 1])
   * @param earthMovers pairwise earth mover's distance of the label distributions ([0, 2])
   * @param jensenShannonToPooled each partition's divergence from the pooled distribution
   * @param earthMoversToPooled each partition's distance from the pooled distribution
   */
  public record Divergences(double[][] jensenShannon, double[][] earthMovers, double[] jensenShannonToPooled,
      double[] earthMoversToPooled) {}

  /** Pairwise Jensen-Shannon divergence of the label distributions (bits, [0, 1]). */
  public double[][] jensenShannon() {
    return divergences.jensenShannon();
  }

  /** Pairwise earth mover's distance of the label distributions ([0, 2]). */
  public double[][] earthMovers() {
    return divergences.earthMovers();
  }

  /** Each partition's Jensen-Shannon divergence from the pooled distribution. */
  public double[] jensenShannonToPooled() {
    return divergences.jensenShannonToPooled();
  }

  /** Each partition's earth mover's distance from the pooled distribution. */
  public double[] earthMoversToPooled() {
    return divergences.earthMoversToPooled();
  }

  /** Computes the label metrics of {@code histograms} (no accuracy-loss matrix). */
  public static SkewProfile of(List<Path> paths, List<String> classNames, long[][] histograms) {
    double[] pooled = LabelSkew.pooled(histograms);
    double[] js = new double[histograms.length];
    double[] emd = new double[histograms.length];
    long[] sizes = new long[histograms.length];
    for (int k = 0; k < histograms.length; k++) {
      double[] p = LabelSkew.distribution(histograms[k]);
      js[k] = LabelSkew.jensenShannon(p, pooled);
      emd[k] = LabelSkew.earthMovers(p, pooled);
      sizes[k] = Arrays.stream(histograms[k]).sum();
    }
    return new SkewProfile(List.copyOf(paths), List.copyOf(classNames), histograms,
        new Divergences(LabelSkew.jensenShannonMatrix(histograms), LabelSkew.earthMoversMatrix(histograms), js, emd),
        LabelSkew.quantitySkew(sizes), null, null);
  }

  /** The same profile with an accuracy-loss matrix. */
  public SkewProfile withAccuracyLoss(AccuracyLossMatrix matrix, String description) {
    return new SkewProfile(paths, classNames, histograms, divergences, quantity, matrix, description);
  }

  /** Mean pairwise Jensen-Shannon divergence. */
  public double meanJensenShannon() {
    return LabelSkew.meanOffDiagonal(jensenShannon());
  }

  /** Mean pairwise earth mover's distance. */
  public double meanEarthMovers() {
    return LabelSkew.meanOffDiagonal(earthMovers());
  }
}
