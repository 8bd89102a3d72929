package io.tributary.common.protocol;

/**
 * The gradient of a minibatch's mean loss with respect to a flat parameter vector, with the
 * batch's loss and training accuracy.
 *
 * @param values dL/dw, one per parameter
 * @param loss mean loss over the batch
 * @param accuracy fraction of the batch classified correctly, in [0, 1]
 */
public record BatchGradient(float[] values, double loss, double accuracy) {}
