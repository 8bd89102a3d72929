package io.tributary.gaia;

import io.tributary.common.asp.AspConfig;
import io.tributary.common.link.LinkShape;
import io.tributary.gaia.deploy.AppSettings;
import io.tributary.gaia.deploy.GaiaRunConfig.GaiaSystem;
import io.tributary.gaia.deploy.GaiaRunConfig;
import io.tributary.gaia.deploy.MfSettings;
import io.tributary.gaia.mf.MatrixFactorization;
import io.tributary.gaia.runtime.StopRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/** Shared set-up of the spark-gaia tests: one local Spark, small MF problems, run configs. */
public final class GaiaTestSupport {
  private static JavaSparkContext sc;

  private GaiaTestSupport() {}

  /** One local[2] Spark for all tests of the module (they share the JVM). */
  /**
   * How far above its stopping target Gaia's final MF model (after the final flush) may score. ASP is
   * approximate: at the stop, updates held back as insignificant or still in flight are not in the
   * model the run was scored on, and how many depends on how fast clocks run against the link, so on
   * the machine's load. Measured 0-7% over runs on an idle and a loaded machine; BASELINE's one
   * consistent model is checked to 1%.
   */
  public static final double GAIA_FINAL_MODEL_TOLERANCE = 1.15;

  public static synchronized JavaSparkContext spark() {
    if (sc == null) {
      SparkSession s = SparkSession.builder().master("local[2]").appName("gaia-tests")
          .config("spark.ui.enabled", "false")
          .config("spark.scheduler.mode", "FAIR")
          .config("spark.driver.host", "127.0.0.1")
          .getOrCreate();
      sc = JavaSparkContext.fromSparkContext(s.sparkContext());
    }
    return sc;
  }

  /** A small generated matrix: 1200 users x 200 items, 40 ratings each, true rank 4. */
  public static MatrixFactorization.LowRankSpec smallMatrix() {
    return new MatrixFactorization.LowRankSpec(1200, 200, 4, 40, 0.1, 1.5, 7);
  }

  public static MfSettings mf(MatrixFactorization.LowRankSpec spec) {
    return new MfSettings(8, 0.05, 0.02, 3, spec, null, 0, false);
  }

  /** A run of {@code system} over {@code dcs} data centres joined by {@code shape}, in process. */
  public static GaiaRunConfig config(GaiaSystem system, int dcs, int workersPerDc, LinkShape shape,
      AppSettings mf, AspConfig asp, StopRule stop) {
    List<GaiaRunConfig.DataCentre> list = new ArrayList<>();
    Map<String, LinkShape> shapes = new LinkedHashMap<>();
    for (int i = 0; i < dcs; i++) {
      list.add(new GaiaRunConfig.DataCentre("dc" + i, "virginia", workersPerDc, "127.0.0.1", 0));
      for (int j = i + 1; j < dcs; j++) {
        shapes.put(GaiaRunConfig.pairKey("dc" + i, "dc" + j), shape);
      }
    }
    return GaiaRunConfig.builder(system.label() + "-test", system).dataCentres(list).shapes(shapes).asp(asp).app(mf)
        .stop(stop).build();
  }
}
