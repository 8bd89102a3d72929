package io.tributary.focus.query;

import io.tributary.connectors.index.IndexReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/** The metadata an ingest job wrote beside its index (what kind of index, which ingest model). */
public record IndexMetadata(String kind, List<String> cheapClasses, List<String> nonObjects, Properties all) {

  /** Reads it; fails naming the index when it is absent (not an index written by this project). */
  public static IndexMetadata of(IndexReader index) throws IOException {
    String text = index.metadata().orElseThrow(() -> new IOException("index " + index.root()
        + " has no " + io.tributary.connectors.index.IndexLayout.METADATA + " (not written by a tributary ingest job?)"));
    Properties p = new Properties();
    p.load(new StringReader(text));
    return new IndexMetadata(p.getProperty("kind", "?"), split(p.getProperty("cheap_classes", "")),
        split(p.getProperty("non_objects", "")), p);
  }

  private static List<String> split(String s) {
    return s.isBlank() ? List.of() : Arrays.stream(s.split(",")).map(String::strip).toList();
  }
}
