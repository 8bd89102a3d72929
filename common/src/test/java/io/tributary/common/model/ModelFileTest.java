package io.tributary.common.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.data.LabeledDataset;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
  static final ModelSpec BN = new ModelSpec(Architecture.BN_LENET, new int[] {1, 12, 12}, 4);

  @TempDir
  Path dir;

  @Test
  void saveLoadRoundTripKeepsSpecParametersStateAndPredictions() throws IOException {
    LabeledDataset data = ReplicaTest.randomImages(16, new int[] {1, 12, 12}, 4, 5);
    Path file = dir.resolve("models/bn.trbm");
    try (Replica a = Replica.create(BN, 7)) {
      a.gradient(data, ReplicaTest.range(0, 8)); // non-trivial running statistics
      float[] delta = new float[a.numParameters()];
      Arrays.fill(delta, 0.01f);
      a.addToParameters(delta);
      a.save(file);
      try (Replica b = Replica.load(file); Replica c = Replica.load(file, BN)) {
        assertEquals(BN, b.spec());
        assertArrayEquals(a.parameters(), b.parameters());
        assertArrayEquals(a.state(), b.state());
        assertArrayEquals(a.parameters(), c.parameters());
        assertEquals(a.evaluate(data, 5), b.evaluate(data, 5));
      }
      // overwrite in place: atomic replace, no temporary files left behind
      a.addToParameters(delta);
      a.save(file);
      try (Stream<Path> files = Files.list(file.getParent())) {
        assertEquals(List.of(file.getFileName().toString()), files.map(p -> p.getFileName().toString()).toList());
      }
      try (Replica other = Replica.create(BN, 99)) {
        other.restore(file);
        assertArrayEquals(a.parameters(), other.parameters());
        assertArrayEquals(a.state(), other.state());
      }
    }
  }

  @Test
  void mismatchedSpecIsAClearErrorAndChangesNothing() {
    Path file = dir.resolve("lenet.trbm");
    try (Replica a = Replica.create(BN, 1)) {
      a.save(file);
    }
    ModelSpec gn = new ModelSpec(Architecture.GN_LENET, new int[] {1, 12, 12}, 4);
    ModelFileException e = assertThrows(ModelFileException.class, () -> Replica.load(file, gn));
    assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("bn-lenet")
        && e.getMessage().contains("gn-lenet"), e.getMessage());
    try (Replica other = Replica.create(new ModelSpec(Architecture.BN_LENET, new int[] {1, 12, 12}, 5), 3)) {
      float[] before = other.parameters();
      ModelFileException r = assertThrows(ModelFileException.class, () -> other.restore(file));
      assertTrue(r.getMessage().contains("4 classes") && r.getMessage().contains("5 classes"), r.getMessage());
      assertArrayEquals(before, other.parameters());
    }
  }

  @Test
  void truncatedCorruptForeignAndMissingFilesGiveClearErrors() throws IOException {
    Path file = dir.resolve("m.trbm");
    try (Replica a = Replica.create(BN, 1)) {
      a.save(file);
    }
    byte[] bytes = Files.readAllBytes(file);

    Path truncated = dir.resolve("truncated.trbm");
    Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 100));
    ModelFileException t = assertThrows(ModelFileException.class, () -> Replica.load(truncated));
    assertTrue(t.getMessage().contains("truncated") && t.getMessage().contains(truncated.toString()), t.getMessage());

    Path header = dir.resolve("header.trbm");
    Files.write(header, Arrays.copyOf(bytes, 20));
    ModelFileException h = assertThrows(ModelFileException.class, () -> Replica.load(header));
    assertTrue(h.getMessage().contains("truncated"), h.getMessage());

    Path corrupt = dir.resolve("corrupt.trbm");
    byte[] flipped = bytes.clone();
    flipped[bytes.length - 50] ^= 0x40;
    Files.write(corrupt, flipped);
    ModelFileException c = assertThrows(ModelFileException.class, () -> Replica.load(corrupt));
    assertTrue(c.getMessage().contains("corrupt"), c.getMessage());

    Path foreign = dir.resolve("foreign.trbm");
    Files.writeString(foreign, "not a model at all");
    ModelFileException f = assertThrows(ModelFileException.class, () -> Replica.load(foreign));
    assertTrue(f.getMessage().contains("not a Tributary model file"), f.getMessage());

    UncheckedIOException m = assertThrows(UncheckedIOException.class, () -> Replica.load(dir.resolve("nope.trbm")));
    assertTrue(m.getMessage().contains("does not exist"), m.getMessage());
  }

  @Test
  void formatOneFilesWrittenBeforeDjlParametersStayReadable() throws IOException {
    LabeledDataset data = ReplicaTest.randomImages(16, new int[] {1, 12, 12}, 4, 5);
    Path file = dir.resolve("v1.trbm");
    try (Replica a = Replica.create(BN, 7)) {
      a.gradient(data, ReplicaTest.range(0, 8)); // non-trivial running statistics
      Files.write(file, formatOne(a));
      try (Replica b = Replica.load(file); Replica c = Replica.create(BN, 3)) {
        assertEquals(BN, b.spec());
        assertArrayEquals(a.parameters(), b.parameters());
        assertArrayEquals(a.state(), b.state());
        c.restore(file);
        assertArrayEquals(a.parameters(), c.parameters());
      }
      byte[] flipped = Files.readAllBytes(file);
      flipped[flipped.length - 50] ^= 0x40;
      Path corrupt = dir.resolve("v1-corrupt.trbm");
      Files.write(corrupt, flipped);
      ModelFileException e = assertThrows(ModelFileException.class, () -> Replica.load(corrupt));
      assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
    }
  }

  @Test
  void theWrittenFormatIsTwoWithTheSpecAsJson() throws IOException {
    Path file = dir.resolve("v2.trbm");
    try (Replica a = Replica.create(BN, 1)) {
      a.save(file);
    }
    ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file));
    in.position(8);
    assertEquals(2, in.getInt());
    byte[] json = new byte[Short.toUnsignedInt(in.getShort())];
    in.get(json);
    assertEquals("{\"architecture\":\"bn-lenet\",\"input_shape\":[1,12,12],\"classes\":4,\"group_size\":2}",
        new String(json, StandardCharsets.UTF_8));
  }

  /** A model file as Tributary wrote it in format 1 (the writer as it was). */
  static byte[] formatOne(Replica r) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write("TRBMODEL".getBytes(StandardCharsets.US_ASCII));
      out.writeInt(1);
      ModelSpec spec = r.spec();
      out.writeUTF(spec.architecture().id());
      out.writeInt(spec.inputShape().length);
      for (int d : spec.inputShape()) {
        out.writeInt(d);
      }
      out.writeInt(spec.numClasses());
      out.writeInt(spec.groupSize());
      out.writeInt(r.layout().size());
      for (ParameterSlice s : r.layout()) {
        out.writeUTF(s.name());
        out.writeBoolean(s.trainable());
        out.writeInt(s.shape().length);
        for (int d : s.shape()) {
          out.writeInt(d);
        }
      }
      float[] params = r.parameters();
      float[] state = r.state();
      out.writeInt(params.length);
      out.writeInt(state.length);
      for (float v : params) {
        out.writeFloat(v);
      }
      for (float v : state) {
        out.writeFloat(v);
      }
      out.flush();
      CRC32 crc = new CRC32();
      crc.update(bytes.toByteArray());
      out.writeLong(crc.getValue());
    }
    return bytes.toByteArray();
  }
}
