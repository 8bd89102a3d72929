package io.tributary.common.protocol;

/**
 * A partition's model replica together with its local training data, as the protocols see it: a
 * flat parameter vector and a gradient on a minibatch of local samples. A DJL network, or a
 * plain-Java model in tests, implements it.
 */
public interface Worker {

  /** The length of the flat parameter vector. */
  int numParameters();

  /** The number of local training samples; minibatches index {@code [0, numSamples())}. */
  int numSamples();

  /** Sets the model's parameters (copying them). */
  void setParameters(float[] parameters);

  /**
   * The gradient of the mean loss of the local samples at {@code batch} at the current parameters.
   * Models with batch statistics (BatchNorm) update them as a training forward pass does.
   */
  BatchGradient gradient(int[] batch);
}
