package io.tributary.common.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarReaderTest {
  @TempDir Path dir;

  private static byte[] batch(int... labels) {
    byte[] b = new byte[labels.length * CifarReader.RECORD_BYTES];
    for (int r = 0; r < labels.length; r++) {
      b[r * CifarReader.RECORD_BYTES] = (byte) labels[r];
      for (int k = 1; k < CifarReader.RECORD_BYTES; k++) {
        b[r * CifarReader.RECORD_BYTES + k] = (byte) (r * 31 + k);
      }
    }
    return b;
  }

  @Test
  void readsBinaryBatches() throws IOException {
    Fixtures.write(dir.resolve("data_batch_1.bin"), batch(3, 9));
    Fixtures.write(dir.resolve("data_batch_2.bin"), batch(0));
    Fixtures.write(dir.resolve("test_batch.bin"), Fixtures.gzip(batch(5, 5, 1)));
    LabeledDataset train = CifarReader.read(dir, true, 0);
    assertEquals(3, train.size());
    assertArrayEquals(new int[] {3, 9, 0}, train.labels());
    assertArrayEquals(new int[] {3, 32, 32}, train.sampleShape());
    assertEquals((1 * 31 + 1 + 1024) & 0xFF, train.rawByte(1, 1024)); // record 1, first green byte
    assertEquals(CifarReader.CIFAR10_CLASSES, train.classNames());
    LabeledDataset test = CifarReader.read(dir, false, 1);
    assertArrayEquals(new int[] {5, 1}, test.labels()); // first record of each class
  }

  @Test
  void classNamesFromMetaFile() throws IOException {
    Fixtures.write(dir.resolve("test_batch.bin"), batch(1));
    Fixtures.write(dir.resolve("batches.meta.txt"), "cats\ndogs\n\n".getBytes());
    LabeledDataset ds = CifarReader.readBinary(dir, false);
    assertEquals(List.of("cats", "dogs"), ds.classNames());
    Fixtures.write(dir.resolve("test_batch.bin"), batch(2));
    DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> CifarReader.readBinary(dir, false));
    assertTrue(e.getMessage().contains("label 2 of record 0"), e.getMessage());
  }

  @Test
  void wrongSizeAndTruncationAreNamed() throws IOException {
    byte[] b = batch(1, 2);
    Path p = Fixtures.write(dir.resolve("data_batch_1.bin"), Arrays.copyOf(b, b.length - 10));
    DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> CifarReader.readBinary(dir, true));
    assertTrue(e.getMessage().startsWith(p.toString()) && e.getMessage().contains("truncated"), e.getMessage());
    Path q = Fixtures.write(dir.resolve("other/data_batch_1.bin"), new byte[0]);
    e = assertThrows(DatasetFormatException.class, () -> CifarReader.readBinary(q.getParent(), true));
    assertTrue(e.getMessage().contains("wrong size 0"), e.getMessage());
  }

  @Test
  void readsImageArchiveAndFolder() throws IOException {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put("cifar10-jpg/README.md", new byte[] {'x'});
    m.put("cifar10-jpg/test/truck/0001.png", ImageFolderReaderTest.png(32, 32, 100));
    m.put("cifar10-jpg/train/truck/0002.png", ImageFolderReaderTest.png(32, 32, 40));
    m.put("cifar10-jpg/train/airplane/0001.png", ImageFolderReaderTest.png(32, 32, 0));
    m.put("cifar10-jpg/train/truck/0001.png", ImageFolderReaderTest.png(32, 32, 20));
    Path tar = Fixtures.write(dir.resolve("c.tar"), Fixtures.tar(m));
    LabeledDataset train = CifarReader.read(tar, true, 0);
    assertArrayEquals(new int[] {0, 9, 9}, train.labels());
    assertEquals(20, train.rawByte(1, 0)); // truck/0001 before truck/0002
    LabeledDataset limited = CifarReader.read(tar, true, 1);
    assertEquals(2, limited.size());
    LabeledDataset test = CifarReader.read(tar, false, 0);
    assertEquals(1, test.size());
    assertEquals(100, test.rawByte(0, 0));

    for (Map.Entry<String, byte[]> e : m.entrySet()) {
      Fixtures.write(dir.resolve("x").resolve(e.getKey()), e.getValue());
    }
    LabeledDataset fromFolder = CifarReader.read(dir.resolve("x"), true, 0);
    assertArrayEquals(train.labels(), fromFolder.labels());
    assertEquals(train.rawByte(2, 500), fromFolder.rawByte(2, 500));

    Path notCifar = Fixtures.write(dir.resolve("n.tar"), Fixtures.tar(Map.of("a/b.txt", new byte[1])));
    DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> CifarReader.read(notCifar, true, 0));
    assertTrue(e.getMessage().contains("no train/<class>/<image>"), e.getMessage());
  }

  @Test
  void sharedDataCifarTarSubset() throws IOException {
    Path tar = DatasetLocator.cifar10Tar().orElse(null);
    Assumptions.assumeTrue(tar != null, "shared CIFAR-10 tar not present");
    long t0 = System.nanoTime();
    LabeledDataset ds = CifarReader.read(tar, false, 20);
    double secs = (System.nanoTime() - t0) / 1e9;
    System.out.printf("CIFAR-10 tar, test split, 20 per class: %s in %.2f s%n", ds, secs);
    assertEquals(200, ds.size());
    for (long c : ds.classHistogram()) {
      assertEquals(20, c);
    }
    assertArrayEquals(new int[] {3, 32, 32}, ds.sampleShape());
    // The first airplane is test/airplane/0000.jpg (or the first name): decode it independently.
    String first = TarReader.list(tar).stream().filter(p -> p.matches(".*/test/airplane/[^/]+\\.jpg")).sorted()
        .findFirst().orElseThrow();
    byte[][] bytes = new byte[1][];
    TarReader.read(tar, first::equals, (p, c) -> bytes[0] = c);
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes[0]));
    int rgb = img.getRGB(5, 7);
    assertEquals((rgb >> 16) & 0xFF, ds.rawByte(0, 7 * 32 + 5));
    assertEquals(rgb & 0xFF, ds.rawByte(0, 2 * 1024 + 7 * 32 + 5));
  }
}
