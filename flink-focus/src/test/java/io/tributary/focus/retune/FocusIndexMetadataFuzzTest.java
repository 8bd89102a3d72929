package io.tributary.focus.retune;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.tributary.connectors.index.IndexLayout;
import io.tributary.connectors.index.IndexReader;
import io.tributary.focus.query.IndexMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of the Focus index's metadata files ({@link IndexLayout#METADATA} and
 * {@link IndexLayout#CONFIGURATIONS}): truncated, bit-flipped, spliced and random contents either
 * read or fail with an {@link IOException} naming the file; never another exception, a hang or an
 * out-of-memory error. Fixed seeds, so a failure reproduces.
 */
class FocusIndexMetadataFuzzTest {
  private static final int CASES = 400;

  @TempDir Path dir;

  /** One Hadoop configuration for all cases: building one reads its XML resources (tens of ms). */
  private final Configuration conf = new Configuration();

  static String validRegistry() throws IOException {
    TreeMap<Integer, IndexConfiguration> m = new TreeMap<>();
    var model = ConfigurationRegistryFormatTest.cheapModel();
    m.put(0, new IndexConfiguration(0, model, model.classes(), model.nonObjects(), new IndexConfiguration.Parameters(4, 5.0, 100), "initial", 1000L));
    m.put(1, new IndexConfiguration(1, null, model.classes(), model.nonObjects(), new IndexConfiguration.Parameters(2, 4.0, 50), "legacy", 2000L));
    return ConfigurationRegistry.format(m);
  }

  static String validMetadata() {
    return "# Focus index\nkind=focus\ncheap_classes=background,car,person\nnon_objects=background\ntop_k=4\n"
        + "distance_threshold=5.0\nmax_active_clusters=100\nconfigurations=" + IndexLayout.CONFIGURATIONS + "\n";
  }

  /** One mutation of {@code valid}, chosen by {@code rnd}. */
  static byte[] mutate(byte[] valid, Random rnd) {
    switch (rnd.nextInt(6)) {
      case 0: // truncated
        return Arrays.copyOf(valid, rnd.nextInt(valid.length + 1));
      case 1: { // bytes flipped
        byte[] b = valid.clone();
        for (int n = 1 + rnd.nextInt(8); n > 0; n--) {
          b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
        }
        return b;
      }
      case 2: { // random bytes spliced in
        int at = rnd.nextInt(valid.length + 1);
        byte[] junk = new byte[1 + rnd.nextInt(64)];
        rnd.nextBytes(junk);
        byte[] b = new byte[valid.length + junk.length];
        System.arraycopy(valid, 0, b, 0, at);
        System.arraycopy(junk, 0, b, at, junk.length);
        System.arraycopy(valid, at, b, at + junk.length, valid.length - at);
        return b;
      }
      case 3: { // a backslash escape broken at a random place (the Malformed \\uxxxx case)
        String s = new String(valid, StandardCharsets.ISO_8859_1);
        int at = rnd.nextInt(s.length() + 1);
        return (s.substring(0, at) + "\\u" + Integer.toHexString(rnd.nextInt(256)) + "z" + s.substring(at))
            .getBytes(StandardCharsets.ISO_8859_1);
      }
      case 4: { // printable garbage with key=value shapes
        StringBuilder sb = new StringBuilder();
        String alphabet = "abcdefgijklmnopqrstuvwxyz0123456789.,=:-_ \\\n{}\"[]";
        for (int n = rnd.nextInt(2048); n > 0; n--) {
          sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
      }
      default: { // random bytes
        byte[] b = new byte[rnd.nextInt(4096)];
        rnd.nextBytes(b);
        return b;
      }
    }
  }

  @Test
  void mutatedRegistriesReadOrFailNamingTheFile() throws Exception {
    byte[] valid = validRegistry().getBytes(StandardCharsets.ISO_8859_1);
    Random rnd = new Random(20261207L);
    // A generous guard against a hang; the loop takes well under a second.
    assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
      for (int i = 0; i < CASES; i++) {
        byte[] content = mutate(valid, rnd);
        Files.write(dir.resolve(IndexLayout.CONFIGURATIONS), content);
        try {
          ConfigurationRegistry.read(dir.toString(), conf);
        } catch (IOException e) {
          assertNamesFile(e, IndexLayout.CONFIGURATIONS, i, content);
        } catch (RuntimeException e) {
          fail("case " + i + ": " + e + " instead of an IOException naming the file; content: " + printable(content), e);
        }
      }
    });
  }

  @Test
  void mutatedIndexPropertiesReadOrFailNamingTheFile() throws Exception {
    byte[] valid = validMetadata().getBytes(StandardCharsets.ISO_8859_1);
    Random rnd = new Random(7L);
    assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
      for (int i = 0; i < CASES; i++) {
        byte[] content = mutate(valid, rnd);
        Files.write(dir.resolve(IndexLayout.METADATA), content);
        // Both readers of the file: the query side's metadata and the registry's configuration 0.
        try {
          IndexMetadata.of(IndexReader.open(dir.toString(), conf));
        } catch (IOException e) {
          assertNamesFile(e, IndexLayout.METADATA, i, content);
        } catch (RuntimeException e) {
          fail("case " + i + ": " + e + " instead of an IOException naming the file; content: " + printable(content), e);
        }
        try {
          ConfigurationRegistry.read(dir.toString(), conf);
        } catch (IOException e) {
          assertNamesFile(e, IndexLayout.METADATA, i, content);
        } catch (RuntimeException e) {
          fail("case " + i + ": " + e + " instead of an IOException naming the file; content: " + printable(content), e);
        }
      }
    });
  }

  private void assertNamesFile(IOException e, String file, int i, byte[] content) {
    String msg = String.valueOf(e.getMessage());
    assertTrue(msg.contains(file) && msg.contains(dir.toString()),
        "case " + i + ": error does not name " + dir + "/" + file + ": " + msg + "; content: " + printable(content));
  }

  private static String printable(byte[] b) {
    String s = new String(b, 0, Math.min(b.length, 300), StandardCharsets.ISO_8859_1);
    return s.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
