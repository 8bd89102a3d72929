package io.tributary.common.protocol;

import java.io.IOException;
import java.util.Map;

/**
 * One partition's side of a decentralised-learning protocol. It owns the partition's flat
 * parameter vector and turns the partition's local gradient into new local parameters, exchanging
 * updates with the other partitions over links.
 *
 * <p>A step has two phases so that K partitions can also be driven from one thread ({@link
 * LockstepRunner}): {@link #send} applies the local gradient and sends this partition's update,
 * {@link #receive} waits for the other partitions' updates of the same iteration and applies
 * them. {@link #step} does both. Calls must alternate {@code send, receive, send, ...} with
 * strictly increasing iterations; every partition must take the same iterations.
 */
public interface SyncProtocol extends AutoCloseable {

  /** Short lower-case algorithm name: {@code bsp}, {@code gaia}, {@code fedavg}, {@code dgc}. */
  String algorithm();

  /** This partition's index k in [0, K). */
  int partition();

  /** The number of partitions K. */
  int partitions();

  /**
   * The partition's current parameters: the live vector the protocol updates, read-only for
   * callers (copy it to keep it). Set the local model to it after every step.
   */
  float[] parameters();

  /**
   * Whether this partition needs a gradient at {@code step}; when false the caller may skip the
   * forward/backward pass and pass {@code null} to {@link #send} (FederatedAveraging partitions
   * not selected for a round).
   */
  default boolean needsGradient(Step step) {
    return true;
  }

  /**
   * Phase 1 of a step: applies the local gradient (computed at {@link #parameters()}) and sends
   * whatever this partition shares at this iteration.
   *
   * @param gradient dL/dw of the local minibatch loss, length {@code parameters().length}; may be
   *     null only when {@link #needsGradient} is false
   */
  void send(float[] gradient, Step step) throws IOException;

  /** Phase 2 of a step: receives the other partitions' updates of the same iteration and applies them. */
  void receive() throws IOException, InterruptedException;

  /** Both phases. */
  default void step(float[] gradient, Step step) throws IOException, InterruptedException {
    send(gradient, step);
    receive();
  }

  /** Bytes this partition has sent on its links so far (counted by the links' meter). */
  long bytesSent();

  /** Frames this partition has sent so far. */
  long messagesSent();

  /**
   * Diagnostics of the last step, for studies (e.g. Gaia's fraction of significant updates, DGC's
   * sparsity and residual delta, FederatedAveraging's local update delta). Keys are stable
   * lower-case names; values may be NaN when not yet defined.
   */
  Map<String, Double> diagnostics();

  /** Closes this partition's links. */
  @Override
  void close() throws IOException;
}
