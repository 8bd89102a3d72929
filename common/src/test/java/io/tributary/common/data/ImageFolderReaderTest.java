package io.tributary.common.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderReaderTest {
  @TempDir Path dir;

  /** A w x h PNG whose pixel (x, y) is RGB (base + x, base + y, base + x + y). */
  static byte[] png(int w, int h, int base) throws IOException {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, ((base + x) << 16) | ((base + y) << 8) | (base + x + y));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  static byte[] jpeg(int w, int h, int grey) throws IOException {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, (grey << 16) | (grey << 8) | grey);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "jpeg", out);
    return out.toByteArray();
  }

  @Test
  void readsClassFoldersInOrderWithExactPixels() throws IOException {
    Fixtures.write(dir.resolve("root/zebra/b.png"), png(4, 3, 20));
    Fixtures.write(dir.resolve("root/zebra/a.png"), png(4, 3, 10));
    Fixtures.write(dir.resolve("root/ant/x.png"), png(4, 3, 30));
    Fixtures.write(dir.resolve("root/ant/notes.txt"), "ignored".getBytes(StandardCharsets.UTF_8));
    LabeledDataset ds = new ImageFolderReader(3, 4).read(dir.resolve("root"));
    assertEquals(List.of("ant", "zebra"), ds.classNames());
    assertArrayEquals(new int[] {0, 1, 1}, ds.labels());
    assertArrayEquals(new int[] {3, 3, 4}, ds.sampleShape());
    // sample 1 is zebra/a.png (base 10): channel-major R, G, B planes
    int x = 2;
    int y = 1;
    assertEquals(10 + x, ds.rawByte(1, y * 4 + x));
    assertEquals(10 + y, ds.rawByte(1, 12 + y * 4 + x));
    assertEquals(10 + x + y, ds.rawByte(1, 24 + y * 4 + x));
  }

  @Test
  void resizesAndConvertsToGrey() throws IOException {
    Fixtures.write(dir.resolve("r/c/one.jpg"), jpeg(64, 48, 200));
    LabeledDataset ds = new ImageFolderReader(8, 8).grey().read(dir.resolve("r"));
    assertArrayEquals(new int[] {1, 8, 8}, ds.sampleShape());
    for (int k = 0; k < 64; k++) {
      assertEquals(200, ds.rawByte(0, k), 4.0); // JPEG is lossy, a flat image stays within a few levels
    }
  }

  @Test
  void limitPerClassKeepsFirstNames() throws IOException {
    for (int i = 0; i < 5; i++) {
      Fixtures.write(dir.resolve("r/a/" + i + ".png"), png(2, 2, i * 10));
    }
    LabeledDataset ds = new ImageFolderReader(2, 2).limitPerClass(2).threads(1).read(dir.resolve("r"));
    assertEquals(2, ds.size());
    assertEquals(0, ds.rawByte(0, 0));
    assertEquals(10, ds.rawByte(1, 0));
  }

  @Test
  void readsFromTarUnderPrefix() throws IOException {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put("set/train/b/1.png", png(2, 2, 50));
    m.put("set/train/a/1.png", png(2, 2, 60));
    m.put("set/test/a/1.png", png(2, 2, 70));
    m.put("set/README", "x".getBytes(StandardCharsets.UTF_8));
    Path tar = Fixtures.write(dir.resolve("set.tar.gz"), Fixtures.gzip(Fixtures.tar(m)));
    LabeledDataset ds = new ImageFolderReader(2, 2).readTar(tar, "set/train");
    assertEquals(List.of("a", "b"), ds.classNames());
    assertEquals(60, ds.rawByte(0, 0));
    assertEquals(50, ds.rawByte(1, 0));
    assertEquals("set-train", ds.name());
  }

  @Test
  void corruptImageAndUnknownClassAreNamed() throws IOException {
    Fixtures.write(dir.resolve("r/cat/ok.png"), png(2, 2, 1));
    Path bad = Fixtures.write(dir.resolve("r/cat/broken.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, 4});
    IOException e = assertThrows(IOException.class, () -> new ImageFolderReader(2, 2).read(dir.resolve("r")));
    assertTrue(e.getMessage().contains("cat/broken.jpg"), e.getMessage());
    Files.delete(bad);
    e = assertThrows(DatasetFormatException.class,
        () -> new ImageFolderReader(2, 2).classNames(List.of("dog")).read(dir.resolve("r")));
    assertTrue(e.getMessage().contains("'cat'"), e.getMessage());
    Files.createDirectories(dir.resolve("empty/none"));
    e = assertThrows(DatasetFormatException.class, () -> new ImageFolderReader(2, 2).read(dir.resolve("empty")));
    assertTrue(e.getMessage().contains("no images"), e.getMessage());
  }
}
