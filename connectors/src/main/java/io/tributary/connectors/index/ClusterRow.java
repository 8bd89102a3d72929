package io.tributary.connectors.index;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** A row of the clusters table ({@link IndexSchemas#CLUSTER}); a Flink POJO. */
public class ClusterRow {
  public String camera;
  public long clusterId;
  public String hour;
  public long firstTs;
  public long lastTs;
  public int count;
  public float[] centroid;
  public byte[] centroidCrop;
  public long repFrameSeq;
  public int repX;
  public int repY;
  public int repW;
  public int repH;
  /** Where the representative object lies in {@link #centroidCrop} (which may be a scaled window around it). */
  public int cropObjectX;
  public int cropObjectY;
  public int cropObjectW;
  public int cropObjectH;
  public String[] topkClasses;
  public float[] topkConfidences;
  public int[] topkVotes;
  /** The ingest configuration that produced this cluster (the index's configuration registry; 0 in old indexes). */
  public int configId;

  public ClusterRow() {}

  public GenericRecord toAvro() {
    GenericRecord r = new GenericData.Record(IndexSchemas.CLUSTER);
    r.put("camera", camera);
    r.put("cluster_id", clusterId);
    r.put("hour", hour);
    r.put("first_ts", firstTs);
    r.put("last_ts", lastTs);
    r.put("count", count);
    List<Float> c = new ArrayList<>(centroid.length);
    for (float f : centroid) {
      c.add(f);
    }
    r.put("centroid", c);
    r.put("centroid_crop", ByteBuffer.wrap(centroidCrop));
    r.put("rep_frame_seq", repFrameSeq);
    r.put("rep_x", repX);
    r.put("rep_y", repY);
    r.put("rep_w", repW);
    r.put("rep_h", repH);
    r.put("crop_object_x", cropObjectX);
    r.put("crop_object_y", cropObjectY);
    r.put("crop_object_w", cropObjectW);
    r.put("crop_object_h", cropObjectH);
    r.put("topk_classes", List.of(topkClasses));
    List<Float> conf = new ArrayList<>();
    for (float f : topkConfidences) {
      conf.add(f);
    }
    r.put("topk_confidences", conf);
    List<Integer> votes = new ArrayList<>();
    for (int v : topkVotes) {
      votes.add(v);
    }
    r.put("topk_votes", votes);
    r.put(IndexSchemas.CONFIG_ID, configId);
    return r;
  }

  public static ClusterRow fromAvro(GenericRecord r) {
    ClusterRow c = new ClusterRow();
    c.camera = r.get("camera").toString();
    c.clusterId = (Long) r.get("cluster_id");
    c.hour = r.get("hour").toString();
    c.firstTs = (Long) r.get("first_ts");
    c.lastTs = (Long) r.get("last_ts");
    c.count = (Integer) r.get("count");
    List<?> cen = (List<?>) r.get("centroid");
    c.centroid = new float[cen.size()];
    for (int i = 0; i < cen.size(); i++) {
      c.centroid[i] = ((Number) cen.get(i)).floatValue();
    }
    ByteBuffer b = (ByteBuffer) r.get("centroid_crop");
    c.centroidCrop = new byte[b.remaining()];
    b.duplicate().get(c.centroidCrop);
    c.repFrameSeq = (Long) r.get("rep_frame_seq");
    c.repX = (Integer) r.get("rep_x");
    c.repY = (Integer) r.get("rep_y");
    c.repW = (Integer) r.get("rep_w");
    c.repH = (Integer) r.get("rep_h");
    c.cropObjectX = (Integer) r.get("crop_object_x");
    c.cropObjectY = (Integer) r.get("crop_object_y");
    c.cropObjectW = (Integer) r.get("crop_object_w");
    c.cropObjectH = (Integer) r.get("crop_object_h");
    List<?> k = (List<?>) r.get("topk_classes");
    c.topkClasses = k.stream().map(Object::toString).toArray(String[]::new);
    List<?> conf = (List<?>) r.get("topk_confidences");
    c.topkConfidences = new float[conf.size()];
    for (int i = 0; i < conf.size(); i++) {
      c.topkConfidences[i] = ((Number) conf.get(i)).floatValue();
    }
    List<?> v = (List<?>) r.get("topk_votes");
    c.topkVotes = new int[v.size()];
    for (int i = 0; i < v.size(); i++) {
      c.topkVotes[i] = ((Number) v.get(i)).intValue();
    }
    c.configId = IndexSchemas.configId(r);
    return c;
  }

  /** Identity of the cluster and its content, for comparing indexes (crop bytes excluded). */
  public String key() {
    return camera + "/" + clusterId + " n=" + count + " t=" + firstTs + ".." + lastTs + " rep=" + repFrameSeq
        + "@" + repX + "," + repY + "," + repW + "x" + repH + " k=" + String.join(",", topkClasses)
        + (configId == 0 ? "" : " cfg=" + configId);
  }
}
