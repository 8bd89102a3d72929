package io.tributary.common.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.report.CsvTable;
import io.tributary.common.report.Summary;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Atomic writes: a write that fails midway (after part of the new content is on disk) leaves the
 * previous file or folder exactly as it was and no temporary behind; a write that succeeds
 * replaces it and leaves nothing else.
 */
class AtomicFilesTest {
  @TempDir Path dir;

  private List<String> names() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aFileWriteFailingMidwayKeepsThePreviousFile() throws Exception {
    Path f = dir.resolve("results.csv");
    AtomicFiles.writeString(f, "previous\n");

    IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(f, tmp -> {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        out.write("half of the new con".getBytes(StandardCharsets.UTF_8));
        throw new IOException("disk full");
      }
    }));

    assertEquals("disk full", e.getMessage());
    assertEquals("previous\n", Files.readString(f));
    assertEquals(List.of("results.csv"), names(), "no temporary file is left");
  }

  @Test
  void aFileWriteReplacesThePreviousOne() throws Exception {
    Path f = dir.resolve("sub/summary.json");
    AtomicFiles.writeString(f, "old");
    AtomicFiles.writeBytes(f, "new".getBytes(StandardCharsets.UTF_8));

    assertEquals("new", Files.readString(f));
    try (Stream<Path> s = Files.list(dir.resolve("sub"))) {
      assertEquals(1, s.count());
    }
  }

  @Test
  void aFolderWriteFailingMidwayKeepsThePreviousFolder() throws Exception {
    Path out = dir.resolve("runs.parquet");
    Files.createDirectories(out);
    Files.writeString(out.resolve("part-00000.parquet"), "previous runs");

    assertThrows(IOException.class, () -> AtomicFiles.replaceDirectory(out, tmp -> {
      Files.createDirectories(tmp);
      Files.writeString(tmp.resolve("part-00000.parquet"), "half");
      throw new IOException("killed");
    }));

    assertEquals("previous runs", Files.readString(out.resolve("part-00000.parquet")));
    try (Stream<Path> s = Files.list(out)) {
      assertEquals(1, s.count());
    }
    assertEquals(List.of("runs.parquet"), names(), "no temporary folder is left");
  }

  @Test
  void aFolderWriteReplacesThePreviousFolderWhole() throws Exception {
    Path out = dir.resolve("runs.parquet");
    Files.createDirectories(out);
    Files.writeString(out.resolve("part-00000.parquet"), "previous runs");
    Files.writeString(out.resolve("part-00001.parquet"), "previous, second file");

    AtomicFiles.replaceDirectory(out, tmp -> {
      Files.createDirectories(tmp);
      Files.writeString(tmp.resolve("part-00000.parquet"), "new runs");
    });

    assertEquals("new runs", Files.readString(out.resolve("part-00000.parquet")));
    assertTrue(!Files.exists(out.resolve("part-00001.parquet")), "the previous folder's files are gone");
    assertEquals(List.of("runs.parquet"), names());
  }

  @Test
  void aFolderWriterThatWritesNothingFailsAndKeepsThePrevious() throws Exception {
    Path out = dir.resolve("periods.parquet");
    Files.createDirectories(out);
    Files.writeString(out.resolve("a"), "kept");

    IOException e = assertThrows(IOException.class, () -> AtomicFiles.replaceDirectory(out, tmp -> { }));

    assertTrue(e.getMessage().contains("periods.parquet"), e.getMessage());
    assertEquals("kept", Files.readString(out.resolve("a")));
  }

  @Test
  void reportWritersLeaveOnlyTheirFile() throws Exception {
    CsvTable t = new CsvTable("a", "b").add(1, 2);
    t.write(dir.resolve("t.csv"));
    t.write(dir.resolve("t.csv"));
    new Summary().put("x", 1.5).write(dir.resolve("summary.json"));

    assertEquals(List.of("summary.json", "t.csv"), names());
    assertEquals("a,b", Files.readAllLines(dir.resolve("t.csv")).get(0));
  }
}
