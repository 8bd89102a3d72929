package io.tributary.skew.scout;

import io.tributary.common.io.AtomicFiles;
import java.io.IOException;
import io.tributary.common.scout.KnobGrid;
import io.tributary.common.scout.SkewScout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * SkewScout's periods as Parquet, one row per model-traveling period of every SkewScout run, for
 * notebooks: which theta was in force, the accuracy loss and communication measured, the
 * decision and the bytes.
 */
public final class ScoutOutput {
  private ScoutOutput() {}

  /** The Parquet schema of {@code periods.parquet}. */
  public static StructType schema() {
    List<StructField> f = new ArrayList<>();
    f.add(DataTypes.createStructField("run_id", DataTypes.StringType, false));
    f.add(DataTypes.createStructField("partitioner", DataTypes.StringType, false));
    f.add(DataTypes.createStructField("setting", DataTypes.StringType, false));
    f.add(DataTypes.createStructField("period", DataTypes.IntegerType, false));
    f.add(DataTypes.createStructField("from_iteration", DataTypes.LongType, false));
    f.add(DataTypes.createStructField("to_iteration", DataTypes.LongType, false));
    f.add(DataTypes.createStructField("knob_name", DataTypes.StringType, false));
    f.add(DataTypes.createStructField("knob", DataTypes.DoubleType, false));
    f.add(DataTypes.createStructField("accuracy_loss", DataTypes.DoubleType, false));
    f.add(DataTypes.createStructField("communication_per_model", DataTypes.DoubleType, false));
    f.add(DataTypes.createStructField("objective", DataTypes.DoubleType, false));
    f.add(DataTypes.createStructField("next_knob", DataTypes.DoubleType, false));
    f.add(DataTypes.createStructField("reason", DataTypes.StringType, false));
    f.add(DataTypes.createStructField("protocol_bytes", DataTypes.LongType, false));
    f.add(DataTypes.createStructField("travel_bytes", DataTypes.LongType, false));
    f.add(DataTypes.createStructField("local_accuracy", DataTypes.createArrayType(DataTypes.DoubleType), false));
    f.add(DataTypes.createStructField("remote_accuracy", DataTypes.createArrayType(DataTypes.DoubleType), false));
    f.add(DataTypes.createStructField("trip_source", DataTypes.createArrayType(DataTypes.IntegerType), false));
    f.add(DataTypes.createStructField("trip_destination", DataTypes.createArrayType(DataTypes.IntegerType), false));
    return DataTypes.createStructType(f);
  }

  /**
   * Writes every period of {@code results} to {@code dir} (a Parquet directory, replaced atomically:
   * see {@link AtomicFiles#replaceDirectory}).
   */
  public static void writePeriods(SparkSession spark, List<ScoutResult> results, String algorithm, Path dir)
      throws IOException {
    List<Row> rows = new ArrayList<>();
    String knobName = KnobGrid.label(algorithm, 0).replaceFirst("=.*", "");
    for (ScoutResult s : results) {
      for (SkewScout.Period p : s.periods()) {
        var trips = p.round().trips();
        rows.add(RowFactory.create(s.scoutRun().run().id(), s.scoutRun().run().partitioner(),
            ScoutPlan.settingKey(s.scoutRun().run().partitioner()), p.period(), p.fromIteration(), p.toIteration(),
            knobName, p.theta(), p.accuracyLoss(), p.communication(), p.objective(), p.nextTheta(), p.reason(),
            p.protocolBytes(), p.travelBytes(), trips.stream().map(t -> t.localAccuracy()).toList(),
            trips.stream().map(t -> t.remoteAccuracy()).toList(), trips.stream().map(t -> t.source()).toList(),
            trips.stream().map(t -> t.destination()).toList()));
      }
    }
    AtomicFiles.replaceDirectory(dir, tmp -> spark.createDataFrame(rows, schema()).coalesce(1).write()
        .mode(SaveMode.ErrorIfExists).parquet(tmp.toAbsolutePath().toString()));
  }
}
