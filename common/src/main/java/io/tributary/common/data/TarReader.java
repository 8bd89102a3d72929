package io.tributary.common.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A small streaming reader for tar archives (plain or gzip-compressed, recognised by content), so
 * datasets shipped as {@code .tar} / {@code .tar.gz} can be read without extracting them. It
 * understands POSIX ustar (with the name prefix field), GNU long names ({@code 'L'} entries) and
 * pax {@code path} records, which covers archives written by GNU tar, bsdtar and Python's tarfile.
 * Only regular files are handed to the caller; every header's checksum is verified.
 */
public final class TarReader {
  private static final int BLOCK = 512;

  private TarReader() {}

  /** Receives one regular file of the archive. */
  @FunctionalInterface
  public interface EntryHandler {
    /**
     * @param path the entry's path inside the archive, with {@code /} separators, no leading {@code ./}
     * @param content the file's bytes
     */
    void entry(String path, byte[] content) throws IOException;
  }

  /**
   * Streams through {@code archive} and hands every regular file whose path satisfies
   * {@code wanted} to {@code handler}, in archive order. Unwanted entries are skipped unread.
   *
   * @throws DatasetFormatException naming the archive and entry when the archive is truncated or a
   *     header is corrupt
   */
  public static void read(Path archive, Predicate<String> wanted, EntryHandler handler) throws IOException {
    // Skipping an unread entry seeks in a plain file and may pass its end silently: compare
    // offsets with the file size instead. (Gzip streams report their end while skipping.)
    long fileSize = Inputs.isGzip(archive) ? -1 : Files.size(archive);
    try (InputStream in = Inputs.open(archive)) {
      byte[] header = new byte[BLOCK];
      String longName = null;
      long offset = 0;
      int zeroBlocks = 0;
      while (true) {
        int got = Inputs.readUpTo(in, header, 0, BLOCK);
        if (got == 0 && offset > 0) {
          return; // some writers omit the two trailing zero blocks
        }
        if (got < BLOCK) {
          throw DatasetFormatException.of(archive, "truncated tar: incomplete header at byte " + offset);
        }
        offset += BLOCK;
        if (isZero(header)) {
          if (++zeroBlocks == 2) {
            return;
          }
          continue;
        }
        zeroBlocks = 0;
        verifyChecksum(archive, header, offset - BLOCK);
        long size = parseSize(archive, header, offset - BLOCK);
        char type = (char) header[156];
        String name = longName != null ? longName : headerName(header);
        longName = null;
        boolean regular = type == '0' || type == '\0' || type == '7';
        boolean meta = type == 'L' || type == 'x';
        if (size > Integer.MAX_VALUE - 16) {
          throw DatasetFormatException.of(archive, "entry " + name + " is " + size + " bytes, too large to read");
        }
        byte[] content = null;
        if (meta || (regular && wanted.test(normalise(name)))) {
          content = new byte[(int) size];
          if (Inputs.readUpTo(in, content, 0, (int) size) < size) {
            throw DatasetFormatException.of(archive, "truncated tar: entry " + name + " declares " + size
                + " bytes but the archive ends first");
          }
          skipFully(archive, in, padding(size), name);
        } else {
          skipFully(archive, in, size + padding(size), name);
        }
        offset += size + padding(size);
        if (fileSize >= 0 && offset > fileSize) {
          throw DatasetFormatException.of(archive, "truncated tar: the archive ends inside entry " + name + " ("
              + fileSize + " bytes, entry ends at byte " + offset + ")");
        }
        if (type == 'L') {
          longName = cString(content, 0, content.length);
        } else if (type == 'x') {
          longName = paxPath(content);
        } else if (content != null) {
          handler.entry(normalise(name), content);
        }
      }
    } catch (EOFException e) {
      throw DatasetFormatException.of(archive, "truncated archive: " + e.getMessage());
    }
  }

  /** Paths of all regular files in {@code archive}, in archive order. */
  public static List<String> list(Path archive) throws IOException {
    List<String> out = new ArrayList<>();
    // Listing reads headers only; the predicate refuses every body.
    read(archive, p -> {
      out.add(p);
      return false;
    }, (p, c) -> { });
    return out;
  }

  private static String normalise(String name) {
    String n = name;
    while (n.startsWith("./")) {
      n = n.substring(2);
    }
    return n;
  }

  private static long padding(long size) {
    return (BLOCK - size % BLOCK) % BLOCK;
  }

  private static void skipFully(Path archive, InputStream in, long n, String entry) throws IOException {
    long left = n;
    while (left > 0) {
      long s = in.skip(left);
      if (s <= 0) {
        if (in.read() < 0) {
          throw DatasetFormatException.of(archive, "truncated tar: the archive ends inside entry " + entry);
        }
        s = 1;
      }
      left -= s;
    }
  }

  private static boolean isZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private static void verifyChecksum(Path archive, byte[] h, long at) throws IOException {
    long stored = parseOctal(h, 148, 8);
    long sum = 0;
    for (int i = 0; i < BLOCK; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xFF);
    }
    if (stored != sum) {
      throw DatasetFormatException.of(archive, "corrupt tar header at byte " + at + " (checksum " + stored
          + " but header sums to " + sum + "): not a tar archive, or damaged");
    }
  }

  private static long parseSize(Path archive, byte[] h, long at) throws IOException {
    if ((h[124] & 0x80) != 0) { // GNU base-256 for sizes >= 8 GiB
      long v = 0;
      for (int i = 125; i < 136; i++) {
        v = (v << 8) | (h[i] & 0xFF);
      }
      return v;
    }
    long v = parseOctal(h, 124, 12);
    if (v < 0) {
      throw DatasetFormatException.of(archive, "corrupt tar header at byte " + at + ": bad size field");
    }
    return v;
  }

  private static long parseOctal(byte[] h, int off, int len) {
    long v = 0;
    int i = off;
    int end = off + len;
    while (i < end && (h[i] == ' ' || h[i] == 0)) {
      i++;
    }
    boolean any = false;
    for (; i < end; i++) {
      byte c = h[i];
      if (c == 0 || c == ' ') {
        break;
      }
      if (c < '0' || c > '7') {
        return -1;
      }
      v = v * 8 + (c - '0');
      any = true;
    }
    return any ? v : 0;
  }

  private static String headerName(byte[] h) {
    String name = cString(h, 0, 100);
    boolean ustar = h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a' && h[261] == 'r';
    if (ustar) {
      String prefix = cString(h, 345, 155);
      if (!prefix.isEmpty()) {
        return prefix + "/" + name;
      }
    }
    return name;
  }

  private static String cString(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && b[end] != 0) {
      end++;
    }
    return new String(b, off, end - off, StandardCharsets.UTF_8);
  }

  /** The {@code path} record of a pax extended header, or null. Records are "LEN key=value\n". */
  private static String paxPath(byte[] content) {
    String s = new String(content, StandardCharsets.UTF_8);
    for (String line : s.split("\n")) {
      int sp = line.indexOf(' ');
      if (sp > 0 && line.startsWith("path=", sp + 1)) {
        return line.substring(sp + 1 + 5);
      }
    }
    return null;
  }
}
