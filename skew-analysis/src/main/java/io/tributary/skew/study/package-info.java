/**
 * The non-IID study of thesis ch. 6 on Spark.
 *
 * <p>A {@link io.tributary.skew.study.StudyRun} is one training run: a dataset subset split into K
 * partitions by a partitioner ({@code iid}, {@code label-skew}, {@code noniid:<x>}), one model
 * replica per partition ({@link io.tributary.skew.study.ReplicaWorker}, a DJL network), and a
 * protocol of {@code io.tributary.common.protocol} (BSP, Gaia, FederatedAveraging, DGC)
 * synchronising them over links that count every byte. A run executes either
 *
 * <ul>
 *   <li>inside one Spark task ({@link io.tributary.skew.study.LockstepExecution}: K partitions
 *       stepped in lock-step over in-process links), so that a study's runs go to the cluster's
 *       task slots in parallel, one run per task; or</li>
 *   <li>as a barrier stage of K tasks ({@link io.tributary.skew.study.BarrierExecution}), partition k
 *       and its replica living in task k for the whole run, linked by a {@link
 *       io.tributary.skew.study.MeshProvider}.</li>
 * </ul>
 *
 * Both train identically (tested). {@link io.tributary.skew.study.SkewStudy} runs a sweep ({@link
 * io.tributary.skew.study.StudyGrid}, {@link io.tributary.skew.study.StudyPresets}), checkpointing
 * every finished run; {@link io.tributary.skew.study.StudyOutput} writes one Parquet row per run;
 * {@link io.tributary.skew.study.StudyReport} prints the thesis' tables, draws Figs. 6.1, 6.7, 6.8
 * and 6.9 and writes {@code summary.json}. {@link io.tributary.skew.study.SkewStudyRunner} is what
 * {@code tributary skew study} and {@code tributary skew report} call.
 */
package io.tributary.skew.study;
