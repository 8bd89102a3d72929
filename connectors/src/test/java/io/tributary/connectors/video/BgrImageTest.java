package io.tributary.connectors.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BgrImageTest {
  @Test
  void pngIsLosslessAndJpegClose() {
    byte[] px = new byte[37 * 19 * 3];
    new Random(1).nextBytes(px);
    BgrImage img = new BgrImage(37, 19, px);
    BgrImage back = BgrImage.fromEncoded(img.toPng(), "png");
    assertEquals(37, back.width());
    assertArrayEquals(px, back.bgr());
    BgrImage smooth = new BgrImage(40, 30, new byte[40 * 30 * 3]).resize(20, 15);
    assertEquals(20, BgrImage.fromEncoded(smooth.toJpeg(0.9f), "jpeg").width());
  }

  @Test
  void cropsResizesAndRejectsBadInput() {
    byte[] px = new byte[4 * 2 * 3];
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) i;
    }
    BgrImage img = new BgrImage(4, 2, px);
    BgrImage c = img.crop(new Box(1, 1, 2, 1));
    assertArrayEquals(new byte[] {15, 16, 17, 18, 19, 20}, c.bgr());
    assertEquals(2, img.resize(2, 1).width());
    assertEquals(8, img.resize(8, 4).width());
    assertThrows(IllegalArgumentException.class, () -> new BgrImage(4, 2, new byte[5]));
    assertThrows(IllegalArgumentException.class, () -> img.crop(new Box(10, 10, 2, 2)));
    var e = assertThrows(IllegalArgumentException.class, () -> BgrImage.fromEncoded(new byte[] {1, 2, 3}, "crop 7"));
    assertTrue(e.getMessage().contains("crop 7"));
  }

  @Test
  void boxGeometry() {
    Box a = new Box(0, 0, 10, 10);
    Box b = new Box(5, 5, 10, 10);
    assertEquals(25, a.intersection(b));
    assertEquals(25.0 / 175, a.iou(b), 1e-9);
    assertEquals(new Box(0, 0, 12, 12), new Box(1, 1, 10, 10).pad(0.1, 100, 100));
    assertEquals(new Box(0, 0, 5, 5), new Box(-5, -5, 10, 10).clip(100, 100));
  }
}
