package io.tributary.common.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secret files are owner-only from creation, replaced atomically, and removable as a tree. */
class SecretFilesTest {

  @Test
  void aSecretIsOwnerOnlyEvenWhenItReplacesAReadableFile(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("secret");
    Files.writeString(f, "old");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
    SecretFiles.write(f, new byte[] {1, 2, 3});
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(f));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of(f), s.toList(), "no temporary file is left behind");
    }
  }

  @Test
  void aFailedWriteLeavesTheOldFileAndNoTemporary(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("secret");
    SecretFiles.write(f, new byte[] {7});
    assertThrows(IOException.class, () -> SecretFiles.write(f, out -> {
      out.write(9);
      throw new IOException("the key store could not be encoded");
    }));
    assertArrayEquals(new byte[] {7}, Files.readAllBytes(f), "readers never see a half-written secret");
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of(f), s.toList());
    }
  }

  @Test
  void privateDirectoriesAreOwnerOnlyAndTreesAreRemoved(@TempDir Path dir) throws IOException {
    Path tls = SecretFiles.createPrivateDirectory(dir.resolve("run").resolve("tls"));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tls)));
    Files.setPosixFilePermissions(tls, PosixFilePermissions.fromString("rwxrwxrwx"));
    SecretFiles.createPrivateDirectory(tls);
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tls)), "an open one is closed");
    SecretFiles.write(tls.resolve("a.p12"), new byte[] {1});
    SecretFiles.write(tls.resolve("sub").resolve("b"), new byte[] {2});
    SecretFiles.deleteTree(tls);
    assertFalse(Files.exists(tls));
    assertTrue(Files.isDirectory(dir.resolve("run")), "only the tree named is removed");
    SecretFiles.deleteTree(tls); // gone already: nothing to do
  }
}
