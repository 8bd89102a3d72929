/**
 * The options of the non-IID study, SkewScout and the skew profiler ({@code skew-analysis}),
 * declared as {@link io.tributary.common.config.Setting}s. The CLI declares the same settings as its
 * {@code --flags} (on the Flink job jar, which has no {@code skew-analysis}, the {@code skew}
 * commands print their help without them; docs/deploy.md).
 *
 * <ul>
 *   <li>{@link io.tributary.skew.options.SkewTrainingOptions}: the training settings the study and
 *       SkewScout share (K, minibatch, epochs, learning rate, subset sizes, seed, curve points, Spark
 *       master), declared once.</li>
 *   <li>{@link io.tributary.skew.options.StudyOptions}: the study's preset, grids and placement.</li>
 *   <li>{@link io.tributary.skew.options.ScoutOptions}: SkewScout's algorithm, grid, objective and
 *       travel settings, with the bench's defaults.</li>
 *   <li>{@link io.tributary.skew.options.ProfileOptions}: the skew profiler's inputs and its local
 *       training.</li>
 * </ul>
 */
package io.tributary.skew.options;
