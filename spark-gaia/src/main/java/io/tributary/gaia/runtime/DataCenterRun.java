package io.tributary.gaia.runtime;

import io.tributary.gaia.app.GaiaApp;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The driver loop of one data centre's Spark application (thesis Figure 5.3): the workers are the
 * partitions of a cached RDD of worker states; every clock the driver reads the parameters from
 * its synchronisation layer, broadcasts them, runs one Spark job in which every worker computes
 * its update ({@link GaiaApp#step}), and hands the workers' updates (summed: BSP inside the data
 * centre) back to the synchronisation layer, which shares them with the other data centres.
 *
 * <p>With a staleness {@code s > 0} (SSP inside the data centre) up to {@code s + 1} clocks' jobs
 * run at once: clock {@code t} starts with parameters lacking the updates of clocks still in
 * flight (at most {@code s} of them), and a worker's partition of clock {@code t} starts as soon
 * as its own partition of clock {@code t - 1} is done (Spark waits for the cached block), so fast
 * workers run ahead of slow ones by up to {@code s} clocks. Updates are applied in clock order.
 *
 * <p>Timing: "compute" is time inside Spark jobs, "waiting" is time the driver was held back by
 * the synchronisation layer (mirror clock, barriers, or BASELINE's remote shards). Training time
 * starts at the common start of all data centres (after data loading and connecting).
 *
 * @param <W> the application's worker state
 */
public final class DataCenterRun<W extends Serializable> implements Callable<DataCenterRun.Result> {
  private final String id;
  private final int index;
  private final int dcCount;
  private final int workers;
  private final GaiaApp<W> app;
  private final SyncLayer sync;
  private final GlobalProgress progress;
  private final JavaSparkContext sc;
  private final Path outDir;
  private final long finishTimeoutMillis;
  private final int intraStaleness;
  private volatile long completedClock;

  /** One row of a data centre's trace. */
  public record TraceRow(long clock, double elapsedSeconds, double computeSeconds, double waitSeconds,
      long wanBytesSent, double[] stats) {}

  /**
   * What one data centre did. The figures are grouped by what they measure; the shortcut
   * accessors ({@link #reached()}, {@link #clocks()}, ...) name the ones callers read most.
   *
   * @param dc its id
   * @param goal whether and when the run's goal was met, as this data centre saw it
   * @param timing clocks and time
   * @param traffic WAN usage and final delivery
   * @param series the global objective per clock as this data centre saw it
   * @param trace per-clock trace
   * @param dataBytes training data held by this data centre's workers ({@link GaiaApp#dataBytes})
   * @param finalModel the final model's figures on this data centre
   */
  public record Result(String dc, Goal goal, Timing timing, Traffic traffic, List<GlobalProgress.Point> series,
      List<TraceRow> trace, long dataBytes, FinalModel finalModel) {

    /** Whether the run's goal (target or convergence) was met. */
    public boolean reached() {
      return goal.reached();
    }

    /** Why it stopped. */
    public String reason() {
      return goal.reason();
    }

    /** The objective the run had to reach. */
    public double target() {
      return goal.target();
    }

    /** Training time at which the goal was met (NaN if not). */
    public double reachedSeconds() {
      return goal.reachedSeconds();
    }

    /** Clocks completed. */
    public long clocks() {
      return timing.clocks();
    }

    /** Training time until it stopped. */
    public double trainSeconds() {
      return timing.trainSeconds();
    }

    /** Time held back by synchronisation. */
    public double waitSeconds() {
      return timing.waitSeconds();
    }

    /** WAN usage. */
    public SyncLayer.SyncUsage usage() {
      return traffic.usage();
    }

    /** Whether everything owed to the others was delivered at the end. */
    public boolean delivered() {
      return traffic.delivered();
    }

    /** The final model's quality figures. */
    public Map<String, Double> evaluation() {
      return finalModel.evaluation();
    }

    /** This data centre's statistics of the final model. */
    public double[] finalStats() {
      return finalModel.stats();
    }
  }

  /**
   * The run's goal as one data centre saw it (from its {@link GlobalProgress}).
   *
   * @param reached whether the run's goal (target or convergence) was met
   * @param reason why it stopped
   * @param target the objective the run had to reach (the converged one for a convergence run)
   * @param reachedSeconds training time at which the goal was met (NaN if not)
   */
  public record Goal(boolean reached, String reason, double target, double reachedSeconds) {}

  /**
   * Clocks and time of one data centre.
   *
   * @param clocks clocks completed
   * @param workers workers (partitions) of this data centre
   * @param trainSeconds training time until it stopped
   * @param computeSeconds time in Spark jobs
   * @param waitSeconds time held back by synchronisation
   */
  public record Timing(long clocks, int workers, double trainSeconds, double computeSeconds, double waitSeconds) {}

  /**
   * One data centre's WAN traffic.
   *
   * @param usage WAN usage
   * @param delivered whether everything owed to the others was delivered at the end
   */
  public record Traffic(SyncLayer.SyncUsage usage, boolean delivered) {}

  /**
   * The final model (after the final flush) on one data centre.
   *
   * @param evaluation the final model's quality figures ({@link GaiaApp#evaluate}) on this data
   *     centre's copy of the parameters
   * @param stats this data centre's {@link GaiaApp#dataCentreStats} of the final model scored on
   *     its workers' data; {@link #finalObjective} combines them
   */
  public record FinalModel(Map<String, Double> evaluation, double[] stats) {}

  /**
   * Where a data centre's run sits in the deployment.
   *
   * @param id the data centre's id
   * @param index its position in the deployment
   * @param dcCount data centres in the deployment
   * @param workers number of workers (partitions) here
   */
  public record Place(String id, int index, int dcCount, int workers) {}

  /**
   * The global objective of the final model (after the final flush, so the model every data
   * centre holds) from every data centre's result: the objective the stopping rule used, scored
   * once more where nothing is held back.
   */
  public static double finalObjective(GaiaApp<?> app, List<Result> results) {
    List<double[]> parts = new ArrayList<>();
    for (Result r : results) {
      parts.add(r.finalStats());
    }
    return app.objective(parts);
  }

  /**
   * @param place this data centre and its workers
   * @param outDir where to write {@code trace-<dc>.csv} and {@code result-<dc>.json} (null: nowhere)
   * @param intraStaleness SSP inside the data centre: clock {@code t} may start while up to this
   *     many earlier clocks are still computing (their updates not yet in the parameters it
   *     reads); 0 is BSP
   */
  public DataCenterRun(Place place, GaiaApp<W> app, SyncLayer sync, GlobalProgress progress, JavaSparkContext sc,
      Path outDir, long finishTimeoutMillis, int intraStaleness) {
    if (intraStaleness < 0) {
      throw new IllegalArgumentException("staleness inside a data centre must be >= 0, got " + intraStaleness);
    }
    this.intraStaleness = intraStaleness;
    this.id = place.id();
    this.index = place.index();
    this.dcCount = place.dcCount();
    this.workers = place.workers();
    this.app = app;
    this.sync = sync;
    this.progress = progress;
    this.sc = sc;
    this.outDir = outDir;
    this.finishTimeoutMillis = finishTimeoutMillis;
  }

  public String id() {
    return id;
  }

  /** Clocks completed so far (for monitoring). */
  public long completedClock() {
    return completedClock;
  }

  @Override
  public Result call() throws Exception {
    // Jobs of several data centres hosted in one JVM share its executors fairly.
    sc.setLocalProperty("spark.scheduler.pool", id);
    sc.setJobGroup("gaia-" + id, "Gaia data centre " + id, false);
    JavaRDD<W> state = app.workers(sc, index, dcCount, workers).persist(StorageLevel.MEMORY_ONLY());
    long loaded = state.count();
    if (loaded != workers) {
      throw new IllegalStateException(id + " built " + loaded + " workers, expected " + workers);
    }
    GaiaApp<W> measure = app;
    long dataBytes = state.map(w -> measure.dataBytes(w)).reduce(Long::sum);
    sync.announceReady(System.currentTimeMillis());
    long start = progress.awaitStart(10, TimeUnit.MINUTES);
    List<TraceRow> trace = new ArrayList<>();
    ClockResources<W> held = new ClockResources<>(state);
    ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
    double compute = 0;
    double waiting = 0;
    long started = 0;
    long clock = 0;
    boolean stopping = false;
    GaiaApp<W> a = app;
    // Created here so its threads inherit this data centre's Spark scheduler pool and job group.
    ExecutorService jobs = Executors.newFixedThreadPool(intraStaleness + 1,
        r -> {
          Thread th = new Thread(r, "gaia-" + id + "-job");
          th.setDaemon(true);
          return th;
        });
    double trainSeconds;
    try {
      while (true) {
        // Start clocks while the staleness bound allows: with 0 (BSP) one clock at a time; with s,
        // clock t may start before clocks t-s..t-1 have completed, reading parameters without them.
        while (!stopping && inFlight.size() <= intraStaleness) {
          long t = started + 1;
          if (t > progress.rule().maxClocks()) {
            progress.stop("clock limit " + progress.rule().maxClocks());
          }
          if ((System.currentTimeMillis() - start) / 1000.0 > progress.rule().maxSeconds()) {
            progress.stop("time limit " + progress.rule().maxSeconds() + " s");
          }
          long w0 = System.nanoTime();
          if (progress.shouldStop() || !sync.beginClock(t, progress::shouldStop)) {
            waiting += (System.nanoTime() - w0) / 1e9;
            stopping = true;
            break;
          }
          float[] params = sync.read(t);
          waiting += (System.nanoTime() - w0) / 1e9;
          long c0 = System.nanoTime();
          float[] shared = sync.consensus(params);
          Broadcast<float[]> b = sc.broadcast(params);
          // Every system pays the same scoring pass per clock; only Gaia's scored model differs
          // from the one it trains on (its own held-back updates left out).
          Broadcast<float[]> sb = shared == params ? b : sc.broadcast(shared);
          JavaRDD<GaiaApp.Step<W>> stepped = state.map(w -> {
            double[] score = a.score(w, sb.value());
            GaiaApp.Step<W> s = a.step(w, b.value(), t);
            return new GaiaApp.Step<>(s.worker(), s.delta(), score);
          });
          stepped.persist(StorageLevel.MEMORY_ONLY());
          if (ClockResources.checkpointAt(t)) {
            stepped.rdd().localCheckpoint(); // truncates the lineage that grows by one map per clock
          }
          held.started(t, b, sb, stepped);
          // A blocking collect in a job thread rather than collectAsync: only runJob checkpoints.
          JavaRDD<Tuple2<float[], double[]>> results = stepped.map(x -> new Tuple2<>(x.delta(), x.stats()));
          inFlight.add(new InFlight(t, params, jobs.submit(results::collect)));
          state = stepped.map(GaiaApp.Step::worker);
          started = t;
          compute += (System.nanoTime() - c0) / 1e9;
        }
        InFlight done = inFlight.poll();
        if (done == null) {
          break;
        }
        long t = done.clock;
        long c1 = System.nanoTime();
        List<Tuple2<float[], double[]>> each = done.result.get();
        List<float[]> updates = new ArrayList<>();
        double[] workerStats = null;
        float[] sum = null;
        for (Tuple2<float[], double[]> e : each) {
          if (sync.perWorkerUpdates()) {
            updates.add(e._1());
          } else {
            sum = sum == null ? e._1().clone() : addInPlace(sum, e._1());
          }
          workerStats = workerStats == null ? e._2().clone() : add(workerStats, e._2());
        }
        if (!sync.perWorkerUpdates()) {
          updates.add(sum);
        }
        held.completed(t);
        compute += (System.nanoTime() - c1) / 1e9;

        double elapsed = (System.currentTimeMillis() - start) / 1000.0;
        double[] dcStats = app.dataCentreStats(workerStats, done.params);
        double[] report = Arrays.copyOf(dcStats, dcStats.length + 1);
        report[dcStats.length] = elapsed;
        long w1 = System.nanoTime();
        sync.complete(t, updates, report);
        waiting += (System.nanoTime() - w1) / 1e9;
        progress.report(id, t, report);
        clock = t;
        completedClock = t;
        trace.add(new TraceRow(t, elapsed, compute, waiting, sync.usage().wanBytesSent(), dcStats));
      }
      trainSeconds = (System.currentTimeMillis() - start) / 1000.0;
    } finally {
      jobs.shutdownNow();
    }
    long f0 = System.nanoTime();
    boolean delivered = sync.finish(clock, finishTimeoutMillis);
    waiting += (System.nanoTime() - f0) / 1e9;
    // After the final flush this copy holds every data centre's updates (the model every data
    // centre holds): score it on this data centre's workers, as every clock was scored.
    float[] finalParams = sync.parameters();
    Broadcast<float[]> fb = sc.broadcast(finalParams);
    double[] finalWorkers = state.map(w -> a.score(w, fb.value())).reduce(DataCenterRun::add);
    double[] finalStats = app.dataCentreStats(finalWorkers, finalParams);
    fb.destroy();
    held.releaseAll();
    sc.clearJobGroup();
    Map<String, Double> evaluation = app.evaluate(finalParams);
    Goal goal = new Goal(progress.reached(), progress.reason(), progress.target(), progress.reachedSeconds());
    Result r = new Result(id, goal, new Timing(clock, workers, trainSeconds, compute, waiting),
        new Traffic(sync.usage(), delivered), progress.series(), trace, dataBytes,
        new FinalModel(Map.copyOf(evaluation), finalStats));
    if (outDir != null) {
      write(r, outDir);
    }
    return r;
  }

  private static float[] addInPlace(float[] x, float[] y) {
    for (int i = 0; i < x.length; i++) {
      x[i] += y[i];
    }
    return x;
  }

  /** A clock whose Spark job is running. */
  private record InFlight(long clock, float[] params,
      Future<List<Tuple2<float[], double[]>>> result) {}

  private static double[] add(double[] x, double[] y) {
    double[] out = x.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] += y[i];
    }
    return out;
  }

  /**
   * Writes {@code trace-<dc>.csv}, {@code objective-<dc>.csv} and {@code result-<dc>.json}
   * ({@link DataCenterRunFiles}).
   */
  public static void write(Result r, Path dir) throws IOException {
    DataCenterRunFiles.write(r, dir);
  }
}
