package io.tributary.connectors.index;

import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** A row of the objects table ({@link IndexSchemas#OBJECT}); a Flink POJO. */
public class ObjectRow {
  public String camera;
  public long clusterId;
  public String hour;
  public long frameSeq;
  public long ts;
  public int x;
  public int y;
  public int w;
  public int h;

  public ObjectRow() {}

  public GenericRecord toAvro() {
    GenericRecord r = new GenericData.Record(IndexSchemas.OBJECT);
    r.put("camera", camera);
    r.put("cluster_id", clusterId);
    r.put("hour", hour);
    r.put("frame_seq", frameSeq);
    r.put("ts", ts);
    r.put("x", x);
    r.put("y", y);
    r.put("w", w);
    r.put("h", h);
    return r;
  }

  public static ObjectRow fromAvro(GenericRecord r) {
    ObjectRow o = new ObjectRow();
    o.camera = r.get("camera").toString();
    o.clusterId = (Long) r.get("cluster_id");
    o.hour = r.get("hour").toString();
    o.frameSeq = (Long) r.get("frame_seq");
    o.ts = (Long) r.get("ts");
    o.x = (Integer) r.get("x");
    o.y = (Integer) r.get("y");
    o.w = (Integer) r.get("w");
    o.h = (Integer) r.get("h");
    return o;
  }

  public String key() {
    return camera + "/" + clusterId + " f=" + frameSeq + " t=" + ts + " " + x + "," + y + "," + w + "x" + h;
  }
}
