package io.tributary.common.model;

/**
 * The result of one training-mode forward and backward pass on a minibatch.
 *
 * @param values gradient of the mean loss over the minibatch w.r.t. the trainable parameters, flat,
 *     in the order of {@link Replica#parameters()}; a fresh array the caller owns
 * @param loss mean softmax cross-entropy over the minibatch
 * @param batchAccuracy fraction of the minibatch whose arg-max prediction was right (before the update)
 */
public record Gradient(float[] values, float loss, float batchAccuracy) {}
