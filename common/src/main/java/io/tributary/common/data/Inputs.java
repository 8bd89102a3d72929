package io.tributary.common.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opening dataset files: gzip is recognised by its magic bytes, not by the file name. */
final class Inputs {
  private Inputs() {}

  /** A buffered stream over {@code file}, transparently gunzipped when the file is gzip. */
  static InputStream open(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "no such dataset file");
    }
    BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
    }
    return in;
  }

  /** Whether {@code file} starts with the gzip magic bytes. */
  static boolean isGzip(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.read() == 0x1f && in.read() == 0x8b;
    }
  }

  /**
   * Reads exactly {@code n} bytes into {@code buf} at {@code off}; returns the number read, which
   * is less than {@code n} only at end of stream. A truncated gzip stream surfaces as an
   * {@link EOFException} from the decompressor, which is reported the same way.
   */
  static int readUpTo(InputStream in, byte[] buf, int off, int n) throws IOException {
    int done = 0;
    try {
      while (done < n) {
        int r = in.read(buf, off + done, n - done);
        if (r < 0) {
          break;
        }
        done += r;
      }
    } catch (EOFException e) {
      return done;
    }
    return done;
  }
}
