package io.tributary.common.link;

import io.tributary.common.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files holding secrets (key stores, their passwords) and the directories they live in: created
 * owner-only from the first moment, never widened afterwards, so no other user can open one
 * between its creation and a later {@code chmod}. Writes go to a private temporary file in the
 * same directory that is then renamed over the target, so a reader never sees half a file. On a
 * file system without POSIX permissions the files are written the same way, without them.
 */
public final class SecretFiles {
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

  private SecretFiles() {}

  /** Writes what {@code content} produces to an output stream. */
  @FunctionalInterface
  public interface Content {
    /** Writes the file's bytes to {@code out}. */
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Creates {@code dir} (and missing parents, with default permissions) readable only by its
   * owner; an existing directory is restricted to its owner.
   */
  public static Path createPrivateDirectory(Path dir) throws IOException {
    Path abs = dir.toAbsolutePath();
    if (abs.getParent() != null) {
      Files.createDirectories(abs.getParent());
    }
    if (!posix(abs.getParent())) {
      return Files.createDirectories(abs);
    }
    try {
      Files.createDirectory(abs, PosixFilePermissions.asFileAttribute(DIRECTORY));
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(abs)) {
        throw new IOException("cannot create directory " + abs + ": a file of that name exists", e);
      }
      Files.setPosixFilePermissions(abs, DIRECTORY);
    }
    return abs;
  }

  /** Writes {@code bytes} to {@code file}, owner-only from creation, replacing it atomically. */
  public static void write(Path file, byte[] bytes) throws IOException {
    write(file, out -> out.write(bytes));
  }

  /** Writes {@code content} to {@code file}, owner-only from creation, replacing it atomically. */
  public static void write(Path file, Content content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    FileAttribute<?>[] attrs = posix(dir)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
    AtomicFiles.write(file, tmp -> {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        content.writeTo(out);
      }
    }, attrs);
  }

  /** Deletes {@code dir} and everything under it; nothing happens when it does not exist. */
  public static void deleteTree(Path dir) throws IOException {
    AtomicFiles.deleteRecursively(dir);
  }

  private static boolean posix(Path dir) {
    return dir != null && Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null;
  }
}
