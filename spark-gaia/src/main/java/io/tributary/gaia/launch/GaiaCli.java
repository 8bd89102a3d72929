package io.tributary.gaia.launch;

import io.tributary.common.asp.AspConfig;
import io.tributary.common.asp.AspGoal;
import io.tributary.gaia.deploy.GaiaRunConfig;
import io.tributary.gaia.deploy.GaiaRunConfig.GaiaSystem;
import io.tributary.gaia.deploy.GaiaWans;
import io.tributary.common.wan.WanTopology;
import io.tributary.gaia.mf.MatrixFactorization;
import io.tributary.gaia.runtime.StopRule;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What the {@code tributary gaia} commands run, taking plain values so the command classes in
 * {@code jobs} stay free of Spark types.
 */
public final class GaiaCli {
  private GaiaCli() {}

  /** Options shared by launch and bench: the MF problem and ASP. */
  public record Problem(String app, int users, int items, int trueRank, int ratingsPerUser, double noise,
      double itemSkew, long dataSeed, String ratingsFile, int rank, double learningRate, double lambda,
      double threshold, int staleness, boolean barrier, String goal, int shardSize) {

    GaiaRunConfig.MfSettings mf() {
      if (!"mf".equals(app)) {
        throw new IllegalArgumentException("--app " + app + " is not available yet; only 'mf' (matrix factorisation)");
      }
      if (ratingsFile != null) {
        if (!Files.isReadable(Path.of(ratingsFile)) && !ratingsFile.contains("://")) {
          throw new IllegalArgumentException("ratings file " + ratingsFile + " does not exist or is not readable");
        }
        return new GaiaRunConfig.MfSettings(rank, learningRate, lambda, 1, null, ratingsFile, 0, false);
      }
      return new GaiaRunConfig.MfSettings(rank, learningRate, lambda, 1,
          new MatrixFactorization.LowRankSpec(users, items, trueRank, ratingsPerUser, noise, itemSkew, dataSeed), null, 0,
          false);
    }

    AspConfig asp() {
      AspGoal g = switch (goal.toLowerCase(Locale.ROOT)) {
        case "speed" -> AspGoal.OPTIMISE_SPEED;
        case "cost" -> AspGoal.MINIMISE_COST;
        default -> throw new IllegalArgumentException("--goal must be speed or cost, got '" + goal + "'");
      };
      if (shardSize % rank != 0) {
        throw new IllegalArgumentException("--shard-size " + shardSize + " must be a multiple of --rank " + rank
            + " (item factor vectors travel whole)");
      }
      return AspConfig.defaults().withInitialThreshold(threshold).withStaleness(staleness).withSelectiveBarrier(barrier)
          .withGoal(g).withShardSize(shardSize);
    }
  }

  /** {@code tributary gaia launch}. */
  public record LaunchOptions(Problem problem, int dcs, String wan, String system, int workersPerDc, int psStaleness, int sspStaleness,
      double target, long maxClocks, double maxSeconds, double bandwidthScale, int jvms, String heap, Path out) {}

  /** {@code tributary gaia bench}. */
  public record BenchOptions(Problem problem, List<String> settings, int workersPerDcTwo, int workersPerDcMany,
      boolean withAsync, double bandwidthScale, int jvms, String heap, double maxSeconds, Path out) {}

  /** Runs one deployment and prints its outcome; returns the exit code. */
  public static int launch(LaunchOptions o, PrintStream out) throws Exception {
    GaiaSystem sys = GaiaSystem.parse(o.system());
    WanTopology wan = GaiaWans.resolve(o.wan(), o.dcs(), o.bandwidthScale());
    StopRule stop = Double.isNaN(o.target()) ? StopRule.converge(o.maxClocks(), o.maxSeconds())
        : StopRule.reach(o.target(), o.maxClocks(), o.maxSeconds());
    String label = sys.label() + "-" + o.wan().replace('/', '-').replace(':', '-') + "-" + o.dcs();
    GaiaLauncher.LaunchSpec spec = new GaiaLauncher.LaunchSpec(label, sys, wan, o.dcs(), o.workersPerDc(),
        o.problem().mf(), o.problem().asp(), o.psStaleness(), o.sspStaleness(), stop, o.jvms(), GaiaLauncher.cores(), o.heap(), o.out());
    List<String> links = GaiaWans.describeLinks(wan);
    out.printf(Locale.ROOT, "[gaia] launching %s over %d data centres of %s (%s)%n", sys.label(), o.dcs(),
        wan.name(), links.size() <= 3 ? String.join("; ", links) : String.format(Locale.ROOT,
            "%d links, %.1f-%.1f Mbps", links.size(), wan.minWanMbps(), wan.maxWanMbps()));
    RunOutcome r = GaiaLauncher.launch(spec, GaiaLauncher.defaultPrices());
    out.printf(Locale.ROOT, "%s: %s after %d clocks; objective target %.6g %s%n", r.label(), r.reason(), r.clocks(),
        r.target(), r.reached() ? String.format(Locale.ROOT, "reached in %.2f s of training", r.timeToTarget())
            : "not reached");
    out.printf(Locale.ROOT, "  training %.2f s (wall %.1f s with start-up), WAN %d bytes, %.1f%% of updates sent,"
        + " %d barriers, cost $%.6f%n", r.trainSeconds(), r.wallSeconds(), r.wanBytes(), 100 * r.sentShare(),
        r.barriers(), r.totalUsd());
    out.println("  results in " + o.out().resolve(label).toAbsolutePath());
    return r.reached() ? 0 : 1;
  }

  /** Runs the benchmark; returns the exit code. */
  public static int bench(BenchOptions o, PrintStream out) throws Exception {
    Problem p = o.problem();
    if (p.ratingsFile() != null) {
      throw new IllegalArgumentException("the benchmark uses generated data; run 'gaia launch --ratings' for a file");
    }
    GaiaRunConfig.MfSettings mf = p.mf();
    GaiaBench.BenchSpec spec = new GaiaBench.BenchSpec(o.out(), mf.generated(), p.rank(), p.learningRate(), p.lambda(),
        o.settings(), o.workersPerDcTwo(), o.workersPerDcMany(), p.asp(), o.withAsync(), o.bandwidthScale(), o.jvms(),
        o.heap(), o.maxSeconds());
    GaiaBench.run(spec, out);
    return 0;
  }
}
