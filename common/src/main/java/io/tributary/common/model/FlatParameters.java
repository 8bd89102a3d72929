package io.tributary.common.model;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A block's tensors seen as two flat {@code float[]} vectors: the trainable parameters and the
 * non-trainable state, each the concatenation of its tensors (row-major) in the order of DJL's
 * {@code Block.getParameters()} ({@link Replica} documents the order). Reads and writes go to the
 * parameters' current arrays, so a block whose arrays were replaced (loading) is still seen right.
 */
final class FlatParameters {
  private final Parameter[] trainable;
  private final Parameter[] stateful;
  private final List<ParameterSlice> layout;
  private final int numParameters;
  private final int numState;

  /** The flat view of {@code block}'s initialised parameters. */
  FlatParameters(Block block) {
    List<Parameter> train = new ArrayList<>();
    List<Parameter> state = new ArrayList<>();
    List<ParameterSlice> slices = new ArrayList<>();
    int trainOffset = 0;
    int stateOffset = 0;
    for (Pair<String, Parameter> p : block.getParameters()) {
      Parameter param = p.getValue();
      int[] shape = Arrays.stream(param.getArray().getShape().getShape()).mapToInt(Math::toIntExact).toArray();
      int length = Math.toIntExact(param.getArray().size());
      if (param.requiresGradient()) {
        train.add(param);
        slices.add(new ParameterSlice(p.getKey(), shape, trainOffset, length, true));
        trainOffset += length;
      } else {
        state.add(param);
        slices.add(new ParameterSlice(p.getKey(), shape, stateOffset, length, false));
        stateOffset += length;
      }
    }
    this.trainable = train.toArray(new Parameter[0]);
    this.stateful = state.toArray(new Parameter[0]);
    this.layout = List.copyOf(slices);
    this.numParameters = trainOffset;
    this.numState = stateOffset;
  }

  /** The trainable tensors in flat order (the array itself: callers must not change it). */
  Parameter[] trainable() {
    return trainable;
  }

  int numParameters() {
    return numParameters;
  }

  int numState() {
    return numState;
  }

  List<ParameterSlice> layout() {
    return layout;
  }

  float[] parameters() {
    return read(trainable, numParameters);
  }

  void setParameters(float[] flat) {
    write(trainable, flat, numParameters, "parameter");
  }

  float[] state() {
    return read(stateful, numState);
  }

  void setState(float[] flat) {
    write(stateful, flat, numState, "state");
  }

  private static float[] read(Parameter[] params, int total) {
    float[] out = new float[total];
    int off = 0;
    for (Parameter p : params) {
      float[] v = p.getArray().toFloatArray();
      System.arraycopy(v, 0, out, off, v.length);
      off += v.length;
    }
    return out;
  }

  private static void write(Parameter[] params, float[] flat, int total, String what) {
    checkLength(flat, total, what + " vector");
    int off = 0;
    for (Parameter p : params) {
      int n = Math.toIntExact(p.getArray().size());
      p.getArray().set(FloatBuffer.wrap(flat, off, n).slice());
      off += n;
    }
  }

  /** Refuses {@code v} unless it has {@code expected} values; {@code what} names it in the message. */
  static void checkLength(float[] v, int expected, String what) {
    Objects.requireNonNull(v, what);
    if (v.length != expected) {
      throw new IllegalArgumentException(what + " has " + v.length + " values, the model has " + expected);
    }
  }
}
