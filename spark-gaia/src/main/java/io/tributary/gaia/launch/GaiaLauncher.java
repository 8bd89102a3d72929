package io.tributary.gaia.launch;

import io.tributary.common.asp.AspConfig;
import io.tributary.common.asp.HubOverlay;
import io.tributary.common.link.DeploymentCa;
import io.tributary.common.link.LinkShape;
import io.tributary.common.link.SecretFiles;
import io.tributary.common.wan.CostModel;
import io.tributary.common.wan.WanTopology;
import io.tributary.gaia.deploy.AppSettings;
import io.tributary.gaia.deploy.GaiaRunConfig.GaiaSystem;
import io.tributary.gaia.deploy.GaiaRunConfig;
import io.tributary.gaia.runtime.StopRule;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts the data centres of one run on this machine — separate JVMs on loopback, each a Spark
 * {@code local[k]} application hosting one data centre, or several when there are more data
 * centres than JVMs — waits for them, and collects their results into a {@link RunOutcome}.
 *
 * <p>Before starting it creates the deployment's CA and one certificate per data centre (a
 * password-protected PKCS#12 file each, in {@code <run>/tls}), picks a free port per data centre,
 * and writes {@code <run>/run.properties}, the configuration every JVM reads. Each JVM's output
 * goes to {@code <run>/logs/jvm-<i>.log}; if one fails, the others are stopped and the error
 * names its log. The key stores and their password live only while the run does: {@code <run>/tls}
 * is removed when the JVMs have ended, whether the run succeeded or not.
 */
public final class GaiaLauncher {
  private GaiaLauncher() {}

  /**
   * What to launch.
   *
   * @param label run name (directory under {@code outDir})
   * @param deployment the system and where its data centres are
   * @param app the application and its data
   * @param asp ASP settings (shard size also used by BASELINE)
   * @param staleness SSP at BASELINE's parameter server and inside data centres
   * @param stop when the run ends
   * @param jvms the JVMs the data centres run in
   * @param outDir parent directory of the run's directory
   */
  public record LaunchSpec(String label, Deployment deployment, AppSettings app, AspConfig asp, Staleness staleness,
      StopRule stop, Jvms jvms, Path outDir) {}

  /**
   * The system and its data centres.
   *
   * @param system Gaia, Gaia_Async, BASELINE or LAN
   * @param wan the WAN (its first {@code dcs} data centres are used); for LAN only the first one's region
   * @param dcs number of data centres the data is spread over (LAN puts all of it in one)
   * @param workersPerDc workers (Spark partitions) per data centre; LAN gets {@code dcs} times as many
   * @param overlay Gaia and Gaia_Async route through the WAN's hub overlay (groups and hubs of the
   *     topology, thesis §5.3.5) instead of broadcasting directly
   */
  public record Deployment(GaiaSystem system, WanTopology wan, int dcs, int workersPerDc, boolean overlay) {
    public Deployment {
      if (dcs < 1 || dcs > wan.size()) {
        throw new IllegalArgumentException("--dcs must be between 1 and the " + wan.size() + " data centres of WAN "
            + wan.name() + ", got " + dcs);
      }
      if (system != GaiaSystem.LAN && dcs < 2) {
        throw new IllegalArgumentException(system.label() + " needs --dcs >= 2");
      }
      if (workersPerDc < 1) {
        throw new IllegalArgumentException("workers, JVMs and cores must be >= 1");
      }
    }
  }

  /**
   * SSP staleness (0: BSP).
   *
   * @param ps BASELINE's, at its parameter server
   * @param inDataCentres inside every data centre
   */
  public record Staleness(int ps, int inDataCentres) {
    /** BSP everywhere. */
    public static final Staleness BSP = new Staleness(0, 0);
  }

  /**
   * The JVMs of a run.
   *
   * @param count at most this many JVMs (data centres are spread round-robin)
   * @param cores cores of this machine to share among the JVMs
   * @param heap {@code -Xmx} of each JVM, e.g. {@code 3g}
   */
  public record Jvms(int count, int cores, String heap) {
    public Jvms {
      if (count < 1 || cores < 1) {
        throw new IllegalArgumentException("workers, JVMs and cores must be >= 1");
      }
    }
  }

  /** The run configuration a spec describes (ports 0 until launch assigns them). */
  public static GaiaRunConfig plan(LaunchSpec s) {
    Deployment d = s.deployment();
    List<String> ids = d.wan().names().subList(0, d.dcs());
    WanTopology wan = d.wan();
    List<GaiaRunConfig.DataCentre> dcs = new ArrayList<>();
    Map<String, LinkShape> shapes = new LinkedHashMap<>();
    if (d.system() == GaiaSystem.LAN) {
      dcs.add(new GaiaRunConfig.DataCentre("lan", wan.dataCenter(ids.get(0)).region(), d.workersPerDc() * d.dcs(),
          "127.0.0.1", 0));
    } else {
      for (String id : ids) {
        dcs.add(new GaiaRunConfig.DataCentre(id, wan.dataCenter(id).region(), d.workersPerDc(), "127.0.0.1", 0));
      }
      for (String a : ids) {
        for (String b : ids) {
          if (a.compareTo(b) < 0) {
            shapes.put(GaiaRunConfig.pairKey(a, b), wan.shape(a, b));
          }
        }
      }
    }
    HubOverlay overlay = null;
    if (d.overlay() && (d.system() == GaiaSystem.GAIA || d.system() == GaiaSystem.GAIA_ASYNC)) {
      overlay = HubOverlay.of(wan.restrict(wan.name() + "-run", ids));
    }
    return GaiaRunConfig.builder(s.label(), d.system()).dataCentres(dcs).shapes(shapes).asp(s.asp())
        .psStaleness(s.staleness().ps()).sspStaleness(s.staleness().inDataCentres()).app(s.app()).overlay(overlay)
        .stop(s.stop()).build();
  }

  /** Launches a run and waits for it; throws naming the failing JVM's log when one fails. */
  public static RunOutcome launch(LaunchSpec spec, CostModel prices) throws IOException, InterruptedException {
    Path dir = spec.outDir().resolve(spec.label()).toAbsolutePath();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> old = Files.list(dir)) {
        for (Path p : old.filter(p -> p.getFileName().toString().matches("(result|trace|objective)-.*")).toList()) {
          Files.delete(p); // results of an earlier run must not be mistaken for this one's
        }
      }
    }
    Files.createDirectories(dir.resolve("logs"));
    GaiaRunConfig planned = plan(spec);
    List<GaiaRunConfig.DataCentre> placed = new ArrayList<>();
    for (GaiaRunConfig.DataCentre d : planned.dataCentres()) {
      placed.add(new GaiaRunConfig.DataCentre(d.id(), d.region(), d.workers(), "127.0.0.1", freePort()));
    }
    int jvms = Math.min(spec.jvms().count(), placed.size());
    int coresPerJvm = Math.max(1, spec.jvms().cores() / jvms);
    Path tlsDir = dir.resolve("tls");
    try {
      return launchWithCredentials(spec, prices, dir, planned, placed, jvms, coresPerJvm, tlsDir);
    } finally {
      SecretFiles.deleteTree(tlsDir); // the JVMs have ended: nothing may use the keys again
    }
  }

  private static RunOutcome launchWithCredentials(LaunchSpec spec, CostModel prices, Path dir,
      GaiaRunConfig planned, List<GaiaRunConfig.DataCentre> placed, int jvms, int coresPerJvm, Path tlsDir)
      throws IOException, InterruptedException {
    String tls = null;
    if (spec.deployment().system() != GaiaSystem.LAN) {
      tls = writeCredentials(tlsDir, spec.label(), planned.ids()).toString();
    }
    GaiaRunConfig cfg = planned.withDataCentres(placed).withTls(tls, "local[" + coresPerJvm + "]");
    Path config = dir.resolve("run.properties");
    cfg.write(config);

    List<List<String>> groups = new ArrayList<>();
    for (int j = 0; j < jvms; j++) {
      groups.add(new ArrayList<>());
    }
    for (int i = 0; i < placed.size(); i++) {
      groups.get(i % jvms).add(placed.get(i).id());
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Process> procs = new ArrayList<>();
    List<Path> logs = new ArrayList<>();
    long t0 = System.nanoTime();
    try {
      for (int j = 0; j < jvms; j++) {
        Path log = dir.resolve("logs").resolve("jvm-" + j + ".log");
        logs.add(log);
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx" + spec.jvms().heap(), "-XX:+UseParallelGC",
            "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
            GaiaDcMain.class.getName(), "--config", config.toString(), "--dc", String.join(",", groups.get(j)),
            "--out", dir.toString());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        procs.add(pb.start());
      }
      waitAll(procs, logs, spec.stop().maxSeconds() + 900);
    } finally {
      for (Process p : procs) {
        if (p.isAlive()) {
          p.destroyForcibly();
        }
      }
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    return RunOutcome.collect(cfg, dir, prices, wall);
  }

  private static void waitAll(List<Process> procs, List<Path> logs, double timeoutSeconds)
      throws InterruptedException, IOException {
    long deadline = System.nanoTime() + (long) (timeoutSeconds * 1e9);
    boolean[] done = new boolean[procs.size()];
    int left = procs.size();
    while (left > 0) {
      for (int j = 0; j < procs.size(); j++) {
        if (done[j]) {
          continue;
        }
        Process p = procs.get(j);
        if (p.waitFor(200, TimeUnit.MILLISECONDS)) {
          done[j] = true;
          left--;
          if (p.exitValue() != 0) {
            throw new IOException("data-centre JVM " + j + " failed (exit " + p.exitValue() + "): " + tail(logs.get(j))
                + " [log: " + logs.get(j) + "]");
          }
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("data-centre JVMs did not finish within " + (long) timeoutSeconds + " s; logs in "
            + logs.get(0).getParent());
      }
    }
  }

  private static String tail(Path log) throws IOException {
    if (!Files.exists(log)) {
      return "(no output)";
    }
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    for (String l : lines) {
      if (l.startsWith("gaia data centre: ")) {
        return l.substring("gaia data centre: ".length());
      }
    }
    return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /**
   * Creates the deployment CA and a certificate per data centre in {@code dir}: {@code ca.pem},
   * {@code <dc>.p12} (PKCS#12) and {@code keystore.pass} (a random password). The directory and
   * every file are owner-only from the moment they exist ({@link SecretFiles}). Nothing here is
   * meant to outlive the run: {@link #launch} removes the directory when the run ends.
   */
  public static Path writeCredentials(Path dir, String deployment, List<String> dcs) throws IOException {
    SecretFiles.createPrivateDirectory(dir);
    DeploymentCa ca = DeploymentCa.create(sanitize(deployment));
    byte[] raw = new byte[18];
    new SecureRandom().nextBytes(raw);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    SecretFiles.write(dir.resolve("keystore.pass"), (password + "\n").getBytes(StandardCharsets.UTF_8));
    ca.writeCertificatePem(dir.resolve("ca.pem"));
    for (String dc : dcs) {
      ca.issue(dc).writePkcs12(dir.resolve(dc + ".p12"), password.toCharArray());
    }
    return dir;
  }

  private static String sanitize(String s) {
    String x = s.replaceAll("[^A-Za-z0-9._-]", "-");
    return x.isEmpty() || !Character.isLetterOrDigit(x.charAt(0)) ? "gaia" + x : x;
  }

  /** Prices for cost figures: thesis Table 5.1. */
  public static CostModel defaultPrices() {
    return CostModel.ec2January2017();
  }

  /** Cores of this machine. */
  public static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }
}
