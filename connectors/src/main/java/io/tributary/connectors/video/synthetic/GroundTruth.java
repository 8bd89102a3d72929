package io.tributary.connectors.video.synthetic;

import io.tributary.connectors.video.Box;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The objects a generated video shows, frame by frame, as written beside it
 * ({@code <video>.truth.csv}: frame, timestamp_ms, object_id, class, x, y, w, h, visible).
 */
public final class GroundTruth {
  /** One row: an object in one frame. */
  public record Row(int frame, long timestampMs, TruthObject object) {}

  private final List<Row> rows;

  public GroundTruth(List<Row> rows) {
    this.rows = List.copyOf(rows);
  }

  public List<Row> rows() {
    return rows;
  }

  /** Rows grouped by timestamp (ms), in time order. */
  public Map<Long, List<TruthObject>> byTimestamp() {
    Map<Long, List<TruthObject>> out = new TreeMap<>();
    for (Row r : rows) {
      out.computeIfAbsent(r.timestampMs(), k -> new ArrayList<>()).add(r.object());
    }
    return out;
  }

  /** Where the truth for {@code video} lives. */
  public static Path fileFor(Path video) {
    return video.resolveSibling(video.getFileName() + ".truth.csv");
  }

  static BufferedWriter open(Path file) throws IOException {
    BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    w.write("frame,timestamp_ms,object_id,class,x,y,w,h,visible\n");
    return w;
  }

  static void write(BufferedWriter w, RenderedFrame f) throws IOException {
    for (TruthObject o : f.objects()) {
      Box b = o.box();
      w.write(String.format(Locale.ROOT, "%d,%d,%d,%s,%d,%d,%d,%d,%.3f%n", f.frameIndex(),
          f.timestampUs() / 1000, o.objectId(), o.cls().label(), b.x(), b.y(), b.w(), b.h(),
          o.visibleFraction()));
    }
  }

  /** Reads a truth file; fails naming the file and line when it is malformed. */
  public static GroundTruth read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      String[] p = line.split(",");
      try {
        rows.add(new Row(Integer.parseInt(p[0]), Long.parseLong(p[1]), new TruthObject(
            Long.parseLong(p[2]), SyntheticClass.of(p[3]), new Box(Integer.parseInt(p[4]),
            Integer.parseInt(p[5]), Integer.parseInt(p[6]), Integer.parseInt(p[7])),
            Double.parseDouble(p[8]))));
      } catch (RuntimeException e) {
        throw new IOException(file + ":" + (i + 1) + ": malformed truth row '" + line + "'", e);
      }
    }
    return new GroundTruth(rows);
  }
}
