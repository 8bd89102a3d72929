package io.tributary.focus.state;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;

/**
 * How a piece of Focus operator state is written and read, versioned by the codec itself. A codec
 * must have a public no-argument constructor: checkpoints name its class so a restored job finds it.
 */
public interface StateCodec<T> extends Serializable {
  void write(T value, DataOutputStream out) throws IOException;

  T read(DataInputStream in) throws IOException;
}
