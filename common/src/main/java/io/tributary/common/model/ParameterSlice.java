package io.tributary.common.model;

/**
 * Where one parameter tensor lies in a replica's flat vectors: {@link Replica#parameters()} for a
 * trainable tensor, {@link Replica#state()} for non-trainable state (BatchNorm running statistics).
 *
 * @param name the DJL parameter path, e.g. {@code 01Conv2d_weight}
 * @param shape the tensor shape
 * @param offset first index in its flat vector
 * @param length number of values
 * @param trainable true for {@link Replica#parameters()}, false for {@link Replica#state()}
 */
public record ParameterSlice(String name, int[] shape, int offset, int length, boolean trainable) {
  @Override
  public int[] shape() {
    return shape.clone();
  }
}
