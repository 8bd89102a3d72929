package io.tributary.connectors.index;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Where a Focus index keeps its tables: {@code <root>/<table>/camera=<id>/hour=<yyyy-MM-ddTHH>/}
 * holding Parquet part files. Partitions by camera and UTC hour let a query read only the cameras
 * and hours it asks for. Files whose names start with {@code .} or {@code _} are not data (Flink's
 * in-progress and pending part files start with {@code .}), so readers see only committed files.
 */
public final class IndexLayout {
  private IndexLayout() {}

  public static final String CLUSTERS = "clusters";
  public static final String OBJECTS = "objects";
  public static final String CLASSES = "classes";
  public static final String DETECTIONS = "detections";
  /** The index's description (models, parameters) as Java properties, written when an ingest job starts. */
  public static final String METADATA = "_focus_index.properties";
  /**
   * The index's registry of ingest configurations (cheap CNN, classes, K, T) by id, as Java
   * properties; clusters and class entries name theirs in {@link IndexSchemas#CONFIG_ID}.
   */
  public static final String CONFIGURATIONS = "_focus_configurations.properties";

  public static final long HOUR_MS = 3_600_000L;
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);

  /** Start of the UTC hour holding {@code epochMs}. */
  public static long hourStart(long epochMs) {
    return Math.floorDiv(epochMs, HOUR_MS) * HOUR_MS;
  }

  /** The hour partition name of {@code epochMs}, e.g. {@code 2024-05-01T08}. */
  public static String hourOf(long epochMs) {
    return HOUR.format(Instant.ofEpochMilli(hourStart(epochMs)));
  }

  /** Epoch ms of an hour partition name; fails naming it when malformed. */
  public static long parseHour(String hour) {
    try {
      return LocalDateTime.parse(hour + ":00:00").toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + hour + "' is not an index hour (yyyy-MM-ddTHH)", e);
    }
  }

  /** The bucket (relative directory) of a partition: {@code camera=<id>/hour=<hour>}. */
  public static String bucket(String camera, String hour) {
    return "camera=" + camera + "/hour=" + hour;
  }

  /** Whether a file name is a committed data file (not hidden, not in progress). */
  public static boolean isDataFile(String name) {
    return !name.startsWith(".") && !name.startsWith("_") && !name.endsWith(".inprogress");
  }
}
