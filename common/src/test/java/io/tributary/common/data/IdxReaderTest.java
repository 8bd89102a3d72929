package io.tributary.common.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
  @TempDir Path dir;

  private static byte[] pixels(int n, int rows, int cols) {
    byte[] p = new byte[n * rows * cols];
    for (int i = 0; i < p.length; i++) {
      p[i] = (byte) (i * 7 + 3);
    }
    return p;
  }

  @Test
  void readsRawAndGzipPairs() throws IOException {
    byte[] px = pixels(3, 4, 5);
    Path images = Fixtures.write(dir.resolve("train-images-idx3-ubyte"), Fixtures.idx(new int[] {3, 4, 5}, px));
    Path labels = Fixtures.write(dir.resolve("train-labels-idx1-ubyte.gz"),
        Fixtures.gzip(Fixtures.idx(new int[] {3}, new byte[] {7, 0, 9})));
    LabeledDataset ds = IdxReader.readPair(images, labels);
    assertEquals(3, ds.size());
    assertArrayEquals(new int[] {1, 4, 5}, ds.sampleShape());
    assertArrayEquals(new int[] {7, 0, 9}, ds.labels());
    assertEquals(IdxReader.DIGITS, ds.classNames());
    assertEquals("mnist-train", ds.name());
    assertEquals(px[20 + 13] & 0xFF, ds.rawByte(1, 13));
  }

  @Test
  void fashionPathsGetFashionClassNames() throws IOException {
    Path images = Fixtures.write(dir.resolve("fashion/t10k-images-idx3-ubyte.gz"),
        Fixtures.gzip(Fixtures.idx(new int[] {1, 2, 2}, new byte[4])));
    Path labels = Fixtures.write(dir.resolve("fashion/t10k-labels-idx1-ubyte.gz"),
        Fixtures.gzip(Fixtures.idx(new int[] {1}, new byte[] {9})));
    LabeledDataset ds = IdxReader.readPair(images, labels);
    assertEquals("Ankle boot", ds.classNames().get(ds.label(0)));
    assertEquals("fashion-mnist-test", ds.name());
  }

  @Test
  void badMagicNumberIsNamed() throws IOException {
    byte[] f = Fixtures.idx(new int[] {2}, new byte[] {1, 2});
    f[0] = 0x1f; // not zero
    Path p = Fixtures.write(dir.resolve("labels"), f);
    DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> IdxReader.read(p));
    assertTrue(e.getMessage().contains(p.toString()) && e.getMessage().contains("magic"), e.getMessage());

    byte[] g = Fixtures.idx(new int[] {2}, new byte[] {1, 2});
    g[2] = 0x0D; // float data
    Path q = Fixtures.write(dir.resolve("floats"), g);
    e = assertThrows(DatasetFormatException.class, () -> IdxReader.read(q));
    assertTrue(e.getMessage().contains("0x0d"), e.getMessage());
  }

  @Test
  void truncatedFilesAreNamedRawAndGzip() throws IOException {
    byte[] full = Fixtures.idx(new int[] {4, 3, 3}, pixels(4, 3, 3));
    byte[] cut = Arrays.copyOf(full, full.length - 5);
    Path raw = Fixtures.write(dir.resolve("raw-images"), cut);
    DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> IdxReader.read(raw));
    assertTrue(e.getMessage().startsWith(raw.toString()) && e.getMessage().contains("truncated"), e.getMessage());

    byte[] gz = Fixtures.gzip(full);
    Path gzCut = Fixtures.write(dir.resolve("gz-images.gz"), Arrays.copyOf(gz, gz.length / 2));
    e = assertThrows(DatasetFormatException.class, () -> IdxReader.read(gzCut));
    assertTrue(e.getMessage().startsWith(gzCut.toString()) && e.getMessage().contains("truncated"), e.getMessage());

    Path header = Fixtures.write(dir.resolve("short-header"), Arrays.copyOf(full, 7));
    e = assertThrows(DatasetFormatException.class, () -> IdxReader.read(header));
    assertTrue(e.getMessage().contains("header"), e.getMessage());
  }

  @Test
  void wrongSizesAreRejected() throws IOException {
    Path images = Fixtures.write(dir.resolve("images"), Fixtures.idx(new int[] {3, 2, 2}, new byte[12]));
    Path labels = Fixtures.write(dir.resolve("labels"), Fixtures.idx(new int[] {2}, new byte[] {1, 1}));
    DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> IdxReader.readPair(images, labels));
    assertTrue(e.getMessage().contains("3 images") && e.getMessage().contains("2 labels"), e.getMessage());

    byte[] extra = Fixtures.idx(new int[] {2}, new byte[] {1, 1, 1});
    Path trailing = Fixtures.write(dir.resolve("trailing"), extra);
    e = assertThrows(DatasetFormatException.class, () -> IdxReader.read(trailing));
    assertTrue(e.getMessage().contains("wrong sizes"), e.getMessage());

    // labels given as the images file: dimensionality is checked
    e = assertThrows(DatasetFormatException.class, () -> IdxReader.readPair(labels, labels));
    assertTrue(e.getMessage().contains("3-dimensional"), e.getMessage());
  }

  @Test
  void labelOutOfRangeIsNamed() throws IOException {
    Path images = Fixtures.write(dir.resolve("images"), Fixtures.idx(new int[] {2, 2, 2}, new byte[8]));
    Path labels = Fixtures.write(dir.resolve("labels"), Fixtures.idx(new int[] {2}, new byte[] {3, 10}));
    DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> IdxReader.readPair(images, labels));
    assertTrue(e.getMessage().startsWith(labels.toString()) && e.getMessage().contains("label 10 of item 1"),
        e.getMessage());
  }

  @Test
  void realFashionMnistTestSplit() throws IOException {
    Assumptions.assumeTrue(DatasetLocator.fashionMnist().isPresent(), "Fashion-MNIST not installed");
    LabeledDataset ds = DatasetLocator.loadFashionMnist(false);
    assertEquals(10_000, ds.size());
    assertArrayEquals(new int[] {1, 28, 28}, ds.sampleShape());
    for (long c : ds.classHistogram()) {
      assertEquals(1000, c); // the test split is balanced
    }
    assertEquals(IdxReader.FASHION_MNIST_CLASSES, ds.classNames());
    double mean = meanPixel(ds, 500);
    assertTrue(mean > 0.2 && mean < 0.4, "Fashion-MNIST mean pixel is about 0.29, got " + mean);
  }

  @Test
  void realMnistTestSplit() throws IOException {
    Assumptions.assumeTrue(DatasetLocator.mnist().isPresent(), "MNIST not installed");
    LabeledDataset ds = DatasetLocator.loadMnist(false);
    assertEquals(10_000, ds.size());
    assertEquals(980, ds.classHistogram()[0]); // MNIST's test split has 980 zeros
    double mean = meanPixel(ds, 500);
    assertTrue(mean > 0.1 && mean < 0.16, "MNIST mean pixel is about 0.13, got " + mean);
  }

  private static double meanPixel(LabeledDataset ds, int samples) {
    float[] f = ds.batchFeatures(IntStream.range(0, samples).toArray());
    double s = 0;
    for (float v : f) {
      s += v;
    }
    return s / f.length;
  }
}
