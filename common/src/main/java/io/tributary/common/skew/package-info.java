/**
 * The options of the non-IID study, SkewScout and the skew profiler ({@code skew-analysis}),
 * declared as {@link io.tributary.common.config.Setting}s.
 *
 * <p>They live here, engine-free, rather than beside their Spark runners because the CLI declares
 * the same settings as its {@code --flags}, and {@code tributary skew ... --help} must work on the
 * Flink job jar too, which carries {@code common} but not {@code skew-analysis} (docs/deploy.md).
 *
 * <ul>
 *   <li>{@link io.tributary.common.skew.SkewTrainingSettings}: the training settings the study and
 *       SkewScout share (K, minibatch, epochs, learning rate, subset sizes, seed, curve points, Spark
 *       master), declared once.</li>
 *   <li>{@link io.tributary.common.skew.StudySettings}: the study's preset, grids and placement.</li>
 *   <li>{@link io.tributary.common.skew.ScoutSettings}: SkewScout's algorithm, grid, objective and
 *       travel settings, with the bench's defaults.</li>
 *   <li>{@link io.tributary.common.skew.ProfileSettings}: the skew profiler's inputs and its local
 *       training.</li>
 * </ul>
 */
package io.tributary.common.skew;
