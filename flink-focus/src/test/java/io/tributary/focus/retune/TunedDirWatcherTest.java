package io.tributary.focus.retune;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.focus.ingest.IngestConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TunedDirWatcher}: new content only, bad files reported once naming them, missing folders refused. */
class TunedDirWatcherTest {
  @TempDir Path dir;

  @Test
  void reportsABadTunedFileOnceAndIgnoresUnchangedContent() throws Exception {
    assertThrows(IOException.class, () -> new TunedDirWatcher(dir.resolve("absent")));
    Files.writeString(dir.resolve(TunedDirWatcher.FILE), "top_k=2\n");
    TunedDirWatcher w = new TunedDirWatcher(dir);
    IngestConfig cfg = IngestConfig.defaults();
    assertTrue(w.poll(cfg).isEmpty(), "the file present at start counts as seen");
    Files.writeString(dir.resolve(TunedDirWatcher.FILE), "top_k=x\n");
    var e = assertThrows(IOException.class, () -> w.poll(cfg));
    assertTrue(e.getMessage().contains(TunedDirWatcher.FILE), e.getMessage());
    assertTrue(w.poll(cfg).isEmpty(), "the same bad content is not reported again");
  }
}
