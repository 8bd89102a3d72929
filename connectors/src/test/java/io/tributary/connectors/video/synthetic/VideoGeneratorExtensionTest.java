package io.tributary.connectors.video.synthetic;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator picks the container by extension, so one it has no container for is refused, naming the file. */
class VideoGeneratorExtensionTest {
  @TempDir Path dir;

  @Test
  void anUnsupportedExtensionIsRefusedAndNothingIsWritten() {
    Path txt = dir.resolve("x.txt");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> VideoGenerator.generate(SceneConfig.defaults().withDuration(1), txt));

    assertTrue(e.getMessage().contains(txt.toString()) && e.getMessage().contains(".mp4"), e.getMessage());
    assertFalse(Files.exists(txt));
    assertFalse(Files.exists(dir.resolve("x.txt.partial")));
  }
}
