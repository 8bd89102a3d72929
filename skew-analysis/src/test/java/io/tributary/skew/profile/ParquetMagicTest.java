package io.tributary.skew.profile;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The profiler's check that a Parquet partition is Parquet before Spark reads it: garbage, a
 * truncated file and a folder holding a garbage part file fail naming the file; a file framed by
 * the PAR1 magic passes to Spark.
 */
class ParquetMagicTest {
  @TempDir Path dir;

  @Test
  void garbageAndTruncatedFilesAreNamed() throws Exception {
    byte[] junk = new byte[1000];
    new Random(3).nextBytes(junk);
    Path garbage = Files.write(dir.resolve("g.parquet"), junk);
    Path tiny = Files.write(dir.resolve("t.parquet"), "PAR1".getBytes(StandardCharsets.US_ASCII));

    for (Path p : new Path[] {garbage, tiny}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PartitionLoader.checkParquetMagic(p));
      assertTrue(e.getMessage().contains(p.toString()) && e.getMessage().contains("not a Parquet file"), e.getMessage());
    }
  }

  @Test
  void aFolderIsCheckedFileByFile() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("part.parquet"));
    Files.write(folder.resolve("part-00000.parquet"), framed());
    Files.writeString(folder.resolve("_SUCCESS"), "");
    Path bad = Files.writeString(folder.resolve("part-00001.parquet"), "not parquet at all");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PartitionLoader.checkParquetMagic(folder));

    assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
  }

  @Test
  void aFileFramedByTheMagicPasses() throws Exception {
    Path ok = Files.write(dir.resolve("ok.parquet"), framed());

    assertDoesNotThrow(() -> PartitionLoader.checkParquetMagic(ok));
  }

  private static byte[] framed() {
    byte[] b = new byte[64];
    byte[] magic = "PAR1".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(magic, 0, b, 0, 4);
    System.arraycopy(magic, 0, b, 60, 4);
    return b;
  }
}
