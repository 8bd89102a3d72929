package io.tributary.common.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;

/**
 * Writes outputs so that a reader, or a run killed mid-write, sees the previous file or the new
 * one, never a part: the content goes to a hidden temporary file (or folder) in the same directory,
 * which is then renamed over the target. A failed write deletes its temporary and leaves the
 * previous output as it was.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes content into a path that does not exist yet (a temporary file or folder). */
  @FunctionalInterface
  public interface Writer {
    /** Writes the output at {@code tmp}. */
    void writeTo(Path tmp) throws IOException;
  }

  /**
   * Writes {@code file} through {@code writer}, which writes a temporary file in the same directory
   * that then replaces {@code file} in one rename. Creates the parent directories.
   */
  public static void write(Path file, Writer writer) throws IOException {
    write(file, writer, new FileAttribute<?>[0]);
  }

  /**
   * As {@link #write(Path, Writer)}, the temporary file created with {@code attributes} (e.g.
   * owner-only permissions, which then hold from the first byte written).
   */
  public static void write(Path file, Writer writer, FileAttribute<?>... attributes) throws IOException {
    Path dir = parentOf(file);
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp", attributes);
    try {
      writer.writeTo(tmp);
      move(tmp, file);
    } catch (IOException | RuntimeException | Error e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
  }

  /** Writes {@code text} (UTF-8) to {@code file} atomically. */
  public static void writeString(Path file, CharSequence text) throws IOException {
    write(file, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
  }

  /** Writes {@code bytes} to {@code file} atomically. */
  public static void writeBytes(Path file, byte[] bytes) throws IOException {
    write(file, tmp -> Files.write(tmp, bytes));
  }

  /**
   * Replaces the folder {@code dir} (e.g. a Parquet output Spark writes as a folder of part files)
   * with the one {@code writer} creates at a temporary path beside it. If the writer fails, the
   * previous folder is untouched. Folders cannot be renamed over non-empty ones, so the previous
   * folder is first renamed aside and deleted once the new one is in place: only a crash between
   * those two renames leaves no folder at {@code dir}, and the previous one then survives beside
   * it as {@code .<name>.old-*}.
   *
   * @param writer writes the folder at the path it is given, which does not exist yet (Spark's
   *     writers create it)
   */
  public static void replaceDirectory(Path dir, Writer writer) throws IOException {
    Path parent = parentOf(dir);
    Files.createDirectories(parent);
    String name = dir.getFileName().toString();
    Path holder = Files.createTempDirectory(parent, "." + name + ".tmp-");
    Path fresh = holder.resolve(name);
    try {
      writer.writeTo(fresh);
      if (!Files.isDirectory(fresh)) {
        throw new IOException("writing " + dir + " produced no folder");
      }
      Path old = null;
      if (Files.exists(dir)) {
        old = holder.resolveSibling("." + name + ".old-" + holder.getFileName().toString().substring(name.length() + 6));
        move(dir, old);
      }
      move(fresh, dir);
      if (old != null) {
        deleteRecursively(old);
      }
    } finally {
      deleteRecursively(holder);
    }
  }

  /** Deletes a file or folder tree; nothing when it does not exist. */
  public static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(p, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
        Files.deleteIfExists(f);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE;
        }
        throw e;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        Files.deleteIfExists(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      // Same directory, so only exotic file systems get here; a plain rename is the best they offer.
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static Path parentOf(Path p) {
    Path parent = p.toAbsolutePath().getParent();
    if (parent == null) {
      throw new IllegalArgumentException("cannot write the root " + p);
    }
    return parent;
  }
}
