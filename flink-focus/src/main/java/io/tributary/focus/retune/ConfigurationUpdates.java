package io.tributary.focus.retune;

import io.tributary.focus.ingest.IngestConfig;
import io.tributary.focus.model.FocusModel;
import java.io.IOException;
import java.util.Optional;

/**
 * Where a running ingest job's new configurations come from (a re-tuning schedule): the job's
 * driver polls it, registers what it offers in the index's {@link ConfigurationRegistry}, and the
 * ingest operators switch to it at their next checkpoint. Implementations: {@link TunedDirWatcher}
 * ({@code --tuned-dir}).
 */
public interface ConfigurationUpdates extends AutoCloseable {
  /** A configuration to switch to: the cheap CNN and K, T, C (in {@code ingest}). */
  record Proposal(FocusModel model, IngestConfig ingest, String origin) {}

  /**
   * A new configuration when there is one since the last call, else empty. Called from one driver
   * thread every poll interval; may be slow (e.g. it may run the tuner).
   *
   * @param current the ingest settings the job runs with now (a base for K, T)
   */
  Optional<Proposal> poll(IngestConfig current) throws IOException;

  @Override
  default void close() {}
}
