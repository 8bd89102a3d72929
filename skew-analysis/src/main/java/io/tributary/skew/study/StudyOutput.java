package io.tributary.skew.study;

import io.tributary.common.io.AtomicFiles;
import io.tributary.common.protocol.ProtocolSpec;
import io.tributary.common.protocol.SgdConfig;
import io.tributary.common.protocol.StepDecay;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The study's runs as Parquet, one row per run: its whole configuration, then what it produced
 * (accuracy curve, final top-1, bytes communicated, BatchNorm mean divergence, diagnostics).
 * Notebooks read it directly; {@link #read} turns it back into {@link RunResult}s for the report.
 */
public final class StudyOutput {
  private StudyOutput() {}

  private static final DataType DOUBLES = DataTypes.createArrayType(DataTypes.DoubleType, true);
  private static final DataType LONGS = DataTypes.createArrayType(DataTypes.LongType, true);
  private static final DataType INTS = DataTypes.createArrayType(DataTypes.IntegerType, true);

  /** The Parquet schema. */
  public static StructType schema() {
    List<StructField> f = new ArrayList<>();
    f.add(field("run_id", DataTypes.StringType));
    f.add(field("dataset", DataTypes.StringType));
    f.add(field("train_per_class", DataTypes.IntegerType));
    f.add(field("test_per_class", DataTypes.IntegerType));
    f.add(field("partitioner", DataTypes.StringType));
    f.add(field("setting", DataTypes.StringType));
    f.add(field("partitions", DataTypes.IntegerType));
    f.add(field("model", DataTypes.StringType));
    f.add(field("group_size", DataTypes.IntegerType));
    f.add(field("algorithm", DataTypes.StringType));
    f.add(field("protocol", DataTypes.StringType));
    f.add(field("configuration", DataTypes.StringType));
    f.add(field("knob_name", DataTypes.StringType));
    f.add(field("knob", DataTypes.DoubleType));
    f.add(field("paper_knob", DataTypes.DoubleType));
    f.add(field("batch_size", DataTypes.IntegerType));
    f.add(field("epochs", DataTypes.DoubleType));
    f.add(field("lr0", DataTypes.DoubleType));
    f.add(field("lr_factor", DataTypes.DoubleType));
    f.add(field("lr_milestones", DOUBLES));
    f.add(field("momentum", DataTypes.DoubleType));
    f.add(field("weight_decay", DataTypes.DoubleType));
    f.add(field("seed", DataTypes.LongType));
    f.add(field("eval_every_epochs", DataTypes.DoubleType));
    f.add(field("bn_window", DataTypes.IntegerType));
    f.add(field("error", DataTypes.StringType));
    f.add(field("train_samples", DataTypes.IntegerType));
    f.add(field("test_samples", DataTypes.IntegerType));
    f.add(field("partition_sizes", INTS));
    f.add(field("partition_histogram", DataTypes.StringType));
    f.add(field("steps", DataTypes.LongType));
    f.add(field("seconds", DataTypes.DoubleType));
    f.add(field("diverged", DataTypes.BooleanType));
    f.add(field("curve_epoch", DOUBLES));
    f.add(field("curve_top1", DOUBLES));
    f.add(field("curve_train_loss", DOUBLES));
    f.add(field("curve_train_accuracy", DOUBLES));
    f.add(field("curve_bytes", LONGS));
    f.add(field("top1", DataTypes.DoubleType));
    f.add(field("top1_averaged_model", DataTypes.DoubleType));
    f.add(field("top1_per_partition", DOUBLES));
    f.add(field("bytes", DataTypes.LongType));
    f.add(field("bytes_per_partition", LONGS));
    f.add(field("messages", DataTypes.LongType));
    f.add(field("bn_divergence", DataTypes.DoubleType));
    f.add(field("bn_divergence_per_channel", DOUBLES));
    f.add(field("diagnostics", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, true)));
    return DataTypes.createStructType(f);
  }

  private static StructField field(String name, DataType type) {
    return DataTypes.createStructField(name, type, true);
  }

  /** One run as a row of {@link #schema()}. */
  public static Row toRow(RunResult r) {
    StudyRun c = r.run();
    ProtocolSpec p = c.protocol();
    return RowFactory.create(c.id(), c.dataset(), c.trainPerClass(), c.testPerClass(), c.partitioner(), c.setting(),
        c.partitions(), c.model(), c.groupSize(), p.algorithm(), p.toString(), c.configurationLabel(), p.knobName(),
        p.knob(), c.paperKnob(), c.batchSize(), c.epochs(), c.learningRate().initial(), c.learningRate().factor(),
        doubles(c.learningRate().milestones()), c.sgd().momentum(), c.sgd().weightDecay(), c.seed(),
        c.evalEveryEpochs(), c.bnWindow(), r.error(), r.trainSamples(), r.testSamples(), ints(r.partitionSizes()),
        r.partitionHistogram(), r.steps(), r.seconds(), r.diverged(), doubles(r.curveEpoch()), doubles(r.curveTop1()),
        doubles(r.curveTrainLoss()), doubles(r.curveTrainAccuracy()), longs(r.curveBytes()), r.top1(),
        r.top1AveragedModel(), doubles(r.top1PerPartition()), r.bytes(), longs(r.bytesPerPartition()), r.messages(),
        r.bnDivergence(), doubles(r.bnDivergencePerChannel()), new LinkedHashMap<>(r.diagnostics()));
  }

  /**
   * Writes the runs to {@code dir} (a Parquet directory, replaced), in one file. Spark writes a new
   * folder beside it, which then replaces it ({@link AtomicFiles#replaceDirectory}): a write that
   * fails or is killed midway leaves the previous runs intact.
   */
  public static void write(SparkSession spark, List<RunResult> results, Path dir) throws IOException {
    AtomicFiles.replaceDirectory(dir, tmp -> {
      List<Row> rows = results.stream().map(StudyOutput::toRow).toList();
      spark.createDataFrame(rows, schema()).coalesce(1).write().mode(SaveMode.ErrorIfExists)
          .parquet(tmp.toAbsolutePath().toString());
    });
  }

  /** Reads runs written by {@link #write}. */
  public static List<RunResult> read(SparkSession spark, Path dir) {
    Dataset<Row> df = spark.read().parquet(dir.toAbsolutePath().toString());
    List<RunResult> out = new ArrayList<>();
    for (Row r : df.collectAsList()) {
      out.add(fromRow(r));
    }
    out.sort((a, b) -> a.run().id().compareTo(b.run().id()));
    return out;
  }

  static RunResult fromRow(Row r) {
    StepDecay lr = new StepDecay(r.getAs("lr0"), r.getAs("lr_factor"), toDoubles(r.getList(r.fieldIndex("lr_milestones"))));
    StudyRun.Data data = new StudyRun.Data(r.getAs("dataset"), r.<Integer>getAs("train_per_class"),
        r.<Integer>getAs("test_per_class"), r.getAs("partitioner"), r.<Integer>getAs("partitions"));
    StudyRun.Training training = new StudyRun.Training(r.<Integer>getAs("batch_size"), r.<Double>getAs("epochs"), lr,
        new SgdConfig(r.<Double>getAs("momentum"), r.<Double>getAs("weight_decay")), r.<Long>getAs("seed"),
        r.<Double>getAs("eval_every_epochs"), r.<Integer>getAs("bn_window"));
    StudyRun run = new StudyRun(r.getAs("run_id"), data, r.getAs("model"), r.<Integer>getAs("group_size"),
        ProtocolSpec.parse(r.getAs("protocol")), r.<Double>getAs("paper_knob"), training);
    Map<String, Double> diag = new LinkedHashMap<>(r.getJavaMap(r.fieldIndex("diagnostics")));
    RunResult.Execution execution = new RunResult.Execution(r.<Integer>getAs("train_samples"),
        r.<Integer>getAs("test_samples"), toInts(r.getList(r.fieldIndex("partition_sizes"))),
        r.getAs("partition_histogram"), r.<Long>getAs("steps"), r.<Double>getAs("seconds"),
        r.<Boolean>getAs("diverged"));
    RunResult.Curve curve = new RunResult.Curve(toDoubles(r.getList(r.fieldIndex("curve_epoch"))),
        toDoubles(r.getList(r.fieldIndex("curve_top1"))), toDoubles(r.getList(r.fieldIndex("curve_train_loss"))),
        toDoubles(r.getList(r.fieldIndex("curve_train_accuracy"))), toLongs(r.getList(r.fieldIndex("curve_bytes"))));
    RunResult.Accuracy accuracy = new RunResult.Accuracy(r.<Double>getAs("top1"), r.<Double>getAs("top1_averaged_model"),
        toDoubles(r.getList(r.fieldIndex("top1_per_partition"))));
    RunResult.Traffic traffic = new RunResult.Traffic(r.<Long>getAs("bytes"),
        toLongs(r.getList(r.fieldIndex("bytes_per_partition"))), r.<Long>getAs("messages"));
    RunResult.BatchNorm bn = new RunResult.BatchNorm(r.<Double>getAs("bn_divergence"),
        toDoubles(r.getList(r.fieldIndex("bn_divergence_per_channel"))));
    return new RunResult(run, r.getAs("error"), execution, curve, accuracy, traffic, bn, diag);
  }

  private static List<Double> doubles(double[] v) {
    return v == null ? List.of() : Arrays.stream(v).boxed().toList();
  }

  private static List<Long> longs(long[] v) {
    return v == null ? List.of() : Arrays.stream(v).boxed().toList();
  }

  private static List<Integer> ints(int[] v) {
    return v == null ? List.of() : Arrays.stream(v).boxed().toList();
  }

  private static double[] toDoubles(List<?> l) {
    return l.stream().mapToDouble(x -> x == null ? Double.NaN : ((Number) x).doubleValue()).toArray();
  }

  private static long[] toLongs(List<?> l) {
    return l.stream().mapToLong(x -> ((Number) x).longValue()).toArray();
  }

  private static int[] toInts(List<?> l) {
    return l.stream().mapToInt(x -> ((Number) x).intValue()).toArray();
  }
}
