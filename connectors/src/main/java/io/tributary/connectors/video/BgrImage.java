package io.tributary.connectors.video;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * An 8-bit BGR image in row-major, interleaved order without row padding: the pixel layout FFmpeg
 * delivers with {@code AV_PIX_FMT_BGR24}, OpenCV uses, and Java2D's {@code TYPE_3BYTE_BGR} stores.
 */
public final class BgrImage implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final ThreadLocal<ImageWriter> JPEG_WRITER = ThreadLocal.withInitial(() -> {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
    return writers.next();
  });

  private final int width;
  private final int height;
  private final byte[] bgr;

  public BgrImage(int width, int height, byte[] bgr) {
    if (width <= 0 || height <= 0 || bgr == null || bgr.length != width * height * 3) {
      throw new IllegalArgumentException("BGR image " + width + "x" + height + " needs "
          + (long) width * height * 3 + " bytes, got " + (bgr == null ? "null" : bgr.length));
    }
    this.width = width;
    this.height = height;
    this.bgr = bgr;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** The pixel bytes (not copied: callers must not modify them). */
  public byte[] bgr() {
    return bgr;
  }

  /** The pixels inside {@code box} (clipped to the image) as a new image. */
  public BgrImage crop(Box box) {
    Box b = box.clip(width, height);
    if (b.w() == 0 || b.h() == 0) {
      throw new IllegalArgumentException("crop " + box + " is outside the " + width + "x" + height
          + " image");
    }
    byte[] out = new byte[b.w() * b.h() * 3];
    for (int r = 0; r < b.h(); r++) {
      System.arraycopy(bgr, ((b.y() + r) * width + b.x()) * 3, out, r * b.w() * 3, b.w() * 3);
    }
    return new BgrImage(b.w(), b.h(), out);
  }

  /**
   * This image resized to {@code w x h} by box filtering (area averaging) when shrinking and
   * bilinear interpolation when growing; cheap, deterministic, and free of aliasing for the small
   * model inputs Focus uses.
   */
  public BgrImage resize(int w, int h) {
    if (w == width && h == height) {
      return this;
    }
    byte[] out = new byte[w * h * 3];
    double sx = (double) width / w;
    double sy = (double) height / h;
    if (sx >= 1 && sy >= 1) {
      for (int oy = 0; oy < h; oy++) {
        int y0 = (int) (oy * sy);
        int y1 = Math.max(y0 + 1, (int) ((oy + 1) * sy));
        for (int ox = 0; ox < w; ox++) {
          int x0 = (int) (ox * sx);
          int x1 = Math.max(x0 + 1, (int) ((ox + 1) * sx));
          int b = 0, g = 0, r = 0, n = 0;
          for (int yy = y0; yy < y1 && yy < height; yy++) {
            int idx = (yy * width + x0) * 3;
            for (int xx = x0; xx < x1 && xx < width; xx++) {
              b += bgr[idx] & 0xff;
              g += bgr[idx + 1] & 0xff;
              r += bgr[idx + 2] & 0xff;
              idx += 3;
              n++;
            }
          }
          int o = (oy * w + ox) * 3;
          out[o] = (byte) ((b + n / 2) / n);
          out[o + 1] = (byte) ((g + n / 2) / n);
          out[o + 2] = (byte) ((r + n / 2) / n);
        }
      }
    } else {
      for (int oy = 0; oy < h; oy++) {
        double fy = Math.max(0, (oy + 0.5) * sy - 0.5);
        int y0 = Math.min(height - 1, (int) fy);
        int y1 = Math.min(height - 1, y0 + 1);
        double wy = fy - y0;
        for (int ox = 0; ox < w; ox++) {
          double fx = Math.max(0, (ox + 0.5) * sx - 0.5);
          int x0 = Math.min(width - 1, (int) fx);
          int x1 = Math.min(width - 1, x0 + 1);
          double wx = fx - x0;
          for (int c = 0; c < 3; c++) {
            double v00 = bgr[(y0 * width + x0) * 3 + c] & 0xff;
            double v01 = bgr[(y0 * width + x1) * 3 + c] & 0xff;
            double v10 = bgr[(y1 * width + x0) * 3 + c] & 0xff;
            double v11 = bgr[(y1 * width + x1) * 3 + c] & 0xff;
            double v = (v00 * (1 - wx) + v01 * wx) * (1 - wy) + (v10 * (1 - wx) + v11 * wx) * wy;
            out[(oy * w + ox) * 3 + c] = (byte) Math.min(255, Math.round(v));
          }
        }
      }
    }
    return new BgrImage(w, h, out);
  }

  /** A copy as a Java2D image of type {@code TYPE_3BYTE_BGR} (same byte order). */
  public BufferedImage toBufferedImage() {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    byte[] dst = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    System.arraycopy(bgr, 0, dst, 0, bgr.length);
    return img;
  }

  /** The pixels of a Java2D image (any type), converted to BGR. */
  public static BgrImage of(BufferedImage img) {
    BufferedImage src = img;
    if (img.getType() != BufferedImage.TYPE_3BYTE_BGR) {
      src = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
      src.getGraphics().drawImage(img, 0, 0, null);
    }
    byte[] data = ((DataBufferByte) src.getRaster().getDataBuffer()).getData();
    return new BgrImage(src.getWidth(), src.getHeight(), data.clone());
  }

  /** JPEG bytes at {@code quality} in (0, 1]. */
  public byte[] toJpeg(float quality) {
    try {
      // Looking the writer up is far dearer than encoding a small crop: keep one per thread.
      ImageWriter writer = JPEG_WRITER.get();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(width * height / 2 + 1024);
      try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
        writer.setOutput(out);
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        writer.write(null, new IIOImage(toBufferedImage(), null, null), param);
      } finally {
        writer.reset();
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("JPEG encoding of a " + width + "x" + height + " image failed", e);
    }
  }

  /**
   * PNG bytes (lossless): 8-bit RGB, no row filters, fastest deflate. Written directly rather than
   * through ImageIO, whose writer costs more than the compression for small crops.
   */
  public byte[] toPng() {
    try {
      ByteArrayOutputStream raw = new ByteArrayOutputStream(height * (width * 3 + 1));
      byte[] row = new byte[width * 3 + 1];
      for (int y = 0; y < height; y++) {
        row[0] = 0; // filter: none
        int o = y * width * 3;
        for (int x = 0, i = 1; x < width; x++, o += 3, i += 3) {
          row[i] = bgr[o + 2];
          row[i + 1] = bgr[o + 1];
          row[i + 2] = bgr[o];
        }
        raw.write(row);
      }
      Deflater deflater = new Deflater(Deflater.BEST_SPEED);
      byte[] zin = raw.toByteArray();
      deflater.setInput(zin);
      deflater.finish();
      ByteArrayOutputStream z = new ByteArrayOutputStream(zin.length / 2 + 64);
      byte[] buf = new byte[8192];
      while (!deflater.finished()) {
        z.write(buf, 0, deflater.deflate(buf));
      }
      deflater.end();
      ByteArrayOutputStream out = new ByteArrayOutputStream(z.size() + 64);
      DataOutputStream d = new DataOutputStream(out);
      d.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
      ByteArrayOutputStream ihdr = new ByteArrayOutputStream(13);
      DataOutputStream h = new DataOutputStream(ihdr);
      h.writeInt(width);
      h.writeInt(height);
      h.write(new byte[] {8, 2, 0, 0, 0}); // 8 bits, truecolour, deflate, no filter method, no interlace
      pngChunk(d, "IHDR", ihdr.toByteArray());
      pngChunk(d, "IDAT", z.toByteArray());
      pngChunk(d, "IEND", new byte[0]);
      return out.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("PNG encoding of a " + width + "x" + height + " image failed", e);
    }
  }

  private static void pngChunk(DataOutputStream d, String type, byte[] data) throws IOException {
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    d.writeInt(data.length);
    d.write(t);
    d.write(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    d.writeInt((int) crc.getValue());
  }

  /** Decodes JPEG (or PNG) bytes; fails with a message naming {@code what} when they are not an image. */
  public static BgrImage fromEncoded(byte[] encoded, String what) {
    try {
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(encoded));
      if (img == null) {
        throw new IllegalArgumentException(what + ": bytes are not a JPEG/PNG image");
      }
      return of(img);
    } catch (IOException e) {
      throw new IllegalArgumentException(what + ": cannot decode image: " + e.getMessage(), e);
    }
  }
}
