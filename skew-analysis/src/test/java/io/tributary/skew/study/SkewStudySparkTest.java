package io.tributary.skew.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.common.config.Settings;
import io.tributary.common.data.DatasetLocator;
import io.tributary.common.link.VectorCodec;
import io.tributary.common.model.Architecture;
import io.tributary.common.model.ModelSpec;
import io.tributary.common.model.Replica;
import io.tributary.skew.SkewSpark;
import io.tributary.skew.options.SkewTrainingOptions;
import io.tributary.skew.options.StudyOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The study on real Spark ({@code local[2]}) and real DJL networks over a small Fashion-MNIST
 * subset: the four algorithms in the IID and the label-skewed setting, one run per task; and one
 * run as a barrier stage of one task per partition, which must train exactly as the lock-step
 * simulation does.
 */
class SkewStudySparkTest {
  static final int K = 5;
  static final int TRAIN_PER_CLASS = 30;
  static final int BATCH = 10;
  static final double EPOCHS = 3;
  static SparkSession spark;

  @BeforeAll
  static void start() {
    assumeTrue(DatasetLocator.fashionMnist().isPresent(), "Fashion-MNIST not installed (scripts/fetch-data.sh)");
    SkewSpark.limitEngineThreads();
    spark = SkewStudyRunner.session("local[2]");
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  static Settings options(Path out, List<String> partitioners, List<String> protocols, int k) {
    return Settings.empty().with(StudyOptions.PRESET, "none").with(StudyOptions.DATASETS, List.of("fashion-mnist"))
        .with(StudyOptions.MODELS, List.of("bn-lenet")).with(StudyOptions.PARTITIONS, partitioners)
        .with(StudyOptions.ALGORITHMS, protocols).with(SkewTrainingOptions.NUM_PARTITIONS, k)
        .with(SkewTrainingOptions.BATCH_SIZE, BATCH).with(SkewTrainingOptions.EPOCHS, (double) EPOCHS)
        .with(SkewTrainingOptions.LR, 0.01).with(SkewTrainingOptions.TRAIN_PER_CLASS, TRAIN_PER_CLASS)
        .with(SkewTrainingOptions.TEST_PER_CLASS, 30).with(SkewTrainingOptions.SEED, 3L)
        .with(SkewTrainingOptions.EVAL_EVERY, 1.0).with(StudyOptions.SCALE_EPOCH_KNOBS, true)
        .with(SkewTrainingOptions.OUT, out);
  }

  @Test
  void fourAlgorithmsTimesTwoSettingsProduceCompleteOrderedOutputs(@TempDir Path out) throws Exception {
    List<StudyRun> runs = StudyPresets.runs(options(out, List.of("iid", "label-skew"),
        List.of("bsp", "gaia:10%", "fedavg:5", "dgc:8"), K));
    assertEquals(8, runs.size());
    List<RunResult> results = SkewStudy.execute(spark, runs, SkewStudy.Placement.RUN_PER_TASK, out.resolve("runs"),
        r -> { });
    StudyOutput.write(spark, results, out.resolve("runs.parquet"));
    StudyReport.Report report = StudyReport.write(results, out, 1.0);

    int params;
    try (Replica r = Replica.create(ModelSpec.forDataset(Architecture.BN_LENET,
        DatasetSource.load("fashion-mnist", TRAIN_PER_CLASS, 30).train()), 0)) {
      params = r.numParameters();
    }
    long steps = (long) EPOCHS * (10 * TRAIN_PER_CLASS / (K * BATCH));
    Map<String, RunResult> by = new HashMap<>();
    for (RunResult r : results) {
      assertNull(r.error(), r.run() + " failed");
      assertEquals(steps, r.steps(), r.run().toString());
      assertEquals(10 * TRAIN_PER_CLASS, r.trainSamples());
      assertEquals(K, r.bytesPerPartition().length);
      assertEquals(r.bytes(), Arrays.stream(r.bytesPerPartition()).sum());
      assertEquals((int) EPOCHS, r.curveEpoch().length, "one curve point per epoch");
      assertTrue(r.top1() >= 0 && r.top1() <= 1);
      assertTrue(Double.isFinite(r.bnDivergence()), "BN-LeNet reports BatchNorm divergence");
      by.put(r.run().protocol().algorithm() + "_" + r.run().setting(), r);
    }
    for (String setting : List.of("iid", "noniid")) {
      RunResult bsp = by.get("bsp_" + setting);
      long dense = 1 + VectorCodec.varintSize(params) + 4L * params;
      // BSP: every partition sends its dense gradient to every other partition, every step.
      assertEquals(steps * K * (K - 1), bsp.messages());
      assertTrue(bsp.bytes() >= steps * K * (K - 1) * (dense + 2) && bsp.bytes() <= steps * K * (K - 1) * (dense + 3),
          "BSP bytes " + bsp.bytes());
      // FedAvg(5): a dense model to every peer every 5 steps, a fifth of BSP.
      RunResult fed = by.get("fedavg_" + setting);
      assertEquals(steps / 5 * K * (K - 1), fed.messages());
      assertTrue(Math.abs(fed.bytes() * 5.0 / bsp.bytes() - 1) < 0.2, fed.bytes() + " vs " + bsp.bytes());
      // DGC sends at most a quarter of the entries (5 bytes each at most); Gaia only significant updates.
      assertTrue(by.get("dgc_" + setting).bytes() * 3 < bsp.bytes(), "DGC " + by.get("dgc_" + setting).bytes());
      assertTrue(by.get("gaia_" + setting).bytes() < bsp.bytes(), "Gaia " + by.get("gaia_" + setting).bytes());
    }
    // Skewed partitions see different minibatch statistics (§6.4.1); the windows here are only 4
    // minibatches of 10, so IID partitions differ by sampling noise too.
    assertTrue(by.get("bsp_noniid").bnDivergence() > 1.3 * by.get("bsp_iid").bnDivergence(),
        by.get("bsp_noniid").bnDivergence() + " vs " + by.get("bsp_iid").bnDivergence());
    assertTrue(by.get("bsp_iid").top1() > 0.4, "BSP learns: " + by.get("bsp_iid").top1());

    zeppelinNoteRunsOn(out.resolve("runs.parquet"));

    List<RunResult> back = StudyOutput.read(spark, out.resolve("runs.parquet"));
    assertEquals(8, back.size());
    for (int i = 0; i < 8; i++) {
      RunResult a = results.get(i);
      RunResult b = back.get(i);
      assertEquals(a.run().describe(), b.run().describe(), "configuration round-trips through Parquet");
      assertEquals(a.top1(), b.top1());
      assertEquals(a.bytes(), b.bytes());
      assertArrayEquals(a.curveTop1(), b.curveTop1());
      assertEquals(a.bnDivergence(), b.bnDivergence());
    }
    Map<String, Object> s = report.summary().asMap();
    for (String alg : List.of("bsp", "gaia", "fedavg", "dgc")) {
      for (String setting : List.of("iid", "noniid")) {
        double v = (double) s.get(alg + "_bn-lenet_" + setting);
        assertTrue(v >= 0 && v <= 1, alg + " " + setting + " = " + v);
      }
    }
    assertEquals(1.0, s.get("minutes"));
    assertTrue(Files.readString(out.resolve("summary.json")).contains("\"bsp_bn-lenet_noniid\""));
    assertTrue(report.text().contains("Table 6.1 layout"));

    // A second execution resumes every run from its checkpoint instead of training again: it starts no
    // Spark job. A marker job after it flushes the listener bus (events arrive in order), so the count
    // is complete when the marker's own start is seen, however slow the machine.
    List<String> jobsStarted = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch markerSeen = new CountDownLatch(1);
    SparkListener listener = new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart e) {
        String description = e.properties() == null ? null : e.properties().getProperty("spark.job.description");
        if ("resume marker".equals(description)) {
          markerSeen.countDown();
        } else {
          jobsStarted.add(String.valueOf(description));
        }
      }
    };
    spark.sparkContext().addSparkListener(listener);
    List<RunResult> resumed;
    try {
      resumed = SkewStudy.execute(spark, runs, SkewStudy.Placement.RUN_PER_TASK, out.resolve("runs"), r -> { });
      spark.sparkContext().setJobDescription("resume marker");
      spark.sparkContext().parallelize(CollectionConverters.asScala(List.of(1)).toSeq(), 1,
          scala.reflect.ClassTag$.MODULE$.apply(Integer.class)).count();
      spark.sparkContext().setJobDescription(null);
      assertTrue(markerSeen.await(10, TimeUnit.MINUTES), "hang guard: marker job never seen");
    } finally {
      spark.sparkContext().removeSparkListener(listener);
    }
    assertEquals(List.of(), jobsStarted, "resumed without training: no Spark job started");
    for (int i = 0; i < results.size(); i++) {
      assertEquals(results.get(i).top1(), resumed.get(i).top1(), "run " + i + " resumed as saved");
      assertEquals(results.get(i).bytes(), resumed.get(i).bytes(), "run " + i + " resumed as saved");
    }
  }

  @Test
  void barrierStageTrainsExactlyLikeTheLockstepSimulation(@TempDir Path out) throws Exception {
    StudyRun run = StudyPresets.runs(options(out, List.of("label-skew"), List.of("gaia:10%"), 2)).get(0);
    RunResult barrier = SkewStudy.execute(spark, List.of(run), SkewStudy.Placement.PARTITION_PER_TASK, null, r -> { })
        .get(0);
    RunResult lockstep = LockstepExecution.execute(run);
    assertNull(barrier.error(), barrier.error());
    assertNull(lockstep.error(), lockstep.error());
    assertEquals(lockstep.steps(), barrier.steps());
    assertArrayEquals(lockstep.bytesPerPartition(), barrier.bytesPerPartition(), "same traffic, partition by partition");
    assertArrayEquals(lockstep.curveTop1(), barrier.curveTop1(), "same models at every curve point");
    assertArrayEquals(lockstep.top1PerPartition(), barrier.top1PerPartition());
    assertEquals(lockstep.bnDivergence(), barrier.bnDivergence());
    assertEquals(0, InProcessMeshProvider.openMeshes(), "the barrier tasks released their links");
  }

  /**
   * Every SQL paragraph of the Zeppelin note {@code notebooks/skew-study.zpln} runs against the
   * study's real output and returns rows, so a schema change that breaks the note fails here.
   */
  static void zeppelinNoteRunsOn(Path runsParquet) throws Exception {
    // Surefire runs in the module directory; the notes live beside the modules.
    Path note = Path.of("..", "notebooks", "skew-study.zpln");
    JsonNode paragraphs =
        new ObjectMapper().readTree(note.toFile()).get("paragraphs");
    spark.read().parquet(runsParquet.toString()).createOrReplaceTempView("runs");
    int sql = 0;
    for (JsonNode p : paragraphs) {
      String text = p.get("text").asText();
      if (text.startsWith("%spark.sql")) {
        String query = text.substring("%spark.sql".length()).lines().filter(l -> !l.trim().startsWith("--"))
            .reduce("", (a, b) -> a + "\n" + b);
        long rows = spark.sql(query).count();
        assertTrue(rows > 0, p.get("title").asText() + " returned no rows");
        sql++;
      }
    }
    assertTrue(sql >= 4, "the note has its SQL paragraphs: " + sql);
  }
}
