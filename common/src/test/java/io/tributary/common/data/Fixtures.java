package io.tributary.common.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Writers for tiny, valid (or deliberately broken) dataset files used by the reader tests. */
final class Fixtures {
  private Fixtures() {}

  /** An IDX file of unsigned bytes with the given dimensions. */
  static byte[] idx(int[] dims, byte[] values) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0);
    out.write(0);
    out.write(0x08);
    out.write(dims.length);
    for (int d : dims) {
      out.write(d >>> 24);
      out.write(d >>> 16);
      out.write(d >>> 8);
      out.write(d);
    }
    out.writeBytes(values);
    return out.toByteArray();
  }

  static byte[] gzip(byte[] raw) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
      gz.write(raw);
    }
    return bos.toByteArray();
  }

  static Path write(Path file, byte[] content) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.write(file, content);
  }

  /**
   * A ustar archive of the given entries (in map order). Names over 100 characters go in the
   * ustar prefix field when they can, else as a GNU long-name entry.
   */
  static byte[] tar(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
      String name = e.getKey();
      byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
      String prefix = "";
      if (nameBytes.length > 100) {
        int slash = name.lastIndexOf('/', name.length() - 1);
        if (slash > 0 && slash <= 155 && name.length() - slash - 1 <= 100) {
          prefix = name.substring(0, slash);
          name = name.substring(slash + 1);
        } else {
          byte[] longName = (name + "\0").getBytes(StandardCharsets.UTF_8);
          out.writeBytes(header("././@LongLink", "", longName.length, 'L'));
          writePadded(out, longName);
          name = name.substring(0, 100);
        }
      }
      out.writeBytes(header(name, prefix, e.getValue().length, '0'));
      writePadded(out, e.getValue());
    }
    out.writeBytes(new byte[1024]);
    return out.toByteArray();
  }

  private static void writePadded(ByteArrayOutputStream out, byte[] content) {
    out.writeBytes(content);
    int pad = (512 - content.length % 512) % 512;
    out.writeBytes(new byte[pad]);
  }

  static byte[] header(String name, String prefix, long size, char type) {
    byte[] h = new byte[512];
    put(h, 0, name);
    put(h, 100, "0000644");
    put(h, 108, "0000000");
    put(h, 116, "0000000");
    put(h, 124, String.format("%011o", size));
    put(h, 136, "00000000000");
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    h[156] = (byte) type;
    put(h, 257, "ustar");
    h[263] = '0';
    h[264] = '0';
    put(h, 345, prefix);
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xFF;
    }
    put(h, 148, String.format("%06o", sum));
    h[154] = 0;
    h[155] = ' ';
    return h;
  }

  private static void put(byte[] h, int off, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(b, 0, h, off, b.length);
  }

  static void copy(byte[] content, OutputStream out) throws IOException {
    out.write(content);
  }
}
