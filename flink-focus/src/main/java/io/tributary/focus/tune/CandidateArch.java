package io.tributary.focus.tune;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import io.tributary.common.model.FeatureClassifierBlock;
import io.tributary.focus.model.InputSpec;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * One cheap ingest-CNN architecture the stream tuner can specialise (thesis §4.3.1): a stack of
 * strided 3x3 convolutions with ReLU on square letterboxed crops of {@code inputSize} pixels, a
 * linear feature layer (the vector Focus clusters on) and the class head. Varying the input size,
 * the number of convolutions (depth) and their channels (width) gives candidates whose cost spans
 * orders of magnitude; "compressed" variants are a base architecture with its last layers removed
 * and a smaller input, as the paper compresses ResNet18.
 *
 * @param name short name, used in model file names and reports (e.g. {@code c64x3w16})
 * @param inputSize side of the square input in pixels (32 to 112 in the default family)
 * @param channels output channels of each convolution, in order; each halves the resolution
 * @param featureDim width of the feature layer before the classifier
 */
public record CandidateArch(String name, int inputSize, List<Integer> channels, int featureDim)
    implements Serializable {

  public CandidateArch {
    channels = List.copyOf(channels);
    if (inputSize < 8 || channels.isEmpty() || featureDim < 1 || channels.stream().anyMatch(c -> c < 1)) {
      throw new IllegalArgumentException("bad candidate architecture " + name + ": input " + inputSize
          + ", channels " + channels + ", features " + featureDim);
    }
    if (inputSize >> channels.size() < 1) {
      throw new IllegalArgumentException("candidate " + name + ": " + channels.size()
          + " stride-2 layers reduce a " + inputSize + "px input to nothing");
    }
    if (!name.matches("[A-Za-z0-9_.-]+")) {
      throw new IllegalArgumentException("candidate name '" + name + "' must be letters, digits, '_', '.', '-'");
    }
  }

  /** An architecture named after its shape: {@code c<input>x<depth>w<first channels>}. */
  public static CandidateArch of(int inputSize, List<Integer> channels, int featureDim) {
    return new CandidateArch("c" + inputSize + "x" + channels.size() + "w" + channels.get(0), inputSize, channels,
        featureDim);
  }

  /**
   * The default family: a base network on 112px crops (four convolutions, 16-32-64-64), its
   * compressed variants with one and two layers removed on 64 and 48px inputs, and on 32px inputs
   * two-layer networks of two widths and a one-layer network. Their multiply-accumulates span about
   * 90x (10.6M down to 0.12M per crop).
   */
  public static List<CandidateArch> defaultFamily() {
    return List.of(
        of(112, List.of(16, 32, 64, 64), 64),
        of(64, List.of(16, 32, 64), 64),
        of(48, List.of(16, 32), 48),
        of(32, List.of(16, 32), 48),
        of(32, List.of(8, 16), 32),
        of(32, List.of(8), 32));
  }

  /**
   * A small family for quick runs and tests: 48px 16-32 (1.1M MACs), 32px 8-16 (0.16M) and 24px 8
   * (0.05M); on this project's generated video they measure about 5x, 12x and 20x cheaper per
   * object than the built-in GT-CNN.
   */
  public static List<CandidateArch> smallFamily() {
    return List.of(
        of(48, List.of(16, 32), 48),
        of(32, List.of(8, 16), 32),
        of(24, List.of(8), 16));
  }

  /** The input preprocessing: square, letterboxed (aspect kept), the built-in networks' normalisation. */
  public InputSpec input() {
    return InputSpec.builtin(inputSize, true);
  }

  /** A fresh, untrained network for {@code numClasses} classes, returning {@code [logits, features]}. */
  public FeatureClassifierBlock build(int numClasses) {
    SequentialBlock trunk = new SequentialBlock();
    for (int c : channels) {
      trunk.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
          .optStride(new Shape(2, 2)).setFilters(c).build()).add(Activation.reluBlock());
    }
    trunk.add(Blocks.batchFlattenBlock());
    trunk.add(Linear.builder().setUnits(featureDim).build()).add(Activation.reluBlock());
    return new FeatureClassifierBlock(trunk, Linear.builder().setUnits(numClasses).build());
  }

  /** Multiply-accumulates of one forward pass (convolutions and linear layers), for reports. */
  public long macs(int numClasses) {
    long total = 0;
    int side = inputSize;
    int in = 3;
    for (int c : channels) {
      side = (side + 1) / 2;
      total += (long) side * side * c * in * 9;
      in = c;
    }
    long flat = (long) side * side * in;
    return total + flat * featureDim + (long) featureDim * numClasses;
  }

  /** One line for reports. */
  public String describe() {
    return String.format(Locale.ROOT, "%s (%dpx, conv %s, %d features)", name, inputSize, channels, featureDim);
  }

  /** Writes the architecture into {@code p} (beside a stored model). */
  public void store(Properties p) {
    p.setProperty("arch.name", name);
    p.setProperty("arch.input", String.valueOf(inputSize));
    p.setProperty("arch.channels", String.join(",", channels.stream().map(String::valueOf).toList()));
    p.setProperty("arch.features", String.valueOf(featureDim));
  }

  /** Reads what {@link #store} wrote; fails naming {@code where} when a field is missing or malformed. */
  public static CandidateArch load(Properties p, String where) {
    try {
      List<Integer> ch = new ArrayList<>();
      for (String s : required(p, "arch.channels", where).split(",")) {
        ch.add(Integer.parseInt(s.strip()));
      }
      return new CandidateArch(required(p, "arch.name", where), Integer.parseInt(required(p, "arch.input", where)), ch,
          Integer.parseInt(required(p, "arch.features", where)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + ": malformed architecture: " + e.getMessage(), e);
    }
  }

  /**
   * Parses a family given on the command line: {@code default}, {@code small}, or architectures
   * separated by ';', each {@code INPUT:C1-C2-...:FEATURES} (e.g. {@code 32:16-32:48;64:16-32-64:64}).
   */
  public static List<CandidateArch> parseFamily(String spec) {
    String s = spec.strip();
    if (s.equals("default")) {
      return defaultFamily();
    }
    if (s.equals("small")) {
      return smallFamily();
    }
    List<CandidateArch> out = new ArrayList<>();
    for (String part : s.split(";")) {
      String[] f = part.strip().split(":");
      if (f.length != 3) {
        throw new IllegalArgumentException("candidate '" + part + "' is not INPUT:C1-C2-...:FEATURES (e.g. 32:16-32:48)");
      }
      try {
        out.add(of(Integer.parseInt(f[0]), Arrays.stream(f[1].split("-")).map(String::strip).map(Integer::parseInt).toList(),
            Integer.parseInt(f[2])));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("candidate '" + part + "' is not INPUT:C1-C2-...:FEATURES (e.g. 32:16-32:48)", e);
      }
    }
    return out;
  }

  private static String required(Properties p, String key, String where) {
    String v = p.getProperty(key);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(where + " lacks '" + key + "'");
    }
    return v;
  }
}
