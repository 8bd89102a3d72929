package io.tributary.skew;

import io.tributary.common.partition.Partitioners;
import io.tributary.common.partition.Partitioning;
import io.tributary.skew.study.DatasetSource;
import io.tributary.skew.study.StudyRun;
import java.io.PrintStream;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.spark.sql.SparkSession;

/** What the study, SkewScout and the profiler share about running on Spark. */
public final class SkewSpark {
  private SkewSpark() {}

  /** One PyTorch thread per task: the tasks are the parallelism (set only where the user did not). */
  public static void limitEngineThreads() {
    if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
      System.setProperty("ai.djl.pytorch.num_threads", "1");
    }
    if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
      System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }
  }

  /**
   * The master to run on: the one the user asked for, else the one {@code spark-submit} passed
   * (its {@code --master}, seen as the {@code spark.master} property), else {@code localDefault}.
   */
  public static String master(String requested, String localDefault) {
    if (requested != null) {
      return requested;
    }
    String submitted = System.getProperty("spark.master");
    return submitted != null && !submitted.isBlank() ? submitted : localDefault;
  }

  /**
   * A Spark session named {@code appName} for {@code master}: no UI, warnings only. On a
   * {@code local} master the driver binds to {@code SPARK_LOCAL_IP} or 127.0.0.1 (a laptop's
   * hostname may not resolve); on a cluster master Spark's own choice stands, so executors can
   * reach the driver.
   */
  public static SparkSession session(String appName, String master, int shufflePartitions) {
    quietSparkLogs();
    SparkSession.Builder b = SparkSession.builder().appName(appName).master(master)
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", String.valueOf(shufflePartitions));
    if (master.startsWith("local")) {
      b.config("spark.driver.host", System.getenv().getOrDefault("SPARK_LOCAL_IP", "127.0.0.1"));
    }
    SparkSession spark = b.getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }

  /** Prints each distinct partitioning of {@code runs} once, with its per-partition class histogram. */
  public static void printPartitions(Iterable<StudyRun> runs, PrintStream out) {
    Set<String> printed = new LinkedHashSet<>();
    for (StudyRun r : runs) {
      String key = r.dataset() + "|" + r.trainPerClass() + "|" + r.partitioner() + "|" + r.partitions() + "|" + r.seed();
      if (printed.add(key)) {
        DatasetSource.Splits s = DatasetSource.load(r.dataset(), r.trainPerClass(), r.testPerClass());
        Partitioning p = Partitioners.parse(r.partitioner()).partition(s.train(), r.partitions(), r.seed());
        out.print(r.dataset() + ": " + p.describe());
      }
    }
  }

  /**
   * Spark logs its start-up at INFO unless logging is configured, burying the progress lines a user
   * wants to see. A configuration the user provided is left alone.
   */
  private static void quietSparkLogs() {
    try {
      var ctx = (LoggerContext) LogManager.getContext(false);
      if (!(ctx.getConfiguration() instanceof DefaultConfiguration)) {
        return;
      }
      var b = ConfigurationBuilderFactory.newConfigurationBuilder();
      b.add(b.newAppender("stderr", "Console").addAttribute("target", "SYSTEM_ERR")
          .add(b.newLayout("PatternLayout").addAttribute("pattern", "%d{HH:mm:ss} %p %c{1}: %m%n")));
      b.add(b.newRootLogger(Level.WARN).add(b.newAppenderRef("stderr")));
      Configurator.reconfigure(b.build());
    } catch (NoClassDefFoundError | ClassCastException e) {
      // Another logging backend: leave its configuration alone.
    }
  }
}
