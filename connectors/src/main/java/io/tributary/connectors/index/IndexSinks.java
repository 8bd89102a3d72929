package io.tributary.connectors.index;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.formats.parquet.avro.AvroParquetWriters;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;

/**
 * Flink {@link FileSink}s writing index tables as Parquet, partitioned by camera and hour. Part
 * files roll on checkpoints and become visible only when the checkpoint commits, so the index on
 * disk is exactly-once: a restarted job neither loses nor duplicates rows, and readers never see
 * half-written files. Works on any file system Flink supports ({@code file://}, {@code hdfs://}).
 */
public final class IndexSinks {
  private IndexSinks() {}

  /** A sink for {@code table} (see {@link IndexLayout}) under {@code indexRoot}. */
  public static FileSink<GenericRecord> forTable(String indexRoot, String table) {
    Schema schema = IndexSchemas.of(table);
    return FileSink.forBulkFormat(new Path(join(indexRoot, table)), AvroParquetWriters.forGenericRecord(schema))
        .withBucketAssigner(new PartitionBucketAssigner())
        .withRollingPolicy(OnCheckpointRollingPolicy.build())
        .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix("part").withPartSuffix(".parquet").build())
        .build();
  }

  static String join(String root, String child) {
    return root.endsWith("/") ? root + child : root + "/" + child;
  }
}
