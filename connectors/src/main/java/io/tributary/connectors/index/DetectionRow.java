package io.tributary.connectors.index;

import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** A row of INGEST-HEAVY's exact index ({@link IndexSchemas#DETECTION}); a Flink POJO. */
public class DetectionRow {
  public String camera;
  public String hour;
  public long frameSeq;
  public long ts;
  public String className;
  public float score;
  public int x;
  public int y;
  public int w;
  public int h;
  /** Whether the detection lies on a moving object (static objects cannot be in a Focus index). */
  public boolean moving;

  public DetectionRow() {}

  public GenericRecord toAvro() {
    GenericRecord r = new GenericData.Record(IndexSchemas.DETECTION);
    r.put("camera", camera);
    r.put("hour", hour);
    r.put("frame_seq", frameSeq);
    r.put("ts", ts);
    r.put("class", className);
    r.put("score", score);
    r.put("x", x);
    r.put("y", y);
    r.put("w", w);
    r.put("h", h);
    r.put("moving", moving);
    return r;
  }

  public static DetectionRow fromAvro(GenericRecord r) {
    DetectionRow d = new DetectionRow();
    d.camera = r.get("camera").toString();
    d.hour = r.get("hour").toString();
    d.frameSeq = (Long) r.get("frame_seq");
    d.ts = (Long) r.get("ts");
    d.className = r.get("class").toString();
    d.score = (Float) r.get("score");
    d.x = (Integer) r.get("x");
    d.y = (Integer) r.get("y");
    d.w = (Integer) r.get("w");
    d.h = (Integer) r.get("h");
    d.moving = (Boolean) r.get("moving");
    return d;
  }
}
