package io.tributary.focus.baseline;

import io.tributary.connectors.index.DetectionRow;
import io.tributary.connectors.index.IndexLayout;
import io.tributary.connectors.index.IndexReader;
import io.tributary.connectors.video.Box;
import io.tributary.focus.ingest.IngestMetrics;
import io.tributary.focus.query.FrameHit;
import io.tributary.focus.query.QueryRequest;
import io.tributary.focus.query.QueryResult;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.io.api.Binary;

/** INGEST-HEAVY's query: a lookup of the class in the exact index. Its answers are the reference. */
public final class ExactIndexQuery {
  private final IndexReader index;
  private final boolean movingOnly;

  /** All of the GT-CNN's detections are the answer. */
  public ExactIndexQuery(IndexReader index) {
    this(index, false);
  }

  /**
   * @param movingOnly answer only with detections on moving objects (what a static-camera index of
   *     moving objects, like Focus's, can contain; a detector also reports parked cars and furniture)
   */
  public ExactIndexQuery(IndexReader index, boolean movingOnly) {
    this.index = index;
    this.movingOnly = movingOnly;
  }

  public QueryResult run(QueryRequest q) throws IOException {
    long t0 = System.nanoTime();
    long cpu0 = IngestMetrics.threadCpu();
    List<IndexReader.Partition> all = index.partitions(IndexLayout.DETECTIONS);
    Set<String> known = new TreeSet<>();
    all.forEach(p -> known.add(p.camera()));
    for (String c : q.cameras()) {
      if (!known.contains(c)) {
        throw new FileNotFoundException("index " + index.root() + " has no partition for camera '" + c
            + "' (cameras: " + String.join(", ", known) + ")");
      }
    }
    Map<String, List<DetectionRow>> byFrame = new TreeMap<>();
    int parts = 0;
    for (IndexReader.Partition p : all) {
      if (!q.wantsCamera(p.camera()) || !q.overlapsHour(p.hourStartMs())) {
        continue;
      }
      parts++;
      for (DetectionRow d : index.read(p, FilterApi.eq(FilterApi.binaryColumn("class"), Binary.fromString(q.className())),
          DetectionRow::fromAvro)) {
        if (q.inRange(d.ts) && (d.moving || !movingOnly)) {
          byFrame.computeIfAbsent(d.camera + "#" + String.format("%012d", d.frameSeq), k -> new ArrayList<>()).add(d);
        }
      }
    }
    List<FrameHit> hits = new ArrayList<>();
    for (List<DetectionRow> ds : byFrame.values()) {
      DetectionRow f = ds.get(0);
      hits.add(new FrameHit(f.camera, f.frameSeq, f.ts, ds.stream().map(d -> new Box(d.x, d.y, d.w, d.h)).toList()));
    }
    return new QueryResult("ingest-heavy", q, hits, new QueryResult.Work(parts, 0, 0, 0, hits.size()),
        new QueryResult.Timing((System.nanoTime() - t0) / 1e9, (IngestMetrics.threadCpu() - cpu0) / 1e9, 0));
  }

  /** Every class in the exact index with its number of detections (for picking the classes to query). */
  public Map<String, Long> classCounts(QueryRequest range) throws IOException {
    Map<String, Long> out = new TreeMap<>();
    for (IndexReader.Partition p : index.partitions(IndexLayout.DETECTIONS)) {
      if (!range.wantsCamera(p.camera()) || !range.overlapsHour(p.hourStartMs())) {
        continue;
      }
      for (DetectionRow d : index.read(p, null, DetectionRow::fromAvro)) {
        if (range.inRange(d.ts) && (d.moving || !movingOnly)) {
          out.merge(d.className, 1L, Long::sum);
        }
      }
    }
    return out;
  }
}
