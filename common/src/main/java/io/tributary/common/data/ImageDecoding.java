package io.tributary.common.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decoding image bytes with {@code javax.imageio} and converting them to channel-major bytes.
 * Readers are cached per thread and format: looking a reader up and creating a file-cached
 * stream per image ({@code ImageIO.read}'s defaults) costs more than decoding a 32x32 JPEG.
 */
final class ImageDecoding {
  private static final ThreadLocal<Map<String, ImageReader>> READERS = ThreadLocal.withInitial(HashMap::new);

  private ImageDecoding() {}

  /** Decodes {@code bytes}; {@code what} names the source in error messages. */
  static BufferedImage decode(byte[] bytes, String what) throws IOException {
    String format = sniff(bytes);
    BufferedImage img;
    if (format == null) {
      img = ImageIO.read(new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes)));
    } else {
      ImageReader reader = READERS.get().computeIfAbsent(format, f -> {
        Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(f);
        return it.hasNext() ? it.next() : null;
      });
      if (reader == null) {
        throw new DatasetFormatException(what + ": no image reader for " + format);
      }
      try (MemoryCacheImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
        reader.setInput(in, true, true);
        img = reader.read(0);
      } catch (IOException | RuntimeException e) {
        throw new DatasetFormatException(what + ": cannot decode " + format + " image: " + e.getMessage(), e);
      } finally {
        reader.setInput(null);
      }
    }
    if (img == null) {
      throw new DatasetFormatException(what + ": not a readable image (JPEG, PNG, GIF or BMP expected)");
    }
    return img;
  }

  private static String sniff(byte[] b) {
    if (b.length > 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8) {
      return "jpeg";
    }
    if (b.length > 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
      return "png";
    }
    return null;
  }

  /**
   * Writes {@code img}, resized to {@code height x width} when needed (bilinear), as
   * {@code channels} (1 = grey, 3 = RGB) channel-major unsigned bytes into {@code dst} at
   * {@code off}.
   */
  static void toChannelMajor(BufferedImage img, int height, int width, int channels, byte[] dst, int off) {
    BufferedImage src = img;
    if (img.getWidth() != width || img.getHeight() != height) {
      boolean grey = img.getType() == BufferedImage.TYPE_BYTE_GRAY && channels == 1;
      BufferedImage scaled = new BufferedImage(width, height, grey ? BufferedImage.TYPE_BYTE_GRAY
          : BufferedImage.TYPE_INT_RGB);
      Graphics2D g = scaled.createGraphics();
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(img, 0, 0, width, height, null);
      g.dispose();
      src = scaled;
    }
    int plane = height * width;
    if (src.getType() == BufferedImage.TYPE_BYTE_GRAY) {
      // Read samples directly: getRGB would map the linear grey colour space to sRGB and brighten.
      Raster r = src.getRaster();
      int[] row = new int[width];
      for (int y = 0; y < height; y++) {
        r.getSamples(0, y, width, 1, 0, row);
        for (int x = 0; x < width; x++) {
          byte v = (byte) row[x];
          for (int c = 0; c < channels; c++) {
            dst[off + c * plane + y * width + x] = v;
          }
        }
      }
      return;
    }
    if (src.getType() == BufferedImage.TYPE_3BYTE_BGR
        && src.getRaster().getDataBuffer() instanceof DataBufferByte buffer
        && src.getRaster().getSampleModel() instanceof PixelInterleavedSampleModel sm
        && sm.getPixelStride() == 3 && Arrays.equals(sm.getBandOffsets(), new int[] {2, 1, 0})
        && buffer.getOffset() == 0 && src.getRaster().getSampleModelTranslateX() == 0
        && src.getRaster().getSampleModelTranslateY() == 0) {
      // What ImageIO's JPEG reader returns: read the interleaved BGR bytes directly, 15x cheaper
      // than getRGB's per-pixel colour-model calls.
      byte[] data = buffer.getData();
      int stride = sm.getScanlineStride();
      for (int y = 0; y < height; y++) {
        int row = y * stride;
        for (int x = 0; x < width; x++) {
          int i = row + 3 * x;
          int b = data[i] & 0xFF;
          int g = data[i + 1] & 0xFF;
          int r = data[i + 2] & 0xFF;
          int p = y * width + x;
          if (channels == 1) {
            dst[off + p] = (byte) ((299 * r + 587 * g + 114 * b + 500) / 1000);
          } else {
            dst[off + p] = (byte) r;
            dst[off + plane + p] = (byte) g;
            dst[off + 2 * plane + p] = (byte) b;
          }
        }
      }
      return;
    }
    int[] argb = src.getRGB(0, 0, width, height, null, 0, width);
    for (int p = 0; p < plane; p++) {
      int v = argb[p];
      int r = (v >> 16) & 0xFF;
      int g = (v >> 8) & 0xFF;
      int b = v & 0xFF;
      if (channels == 1) {
        dst[off + p] = (byte) ((299 * r + 587 * g + 114 * b + 500) / 1000);
      } else {
        dst[off + p] = (byte) r;
        dst[off + plane + p] = (byte) g;
        dst[off + 2 * plane + p] = (byte) b;
      }
    }
  }
}
