/**
 * Decentralised-learning synchronisation protocols, engine-free: {@link
 * io.tributary.common.protocol.BspProtocol BSP}, {@link io.tributary.common.protocol.GaiaProtocol
 * Gaia}, {@link io.tributary.common.protocol.FedAvgProtocol FederatedAveraging} and {@link
 * io.tributary.common.protocol.DgcProtocol DeepGradientCompression}, each as in appendix 6.A of
 * Hsieh's thesis (Algorithms 1-3) for vanilla momentum SGD.
 *
 * <p>A protocol instance lives on one partition {@code P_k}, owns that partition's flat parameter
 * vector, and talks to the other partitions only through {@link io.tributary.common.link.Link}s
 * (in-process for studies, TCP between machines), encoding vectors with {@link
 * io.tributary.common.link.VectorCodec}; the links count every byte a partition sends. A
 * partition's training step is always:
 *
 * <pre>
 *   gradient = worker.gradient(batch) at protocol.parameters()
 *   protocol.step(gradient, step)            // send, receive, apply
 *   worker.setParameters(protocol.parameters())
 * </pre>
 *
 * {@link io.tributary.common.protocol.PartitionTrainer} runs that loop for a {@link
 * io.tributary.common.protocol.Worker}, and {@link io.tributary.common.protocol.LockstepRunner}
 * runs K partitions in one thread (each step split into {@code send} and {@code receive} phases).
 *
 * <p><b>Update weighting.</b> Appendix 6.A writes the parameter-server form in which every
 * partition's update is added to the model ({@code w += sum_k v_k}), which makes the effective
 * learning rate of K partitions K times the per-partition one, while FederatedAveraging averages
 * models. To make all four comparable with one learning rate, every partition's contribution here
 * is weighted by {@code a_k} ({@link io.tributary.common.protocol.UpdateWeighting#MEAN}:
 * {@code a_k = 1/K}, the default, so that BSP is exactly centralised momentum SGD on the union of
 * the partitions' minibatches). {@link io.tributary.common.protocol.UpdateWeighting#SUM}
 * ({@code a_k = 1}) is the literal form of Algorithms 1 and 3; it equals MEAN with a learning rate
 * K times larger, because Gaia's significance test and DGC's top-s% selection look at the weighted
 * contribution.
 *
 * <p><b>Runtime knobs.</b> Gaia's T0, FederatedAveraging's Iter_Local and DGC's E_warm can be
 * changed while a protocol runs ({@link io.tributary.common.protocol.TunableProtocol}); a change
 * takes effect at the next step. Callers must apply the same change on every partition at the same
 * iteration (lock-step protocols would otherwise disagree on when to communicate).
 */
package io.tributary.common.protocol;
