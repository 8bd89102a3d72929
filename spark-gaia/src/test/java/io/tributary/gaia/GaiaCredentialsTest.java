package io.tributary.gaia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.link.EndpointCredentials;
import io.tributary.gaia.launch.GaiaLauncher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's credentials directory: owner-only throughout, and usable by the data centres. */
class GaiaCredentialsTest {

  @Test
  void credentialsDirectoryAndEveryFileAreOwnerOnly(@TempDir Path out) throws Exception {
    Path tls = GaiaLauncher.writeCredentials(out.resolve("run").resolve("tls"), "run", List.of("dc0", "dc1"));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tls)));
    List<Path> files;
    try (Stream<Path> s = Files.list(tls)) {
      files = s.sorted().toList();
    }
    assertEquals(List.of("ca.pem", "dc0.p12", "dc1.p12", "keystore.pass"),
        files.stream().map(p -> p.getFileName().toString()).toList(), "no temporary files are left behind");
    for (Path f : files) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
    }
    char[] pw = Files.readString(tls.resolve("keystore.pass"), StandardCharsets.UTF_8).strip().toCharArray();
    EndpointCredentials dc1 = EndpointCredentials.load(tls.resolve("dc1.p12"), pw, tls.resolve("ca.pem"));
    assertEquals("dc1", dc1.id());
  }

  @Test
  void rewritingIntoAnOpenDirectoryClosesIt(@TempDir Path out) throws Exception {
    Path tls = Files.createDirectories(out.resolve("tls"));
    Files.setPosixFilePermissions(tls, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path stale = tls.resolve("keystore.pass");
    Files.writeString(stale, "old password\n");
    Files.setPosixFilePermissions(stale, PosixFilePermissions.fromString("rw-r--r--"));
    GaiaLauncher.writeCredentials(tls, "again", List.of("dc0", "dc1"));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tls)));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(stale)));
    assertTrue(!Files.readString(stale).contains("old password"), "the password was replaced");
  }
}
