package io.tributary.common.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarReaderTest {
  @TempDir Path dir;

  private static Map<String, byte[]> entries() {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put("top/a.txt", "alpha".getBytes(StandardCharsets.UTF_8));
    m.put("top/empty", new byte[0]);
    m.put("top/" + "d".repeat(120) + "/b.bin", new byte[1000]); // ustar prefix field
    m.put("top/" + "x".repeat(130) + ".txt", "long".getBytes(StandardCharsets.UTF_8)); // GNU long name
    return m;
  }

  @Test
  void readsPlainAndGzipArchivesWithLongNames() throws IOException {
    Map<String, byte[]> want = entries();
    byte[] tar = Fixtures.tar(want);
    for (Path p : List.of(Fixtures.write(dir.resolve("a.tar"), tar),
        Fixtures.write(dir.resolve("a.tgz"), Fixtures.gzip(tar)))) {
      Map<String, byte[]> got = new LinkedHashMap<>();
      TarReader.read(p, name -> true, got::put);
      assertEquals(want.keySet(), got.keySet());
      for (String k : want.keySet()) {
        assertArrayEquals(want.get(k), got.get(k), k);
      }
      assertEquals(List.copyOf(want.keySet()), TarReader.list(p));
    }
  }

  @Test
  void unwantedEntriesAreSkipped() throws IOException {
    Path p = Fixtures.write(dir.resolve("a.tar"), Fixtures.tar(entries()));
    Map<String, byte[]> got = new LinkedHashMap<>();
    TarReader.read(p, name -> name.endsWith("a.txt"), got::put);
    assertEquals(List.of("top/a.txt"), List.copyOf(got.keySet()));
  }

  @Test
  void truncatedArchiveIsNamed() throws IOException {
    byte[] tar = Fixtures.tar(entries());
    Path p = Fixtures.write(dir.resolve("cut.tar"), Arrays.copyOf(tar, 512 * 4 + 100));
    DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> TarReader.read(p, n -> true,
        (n, c) -> { }));
    assertTrue(e.getMessage().startsWith(p.toString()) && e.getMessage().contains("truncated"), e.getMessage());
    // also when the cut entry is skipped rather than read, plain and gzip
    e = assertThrows(DatasetFormatException.class, () -> TarReader.list(p));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    Path gz = Fixtures.write(dir.resolve("cut.tgz"), Fixtures.gzip(Arrays.copyOf(tar, 512 * 4 + 100)));
    e = assertThrows(DatasetFormatException.class, () -> TarReader.list(gz));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void corruptHeaderIsNamed() throws IOException {
    byte[] tar = Fixtures.tar(entries());
    tar[10] ^= 0x55; // inside the first name: checksum no longer matches
    Path p = Fixtures.write(dir.resolve("bad.tar"), tar);
    DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> TarReader.list(p));
    assertTrue(e.getMessage().contains("corrupt tar header at byte 0"), e.getMessage());

    Path notTar = Fixtures.write(dir.resolve("text.tar"), "hello, this is not a tar archive".repeat(40)
        .getBytes(StandardCharsets.UTF_8));
    assertThrows(DatasetFormatException.class, () -> TarReader.list(notTar));
  }
}
