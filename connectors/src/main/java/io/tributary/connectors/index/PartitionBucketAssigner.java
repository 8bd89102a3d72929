package io.tributary.connectors.index;

import org.apache.avro.generic.GenericRecord;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;

/** Puts each index row in its {@code camera=<id>/hour=<hour>} bucket (from the row's own fields). */
public final class PartitionBucketAssigner implements BucketAssigner<GenericRecord, String> {
  private static final long serialVersionUID = 1L;

  @Override
  public String getBucketId(GenericRecord row, BucketAssigner.Context context) {
    return IndexLayout.bucket(row.get("camera").toString(), row.get("hour").toString());
  }

  @Override
  public SimpleVersionedSerializer<String> getSerializer() {
    return SimpleVersionedStringSerializer.INSTANCE;
  }
}
