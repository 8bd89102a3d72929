package io.tributary.skew.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code runs.parquet} is replaced atomically: a rewrite whose Spark job fails midway (here: the
 * Parquet codec the session asks for cannot be loaded when the write task opens its file, after
 * the job has started) leaves the previous runs readable, and a rewrite that succeeds replaces them
 * and leaves no temporary folder beside them. (Spark's own overwrite deletes the previous folder
 * before its job runs, which is how {@code skew study --resume} used to lose it.)
 */
class StudyOutputSparkTest {
  static SparkSession spark;

  @TempDir Path out;

  @BeforeAll
  static void start() {
    spark = SkewStudyRunner.session("local[1]");
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  private List<String> siblings() throws Exception {
    try (Stream<Path> s = Files.list(out)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aRewriteFailingMidwayKeepsThePreviousRuns() throws Exception {
    Path runs = out.resolve("runs.parquet");
    StudyOutput.write(spark, List.of(RunCheckpointsTest.result(RunCheckpointsTest.run("r001", 1))), runs);

    String codec = spark.conf().get("spark.sql.parquet.compression.codec");
    spark.conf().set("spark.sql.parquet.compression.codec", "brotli");
    try {
      assertThrows(Exception.class, () -> StudyOutput.write(spark, List.of(
          RunCheckpointsTest.result(RunCheckpointsTest.run("r001", 1)),
          RunCheckpointsTest.result(RunCheckpointsTest.run("r002", 2))), runs));
    } finally {
      spark.conf().set("spark.sql.parquet.compression.codec", codec);
    }

    List<RunResult> back = StudyOutput.read(spark, runs);
    assertEquals(1, back.size(), "the previous runs.parquet is intact");
    assertEquals("r001", back.get(0).run().id());
    assertEquals(List.of("runs.parquet"), siblings(), "no temporary folder is left");
  }

  @Test
  void aRewriteReplacesThePreviousRuns() throws Exception {
    Path runs = out.resolve("runs.parquet");
    StudyOutput.write(spark, List.of(RunCheckpointsTest.result(RunCheckpointsTest.run("r001", 1))), runs);
    StudyOutput.write(spark, List.of(RunCheckpointsTest.result(RunCheckpointsTest.run("r001", 1)),
        RunCheckpointsTest.result(RunCheckpointsTest.run("r002", 2))), runs);

    assertEquals(List.of("r001", "r002"), StudyOutput.read(spark, runs).stream().map(r -> r.run().id()).toList());
    assertEquals(List.of("runs.parquet"), siblings());
  }
}
