/**
 * The skew profiler for users' own partitions ({@code tributary skew profile}): label histograms,
 * pairwise Jensen-Shannon and earth mover's divergence of the label distributions, quantity skew,
 * and, given a model, the accuracy-loss matrix by model traveling, with heat maps. Partitions are
 * Parquet files or directories (read with Spark) or image folders. {@link
 * io.tributary.skew.profile.SkewProfiler} is the entry point; the metrics themselves are the
 * engine-free {@link io.tributary.common.scout.LabelSkew} and {@link
 * io.tributary.common.scout.AccuracyLossMatrix}.
 */
package io.tributary.skew.profile;
