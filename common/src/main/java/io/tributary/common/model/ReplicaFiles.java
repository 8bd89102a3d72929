package io.tributary.common.model;

import ai.djl.MalformedModelException;
import io.tributary.common.io.AtomicFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * The model file of a {@link Replica}: its {@link ModelSpec} and its parameters and state, one file,
 * check-summed. Format 2 (written) holds the parameters in DJL's own parameter format:
 * <pre>
 *   "TRBMODEL"  int 2  UTF spec-as-JSON ({@link ModelSpecJson})  int n  n bytes of Block.saveParameters  long CRC-32
 * </pre>
 * (big-endian, as {@link DataOutputStream} writes; the CRC covers every byte before it). The header
 * names the network, which DJL's parameter stream does not, so a file can be opened without being
 * told what it holds. Format 1 files, written by Tributary until the model files moved to DJL's
 * format, stay readable ({@link LegacyModelFile}).
 */
public final class ReplicaFiles {
  static final byte[] MAGIC = "TRBMODEL".getBytes(StandardCharsets.US_ASCII);
  static final int FORMAT_VERSION = 2;

  private ReplicaFiles() {}

  /** A file's content: the spec and the flat parameters and state. */
  record Contents(ModelSpec spec, float[] params, float[] state) {}

  /** Writes {@code replica} to {@code file} atomically (an existing file is kept or fully replaced). */
  static void save(Replica replica, Path file) {
    byte[] bytes = encode(replica);
    try {
      AtomicFiles.writeBytes(file.toAbsolutePath(), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write model file " + file + ": " + e.getMessage(), e);
    }
  }

  private static byte[] encode(Replica replica) {
    ByteArrayOutputStream params = new ByteArrayOutputStream();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream p = new DataOutputStream(params); DataOutputStream out = new DataOutputStream(bytes)) {
      replica.block().saveParameters(p);
      p.flush();
      out.write(MAGIC);
      out.writeInt(FORMAT_VERSION);
      out.writeUTF(ModelSpecJson.write(replica.spec()));
      out.writeInt(params.size());
      params.writeTo(out);
      out.flush();
      CRC32 crc = new CRC32();
      crc.update(bytes.toByteArray());
      out.writeLong(crc.getValue());
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in-memory streams: cannot happen
    }
    return bytes.toByteArray();
  }

  /** A new replica of the file's spec (which must be {@code expected} unless that is null). */
  static Replica load(Path file, ModelSpec expected) {
    Contents c = read(file);
    if (expected != null && !c.spec().equals(expected)) {
      throw new ModelFileException("model file " + file + " holds " + c.spec() + ", expected " + expected);
    }
    Replica r = Replica.create(c.spec(), 0);
    try {
      apply(r, c, file);
      return r;
    } catch (RuntimeException e) {
      r.close();
      throw e;
    }
  }

  /** Loads the file into {@code replica}, which must be of the file's spec (nothing changes otherwise). */
  static void restore(Replica replica, Path file) {
    Contents c = read(file);
    if (!c.spec().equals(replica.spec())) {
      throw new ModelFileException("model file " + file + " holds " + c.spec() + ", but this replica is "
          + replica.spec());
    }
    apply(replica, c, file);
  }

  private static void apply(Replica r, Contents c, Path file) {
    if (c.params().length != r.numParameters() || c.state().length != r.numState()) {
      throw new ModelFileException("model file " + file + " has " + c.params().length + " parameters and "
          + c.state().length + " state values, the model " + r.numParameters() + " and " + r.numState());
    }
    r.setParameters(c.params());
    r.setState(c.state());
  }

  /** The spec, parameters and state of a model file of either format. */
  static Contents read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException("model file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model file " + file + ": " + e.getMessage(), e);
    }
    if (bytes.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
      throw new ModelFileException("model file " + file + " is not a Tributary model file (no TRBMODEL header)");
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    in.position(MAGIC.length);
    try {
      int version = in.getInt();
      if (version == LegacyModelFile.VERSION) {
        return LegacyModelFile.decode(bytes, in, file);
      }
      if (version != FORMAT_VERSION) {
        throw new ModelFileException("model file " + file + " has format version " + version + ", this build reads "
            + LegacyModelFile.VERSION + " and " + FORMAT_VERSION);
      }
      String json = LegacyModelFile.readUtf(in);
      int n = LegacyModelFile.checkedCount(in.getInt(), Integer.MAX_VALUE - 64, file, "parameter bytes");
      long expected = (long) in.position() + n + 8;
      LegacyModelFile.checkLength(bytes, expected, file);
      LegacyModelFile.checkCrc(bytes, file);
      ModelSpec spec;
      try {
        spec = ModelSpecJson.read(json);
      } catch (IllegalArgumentException e) {
        throw new ModelFileException("model file " + file + " has an invalid model spec: " + e.getMessage(), e);
      }
      return decodeParameters(spec, new ByteArrayInputStream(bytes, in.position(), n), file);
    } catch (BufferUnderflowException e) {
      throw new ModelFileException("model file " + file + " is truncated (" + bytes.length + " bytes)", e);
    }
  }

  /**
   * Reads DJL's parameter stream into a scratch replica of {@code spec} and takes its flat vectors:
   * loading replaces a parameter's arrays, which a live replica must not have done to it.
   */
  private static Contents decodeParameters(ModelSpec spec, ByteArrayInputStream params, Path file) {
    try (Replica scratch = Replica.create(spec, 0)) {
      try (DataInputStream in = new DataInputStream(params)) {
        scratch.block().loadParameters(scratch.manager(), in);
        if (in.available() > 0) {
          throw new ModelFileException("model file " + file + " has " + in.available()
              + " bytes after the parameters of " + spec);
        }
      } catch (IOException | MalformedModelException | IllegalArgumentException e) {
        throw new ModelFileException("model file " + file + " does not hold the parameters of " + spec + ": "
            + e.getMessage(), e);
      }
      return new Contents(spec, scratch.parameters(), scratch.state());
    }
  }
}
