package io.tributary.jobs;

import java.util.Map;

/** The one-letter flags the Focus commands have always taken, by setting key. */
final class FocusShortNames {
  private FocusShortNames() {}

  /** {@code focus ingest}: K, T, C and parallelism. */
  static final Map<String, String> INGEST = Map.of("top-k", "-k", "distance", "-t", "max-clusters", "-c",
      "parallelism", "-p");

  /** {@code focus bench}: K, T and parallelism. */
  static final Map<String, String> BENCH = Map.of("top-k", "-k", "distance", "-t", "parallelism", "-p");
}
