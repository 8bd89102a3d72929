package io.tributary.connectors.index;

import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** A row of the inverted index ({@link IndexSchemas#CLASS_ENTRY}): class to cluster; a Flink POJO. */
public class ClassRow {
  public String className;
  public String camera;
  public String hour;
  public long clusterId;
  public float confidence;
  public int votes;
  /** The ingest configuration whose class list {@link #className} belongs to (0 in old indexes). */
  public int configId;

  public ClassRow() {}

  public GenericRecord toAvro() {
    GenericRecord r = new GenericData.Record(IndexSchemas.CLASS_ENTRY);
    r.put("class", className);
    r.put("camera", camera);
    r.put("hour", hour);
    r.put("cluster_id", clusterId);
    r.put("confidence", confidence);
    r.put("votes", votes);
    r.put(IndexSchemas.CONFIG_ID, configId);
    return r;
  }

  public static ClassRow fromAvro(GenericRecord r) {
    ClassRow c = new ClassRow();
    c.className = r.get("class").toString();
    c.camera = r.get("camera").toString();
    c.hour = r.get("hour").toString();
    c.clusterId = (Long) r.get("cluster_id");
    c.confidence = (Float) r.get("confidence");
    c.votes = (Integer) r.get("votes");
    c.configId = IndexSchemas.configId(r);
    return c;
  }

  public String key() {
    return className + " " + camera + "/" + clusterId + " c=" + confidence + " v=" + votes;
  }
}
