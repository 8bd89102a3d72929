package io.tributary.connectors.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code config_id} column: written and read back; Parquet files written before it existed
 * (old indexes) read as configuration 0; the index's root files are replaced atomically.
 */
class ConfigIdColumnTest {
  @TempDir Path dir;

  /** {@code s} without the config_id field: the schema of indexes written before re-tuning. */
  static Schema withoutConfigId(Schema s) {
    List<Schema.Field> fields = s.getFields().stream().filter(f -> !f.name().equals(IndexSchemas.CONFIG_ID))
        .map(f -> new Schema.Field(f.name(), f.schema(), f.doc(), f.defaultVal())).toList();
    return Schema.createRecord(s.getName(), s.getDoc(), s.getNamespace(), false, fields);
  }

  @Test
  void oldClassEntriesReadAsConfigurationZeroAndNewOnesKeepTheirs() throws Exception {
    ClassRow row = new ClassRow();
    row.className = "car";
    row.camera = "a";
    row.hour = "2024-05-01T08";
    row.clusterId = 7;
    row.confidence = 0.5f;
    row.votes = 3;
    row.configId = 3;
    Schema old = withoutConfigId(IndexSchemas.CLASS_ENTRY);
    GenericRecord oldRec = new GenericData.Record(old);
    for (Schema.Field f : old.getFields()) {
      oldRec.put(f.name(), row.toAvro().get(f.name()));
    }
    Path part = dir.resolve("idx/classes/camera=a/hour=2024-05-01T08");
    write(part.resolve("part-old.parquet"), old, oldRec);
    write(part.resolve("part-new.parquet"), IndexSchemas.CLASS_ENTRY, row.toAvro());
    try (IndexReader r = IndexReader.open(dir.resolve("idx").toString())) {
      List<ClassRow> rows = r.read(IndexLayout.CLASSES, p -> true, null, ClassRow::fromAvro);
      assertEquals(2, rows.size());
      assertEquals(List.of(3, 0), rows.stream().map(c -> c.configId).toList(), "part-new then part-old");
      assertEquals(rows.get(0).key(), rows.get(1).key(), "the rest of the row is the same");
    }
  }

  @Test
  void rootFilesAreReplacedWhole() throws Exception {
    String root = dir.resolve("idx2").toString();
    IndexReader.writeRootFile(root, IndexLayout.CONFIGURATIONS, "a=1\n", new Configuration());
    IndexReader.writeRootFile(root, IndexLayout.CONFIGURATIONS, "a=2\n", new Configuration());
    try (IndexReader r = IndexReader.open(root)) {
      assertEquals("a=2\n", r.rootFile(IndexLayout.CONFIGURATIONS).orElseThrow());
      assertEquals(Optional.empty(), r.rootFile("absent"));
      assertNull(Arrays.stream(dir.resolve("idx2").toFile().list()).filter(n -> n.endsWith(".tmp"))
          .findAny().orElse(null), "no temporary file left behind");
    }
  }

  private static void write(Path file, Schema schema, GenericRecord rec) throws Exception {
    try (ParquetWriter<GenericRecord> w = AvroParquetWriter.<GenericRecord>builder(
        HadoopOutputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))
        .withSchema(schema).build()) {
      w.write(rec);
    }
  }
}
