package io.tributary.focus.query;

import io.tributary.connectors.index.IndexReader;
import io.tributary.connectors.index.IndexLayout;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/** The metadata an ingest job wrote beside its index (what kind of index, which ingest model). */
public record IndexMetadata(String kind, List<String> cheapClasses, List<String> nonObjects, Properties all) {

  /**
   * Reads it; fails naming the index and the file when it is absent (not an index written by this
   * project), too large or malformed.
   */
  public static IndexMetadata of(IndexReader index) throws IOException {
    Properties p = index.rootProperties(IndexLayout.METADATA).orElseThrow(() -> new IOException("index "
        + index.root() + " has no " + IndexLayout.METADATA + " (not written by a tributary ingest job?)"));
    return new IndexMetadata(p.getProperty("kind", "?"), split(p.getProperty("cheap_classes", "")),
        split(p.getProperty("non_objects", "")), p);
  }

  private static List<String> split(String s) {
    return s.isBlank() ? List.of() : Arrays.stream(s.split(",")).map(String::strip).toList();
  }
}
