package io.tributary.gaia.launch;

import io.tributary.common.link.EndpointCredentials;
import io.tributary.gaia.deploy.GaiaRunConfig;
import io.tributary.gaia.runtime.DataCenterRun;
import io.tributary.gaia.runtime.GaiaHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Entry point of a data centre's Spark application: {@code GaiaDcMain --config run.properties
 * --dc virginia[,california...] --out DIR}. Submit it with {@code spark-submit --class
 * io.tributary.gaia.launch.GaiaDcMain} on each data centre's cluster (one data centre per
 * application), or let {@code tributary gaia launch} start it in local JVMs (possibly several data
 * centres per JVM). Credentials come from the configuration's {@code tls.dir}: {@code ca.pem},
 * {@code <dc>.p12} and {@code keystore.pass}.
 *
 * <p>Exit status 0 when every hosted data centre finished, 1 on failure (one line on stderr
 * naming the problem, then the stack trace).
 */
public final class GaiaDcMain {
  private GaiaDcMain() {}

  public static void main(String[] args) {
    int code;
    try {
      code = run(args);
    } catch (Exception e) {
      System.err.println("gaia data centre: " + e.getMessage());
      e.printStackTrace();
      code = 1;
    }
    System.exit(code);
  }

  static int run(String[] args) throws Exception {
    Path config = null;
    List<String> dcs = null;
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + a + " needs a value; usage: --config FILE --dc IDS --out DIR");
      }
      switch (a) {
        case "--config" -> config = Path.of(args[++i]);
        case "--dc" -> dcs = Arrays.asList(args[++i].split(","));
        case "--out" -> out = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + a + "; usage: --config FILE --dc IDS --out DIR");
      }
    }
    if (config == null || dcs == null || out == null) {
      throw new IllegalArgumentException("usage: --config FILE --dc IDS --out DIR");
    }
    GaiaRunConfig cfg = GaiaRunConfig.read(config);
    for (String dc : dcs) {
      cfg.dataCentre(dc);
    }
    SparkConf conf = new SparkConf(true);
    if (!conf.contains("spark.master")) {
      conf.setMaster(cfg.sparkMaster() != null ? cfg.sparkMaster() : "local[*]");
    }
    conf.setIfMissing("spark.app.name", "gaia-" + String.join("-", dcs));
    conf.setIfMissing("spark.ui.enabled", "false");
    conf.setIfMissing("spark.scheduler.mode", "FAIR");
    SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    GaiaHost.Credentials creds = credentials(cfg);
    System.err.println("[gaia] " + cfg.label() + ": hosting " + dcs + " (" + cfg.system().label() + ") on "
        + sc.master());
    try (GaiaHost host = GaiaHost.start(cfg, dcs, sc, creds, GaiaHost.Dialing.DIRECT, out)) {
      long timeout = (long) Math.min(7 * 24 * 3600, cfg.stop().maxSeconds() + 900);
      for (DataCenterRun.Result r : host.await(timeout, TimeUnit.SECONDS)) {
        System.err.printf("[gaia] %s: %d clocks, %s, %.1f s training, %d WAN bytes sent%n", r.dc(), r.clocks(),
            r.reason(), r.trainSeconds(), r.usage().wanBytesSent());
      }
    } finally {
      spark.stop();
    }
    return 0;
  }

  /** Credentials from the run's TLS directory (none needed for LAN). */
  static GaiaHost.Credentials credentials(GaiaRunConfig cfg) {
    if (cfg.tlsDir() == null) {
      return dc -> {
        throw new IllegalArgumentException("run " + cfg.label() + " has no tls.dir: data centres need certificates");
      };
    }
    Path dir = Path.of(cfg.tlsDir());
    return dc -> {
      Path pass = dir.resolve("keystore.pass");
      char[] pw = Files.readString(pass, StandardCharsets.UTF_8).strip().toCharArray();
      return EndpointCredentials.load(dir.resolve(dc + ".p12"), pw, dir.resolve("ca.pem"));
    };
  }
}
