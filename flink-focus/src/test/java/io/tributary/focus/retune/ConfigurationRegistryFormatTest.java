package io.tributary.focus.retune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.model.Architecture;
import io.tributary.connectors.index.IndexLayout;
import io.tributary.connectors.index.IndexReader;
import io.tributary.focus.model.FocusModel;
import io.tributary.focus.model.InputSpec;
import io.tributary.focus.query.IndexMetadata;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry's file format: models stored as JSON text, format-1 files (with a Java-serialised
 * model) still readable from their text fields without the serialised part ever being
 * deserialised, and malformed metadata failing with an error naming the file.
 */
class ConfigurationRegistryFormatTest {
  @TempDir Path dir;

  /** Set when an instance is deserialised: proof that a reader touched the blob. */
  static final AtomicBoolean TRIPPED = new AtomicBoolean();

  /** A class whose deserialisation is observable (what an attacker's gadget would do instead). */
  static final class Tripwire implements Serializable {
    private static final long serialVersionUID = 1L;

    private Object readResolve() {
      TRIPPED.set(true);
      return this;
    }
  }

  static FocusModel cheapModel() {
    return new FocusModel(FocusModel.Kind.BUILTIN, "models/cheap", "cheap-v1", Architecture.CHEAP,
        List.of("background", "car", "person"), InputSpec.builtin(24, true), FocusModel.CLASSIFIER_OUTPUT);
  }

  static String base64Serialised(Object o) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(b)) {
      out.writeObject(o);
    }
    return Base64.getEncoder().encodeToString(b.toByteArray());
  }

  /** The format-1 writer as the old code had it (model_spec: the model, Java-serialised, Base64). */
  static String oldFormat(Object blob0, Object blob1) throws IOException {
    Properties p = new Properties();
    p.setProperty("format", "1");
    p.setProperty("ids", "0,1");
    Object[] blobs = {blob0, blob1};
    for (int id = 0; id < 2; id++) {
      String k = "config." + id + ".";
      p.setProperty(k + "model", "builtin:cheap-v1");
      p.setProperty(k + "classes", "background,car,person");
      p.setProperty(k + "non_objects", "background");
      p.setProperty(k + "top_k", String.valueOf(4 - id));
      p.setProperty(k + "distance_threshold", String.valueOf(5.0 - id));
      p.setProperty(k + "max_active_clusters", "100");
      p.setProperty(k + "origin", "origin " + id);
      p.setProperty(k + "registered_ms", String.valueOf(1000L + id));
      p.setProperty(k + "model_spec", base64Serialised(blobs[id]));
    }
    StringWriter w = new StringWriter();
    p.store(w, "Focus index ingest configurations (tributary); clusters name theirs in column config_id");
    return w.toString();
  }

  private void writeRoot(String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  @Test
  void oldFormatRegistryLoadsFromTextFieldsWithoutDeserialisingTheBlob() throws Exception {
    TRIPPED.set(false);
    writeRoot(IndexLayout.CONFIGURATIONS, oldFormat(cheapModel(), new Tripwire()));

    ConfigurationRegistry r = ConfigurationRegistry.read(dir.toString(), new Configuration());

    assertFalse(TRIPPED.get(), "the serialised model_spec was deserialised");
    assertEquals(2, r.all().size());
    IndexConfiguration c0 = r.get(0);
    assertEquals(List.of("background", "car", "person"), c0.classes());
    assertEquals(List.of("background"), c0.nonObjects());
    assertEquals(4, c0.topK());
    assertEquals(5.0, c0.distanceThreshold());
    assertEquals(100, c0.maxActiveClusters());
    assertEquals("origin 0", c0.origin());
    assertEquals(1000L, c0.registeredMs());
    assertNull(c0.model(), "a format-1 model is not opened from its serialised form");
    assertEquals(3, r.latest().topK());
    assertEquals(4.0, r.latest().distanceThreshold());
  }

  @Test
  void registeringOnAnOldFormatIndexWritesTextOnlyAndKeepsTheOldEntries() throws Exception {
    writeRoot(IndexLayout.CONFIGURATIONS, oldFormat(cheapModel(), cheapModel()));
    Configuration conf = new Configuration();

    IndexConfiguration added = ConfigurationRegistry.read(dir.toString(), conf)
        .register(dir.toString(), conf, cheapModel(), 4, 5.0, 100, "restart");

    assertEquals(2, added.id(), "a legacy entry has no model, so the job's model is registered anew");
    String text = Files.readString(dir.resolve(IndexLayout.CONFIGURATIONS));
    assertFalse(text.contains("model_spec"), "no serialised objects are written");
    assertTrue(text.contains("format=2"));
    ConfigurationRegistry back = ConfigurationRegistry.read(dir.toString(), conf);
    assertEquals(3, back.all().size());
    assertEquals("origin 1", back.get(1).origin());
  }

  @Test
  void modelRoundTripsAsJsonText() throws Exception {
    Configuration conf = new Configuration();
    FocusModel m = cheapModel();

    ConfigurationRegistry.empty().register(dir.toString(), conf, m, 4, 5.0, 100, "initial");
    ConfigurationRegistry back = ConfigurationRegistry.read(dir.toString(), conf);

    FocusModel read = back.get(0).model();
    assertNotNull(read);
    // FocusModel holds arrays, so compare its text, which names every field (as sameIngestAs does).
    assertEquals(String.valueOf(m), String.valueOf(read));
    assertTrue(back.get(0).sameIngestAs(new IndexConfiguration(0, m, m.classes(), m.nonObjects(), new IndexConfiguration.Parameters(4, 5.0, 100), "", 0)));
    assertTrue(Files.readString(dir.resolve(IndexLayout.CONFIGURATIONS)).contains("model_json"));
  }

  @Test
  void aNewerFormatIsRefusedNamingTheFile() throws Exception {
    writeRoot(IndexLayout.CONFIGURATIONS, "format=9\nids=0\n");

    IOException e = assertThrows(IOException.class, () -> ConfigurationRegistry.read(dir.toString(), new Configuration()));

    assertTrue(e.getMessage().contains(IndexLayout.CONFIGURATIONS) && e.getMessage().contains("format 9"), e.getMessage());
  }

  @Test
  void aBadModelJsonNamesTheFileAndTheField() throws Exception {
    writeRoot(IndexLayout.CONFIGURATIONS, "format=2\nids=0\nconfig.0.classes=a\nconfig.0.top_k=1\n"
        + "config.0.distance_threshold=1\nconfig.0.max_active_clusters=1\nconfig.0.model_json={\"kind\":\"BUILTIN\"}\n");

    IOException e = assertThrows(IOException.class, () -> ConfigurationRegistry.read(dir.toString(), new Configuration()));

    assertTrue(e.getMessage().contains(IndexLayout.CONFIGURATIONS) && e.getMessage().contains("configuration 0")
        && e.getMessage().contains("lacks 'input'"), e.getMessage());
  }

  @Test
  void malformedIndexPropertiesNameTheFile() throws Exception {
    writeRoot(IndexLayout.METADATA, "kind=focus\ncheap_classes=car\\u12zz\n");

    IOException meta = assertThrows(IOException.class, () -> IndexMetadata.of(IndexReader.open(dir.toString())));
    IOException reg = assertThrows(IOException.class, () -> ConfigurationRegistry.read(dir.toString(), new Configuration()));

    for (IOException e : List.of(meta, reg)) {
      assertTrue(e.getMessage().contains(IndexLayout.METADATA) && e.getMessage().contains(dir.toString())
          && e.getMessage().contains("Malformed"), e.getMessage());
    }
  }

  @Test
  void anOversizedRootFileIsRefusedNamingIt() throws Exception {
    byte[] big = new byte[IndexReader.MAX_ROOT_FILE_BYTES + 1];
    Arrays.fill(big, (byte) 'a');
    Files.write(dir.resolve(IndexLayout.METADATA), big);

    IOException e = assertThrows(IOException.class, () -> IndexMetadata.of(IndexReader.open(dir.toString())));

    assertTrue(e.getMessage().contains(IndexLayout.METADATA) && e.getMessage().contains("larger than"), e.getMessage());
  }
}
