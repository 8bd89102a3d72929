package io.tributary.focus.retune;

import io.tributary.focus.ingest.IngestConfig;
import io.tributary.focus.tune.TunedConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Watches a folder for the stream tuner's {@code tuned.properties} ({@code focus tune --out DIR},
 * re-run on a schedule by cron or another job): each time its content changes, the specialised
 * model and K, T it names become the ingest job's next configuration. The tuner writes that file
 * atomically, so a half-written one is never read. The content present when the job starts counts as
 * seen (the job's initial model came from it or was chosen by the user).
 */
public final class TunedDirWatcher implements ConfigurationUpdates {
  /** The file the tuner writes its choice to. */
  public static final String FILE = "tuned.properties";
  private final Path file;
  private String lastDigest;

  public TunedDirWatcher(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException("tuned folder " + dir + " does not exist or is not a folder");
    }
    this.file = dir.resolve(FILE);
    this.lastDigest = digest();
  }

  @Override
  public Optional<Proposal> poll(IngestConfig current) throws IOException {
    String d = digest();
    if (d == null || d.equals(lastDigest)) {
      return Optional.empty();
    }
    // Seen before it is parsed: a bad file is reported once, and the next good one is picked up.
    lastDigest = d;
    TunedConfiguration t = TunedConfiguration.read(file);
    return Optional.of(new Proposal(t.modelSpec(), t.ingestConfig(current), file + " " + d.substring(0, 12)));
  }

  private String digest() throws IOException {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
