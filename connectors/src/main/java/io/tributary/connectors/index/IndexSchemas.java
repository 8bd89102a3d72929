package io.tributary.connectors.index;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericRecord;

/**
 * Avro schemas of the Focus index's Parquet tables (thesis §4.2: class -> clusters; cluster ->
 * centroid object, member objects, frames), and of the INGEST-HEAVY baseline's exact index.
 */
public final class IndexSchemas {
  private IndexSchemas() {}

  /**
   * Column of clusters and class entries naming the ingest configuration (cheap CNN, K, T) that
   * produced them, an id of the index's configuration registry. Files written before re-tuning
   * existed lack it; readers take those rows as configuration 0 (the index's single model).
   */
  public static final String CONFIG_ID = "config_id";

  /** The configuration id of a row read from the index: 0 when its file predates the column. */
  public static int configId(GenericRecord r) {
    return r.getSchema().getField(CONFIG_ID) == null ? 0 : ((Number) r.get(CONFIG_ID)).intValue();
  }

  /** A sealed cluster: its camera, id, hour, time span, size, centroid, representative crop, top-K. */
  public static final Schema CLUSTER = SchemaBuilder.record("FocusCluster").namespace("io.tributary.focus")
      .fields()
      .requiredString("camera")
      .requiredLong("cluster_id")
      .requiredString("hour")
      .requiredLong("first_ts")
      .requiredLong("last_ts")
      .requiredInt("count")
      .name("centroid").type().array().items().floatType().noDefault()
      .requiredBytes("centroid_crop")
      .requiredLong("rep_frame_seq")
      .requiredInt("rep_x").requiredInt("rep_y").requiredInt("rep_w").requiredInt("rep_h")
      .requiredInt("crop_object_x").requiredInt("crop_object_y").requiredInt("crop_object_w").requiredInt("crop_object_h")
      .name("topk_classes").type().array().items().stringType().noDefault()
      .name("topk_confidences").type().array().items().floatType().noDefault()
      .name("topk_votes").type().array().items().intType().noDefault()
      .name(CONFIG_ID).type().intType().intDefault(0)
      .endRecord();

  /** An object: the cluster it joined, its frame, time and box. */
  public static final Schema OBJECT = SchemaBuilder.record("FocusObject").namespace("io.tributary.focus")
      .fields()
      .requiredString("camera")
      .requiredLong("cluster_id")
      .requiredString("hour")
      .requiredLong("frame_seq")
      .requiredLong("ts")
      .requiredInt("x").requiredInt("y").requiredInt("w").requiredInt("h")
      .endRecord();

  /** The inverted index: a class, and a cluster whose top-K holds it, with the members' confidence. */
  public static final Schema CLASS_ENTRY = SchemaBuilder.record("FocusClassEntry").namespace("io.tributary.focus")
      .fields()
      .requiredString("class")
      .requiredString("camera")
      .requiredString("hour")
      .requiredLong("cluster_id")
      .requiredFloat("confidence")
      .requiredInt("votes")
      .name(CONFIG_ID).type().intType().intDefault(0)
      .endRecord();

  /**
   * INGEST-HEAVY's exact index: one GT-CNN detection (or crop label) per row; {@code moving} when it
   * lies on a moving object (at least half of it inside a box background subtraction found).
   */
  public static final Schema DETECTION = SchemaBuilder.record("GtDetection").namespace("io.tributary.focus")
      .fields()
      .requiredString("camera")
      .requiredString("hour")
      .requiredLong("frame_seq")
      .requiredLong("ts")
      .requiredString("class")
      .requiredFloat("score")
      .requiredInt("x").requiredInt("y").requiredInt("w").requiredInt("h")
      .requiredBoolean("moving")
      .endRecord();

  /** The schema of a table name ({@link IndexLayout}). */
  public static Schema of(String table) {
    return switch (table) {
      case IndexLayout.CLUSTERS -> CLUSTER;
      case IndexLayout.OBJECTS -> OBJECT;
      case IndexLayout.CLASSES -> CLASS_ENTRY;
      case IndexLayout.DETECTIONS -> DETECTION;
      default -> throw new IllegalArgumentException("no index table '" + table + "'");
    };
  }
}
