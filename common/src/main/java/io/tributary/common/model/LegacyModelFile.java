package io.tributary.common.model;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Reads model files of format 1, which Tributary wrote until its model files moved to DJL's
 * parameter format ({@link ReplicaFiles}): magic {@code TRBMODEL}, {@code int 1}, the spec
 * (architecture id, input shape, classes, group size), the tensor layout (name, trainable, shape),
 * the parameter and state counts, the float values and a CRC-32, all big-endian.
 */
final class LegacyModelFile {
  static final int VERSION = 1;

  private LegacyModelFile() {}

  /**
   * Decodes the rest of a format-1 file, {@code in} positioned after the version.
   *
   * @throws ModelFileException naming the file when it is truncated, corrupt or of another layout
   */
  static ReplicaFiles.Contents decode(byte[] bytes, ByteBuffer in, Path file) {
    String arch = readUtf(in);
    int rank = checkedCount(in.getInt(), 8, file, "input rank");
    int[] shape = new int[rank];
    for (int i = 0; i < rank; i++) {
      shape[i] = in.getInt();
    }
    int numClasses = in.getInt();
    int groupSize = in.getInt();
    ModelSpec spec;
    try {
      spec = new ModelSpec(Architecture.parse(arch), shape, numClasses, groupSize);
    } catch (IllegalArgumentException e) {
      throw new ModelFileException("model file " + file + " has an invalid model spec: " + e.getMessage(), e);
    }
    int tensors = checkedCount(in.getInt(), 10_000, file, "tensor count");
    List<String> names = new ArrayList<>();
    List<int[]> shapes = new ArrayList<>();
    List<Boolean> trainable = new ArrayList<>();
    for (int t = 0; t < tensors; t++) {
      names.add(readUtf(in));
      trainable.add(in.get() != 0);
      int r = checkedCount(in.getInt(), 8, file, "tensor rank");
      int[] s = new int[r];
      for (int i = 0; i < r; i++) {
        s[i] = in.getInt();
      }
      shapes.add(s);
    }
    int np = checkedCount(in.getInt(), Integer.MAX_VALUE / 4, file, "parameter count");
    int ns = checkedCount(in.getInt(), Integer.MAX_VALUE / 4, file, "state count");
    checkLength(bytes, (long) in.position() + 4L * np + 4L * ns + 8, file);
    float[] params = new float[np];
    float[] state = new float[ns];
    in.asFloatBuffer().get(params);
    in.position(in.position() + 4 * np);
    in.asFloatBuffer().get(state);
    checkCrc(bytes, file);
    checkLayout(spec, names, shapes, trainable, file);
    return new ReplicaFiles.Contents(spec, params, state);
  }

  /** The file's tensors must be the spec's, in order (another version of the model zoo may differ). */
  private static void checkLayout(ModelSpec spec, List<String> names, List<int[]> shapes, List<Boolean> trainable,
      Path file) {
    try (Replica r = Replica.create(spec, 0)) {
      List<ParameterSlice> layout = r.layout();
      if (names.size() != layout.size()) {
        throw new ModelFileException("model file " + file + " has " + names.size() + " tensors, " + spec + " has "
            + layout.size() + " (written by another version of the model zoo?)");
      }
      for (int i = 0; i < layout.size(); i++) {
        ParameterSlice s = layout.get(i);
        if (!Arrays.equals(shapes.get(i), s.shape()) || trainable.get(i) != s.trainable()) {
          throw new ModelFileException("model file " + file + ": tensor " + i + " (" + names.get(i) + ") has shape "
              + Arrays.toString(shapes.get(i)) + ", the model expects " + s.name() + " " + Arrays.toString(s.shape()));
        }
      }
    }
  }

  /** The file must be exactly {@code expected} bytes long. */
  static void checkLength(byte[] bytes, long expected, Path file) {
    if (bytes.length < expected) {
      throw new ModelFileException("model file " + file + " is truncated: " + bytes.length + " bytes, expected "
          + expected);
    }
    if (bytes.length > expected) {
      throw new ModelFileException("model file " + file + " has " + (bytes.length - expected)
          + " unexpected trailing bytes");
    }
  }

  /** The last 8 bytes must be the CRC-32 of the others. */
  static void checkCrc(byte[] bytes, Path file) {
    long stored = ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong();
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 8);
    if (crc.getValue() != stored) {
      throw new ModelFileException("model file " + file + " is corrupt (checksum mismatch)");
    }
  }

  static int checkedCount(int v, int max, Path file, String what) {
    if (v < 0 || v > max) {
      throw new ModelFileException("model file " + file + " is corrupt: " + what + " " + v);
    }
    return v;
  }

  /** A {@link java.io.DataOutputStream#writeUTF} string. */
  static String readUtf(ByteBuffer in) {
    int len = Short.toUnsignedInt(in.getShort());
    byte[] b = new byte[len];
    in.get(b);
    // Names and spec JSON are ASCII, where modified UTF-8 and UTF-8 agree.
    return new String(b, StandardCharsets.UTF_8);
  }
}
