package io.tributary.gaia.launch;

import io.tributary.common.asp.AspConfig;
import io.tributary.common.asp.AspGoal;
import io.tributary.common.data.DatasetLocator;
import io.tributary.common.lda.LdaCorpusSpec;
import io.tributary.gaia.deploy.AppSettings;
import io.tributary.gaia.deploy.GaiaRunConfig;
import io.tributary.gaia.deploy.IcSettings;
import io.tributary.gaia.deploy.TmSettings;
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

  /**
   * Matrix factorisation options.
   *
   * @param lr SGD step size at clock 1 (null: 0.01)
   */
  public record MfOptions(int users, int items, int trueRank, int ratingsPerUser, double noise, double itemSkew,
      long dataSeed, String ratingsFile, int rank, Double lr, double lambda) {
    public MfOptions {
      if (rank < 1) {
        throw new IllegalArgumentException("--rank must be >= 1, got " + rank);
      }
    }
  }

  /**
   * Topic modelling options.
   *
   * @param corpus {@code auto} (20 Newsgroups of ../shared/data if present, else generated),
   *     {@code 20news}, {@code generated}, {@code docword:FILE[:VOCAB]} or
   *     {@code text:PATH:TRAIN-PREFIX[:TEST-PREFIX]}
   * @param alpha document-topic prior (null: 50 / topics, Griffiths and Steyvers)
   */
  public record TmOptions(String corpus, int topics, Double alpha, double beta, int maxVocabulary, int docsPerClass,
      int heldOutDocs, int documents, int vocabulary, int trueTopics, int docLength, long dataSeed) {}

  /**
   * Image classification options.
   *
   * @param images {@code fashion-mnist}, {@code mnist}, {@code cifar10[:PATH]} or {@code generated}
   * @param lr momentum-SGD step size (null: 0.05)
   */
  public record IcOptions(String images, String arch, Double lr, double momentum, double weightDecay, int batch,
      int batchesPerClock, int trainImages, int testImages) {}

  /**
   * Options shared by launch and bench: the application(s), their data, and ASP.
   *
   * @param app {@code mf}, {@code tm} or {@code ic} (the bench takes a comma-separated list)
   * @param threshold ASP's initial significance threshold (null: the application's default,
   *     {@link #defaultThreshold})
   * @param shardSize parameters per shard (null: 4096, rounded to the MF rank)
   */
  public record Problem(String app, MfOptions mf, TmOptions tm, IcOptions ic, Double threshold, int staleness,
      boolean barrier, String goal, Integer shardSize) {

    /** The applications named by {@code app}. */
    public List<String> apps() {
      List<String> out = new java.util.ArrayList<>();
      for (String a : app.split(",")) {
        String x = a.strip().toLowerCase(Locale.ROOT);
        if (!List.of("mf", "tm", "ic").contains(x)) {
          throw new IllegalArgumentException("--app must be mf, tm or ic (or a list for the bench), got '" + a + "'");
        }
        if (!out.contains(x)) {
          out.add(x);
        }
      }
      return out;
    }

    /** The single application of a launch. */
    String single() {
      List<String> a = apps();
      if (a.size() != 1) {
        throw new IllegalArgumentException("--app names one application for a launch, got '" + app + "'");
      }
      return a.get(0);
    }

    /** The settings of application {@code name} from these options. */
    public AppSettings settings(String name) {
      return switch (name) {
        case "mf" -> mfSettings();
        case "tm" -> tmSettings();
        case "ic" -> icSettings();
        default -> throw new IllegalArgumentException("unknown application " + name);
      };
    }

    GaiaRunConfig.MfSettings mfSettings() {
      double lr = mf.lr() == null ? 0.01 : mf.lr();
      if (mf.ratingsFile() != null) {
        if (!Files.isReadable(Path.of(mf.ratingsFile())) && !mf.ratingsFile().contains("://")) {
          throw new IllegalArgumentException("ratings file " + mf.ratingsFile() + " does not exist or is not readable");
        }
        return new GaiaRunConfig.MfSettings(mf.rank(), lr, mf.lambda(), 1, null, mf.ratingsFile(), 0, false);
      }
      return new GaiaRunConfig.MfSettings(mf.rank(), lr, mf.lambda(), 1,
          new MatrixFactorization.LowRankSpec(mf.users(), mf.items(), mf.trueRank(), mf.ratingsPerUser(), mf.noise(),
              mf.itemSkew(), mf.dataSeed()), null, 0, false);
    }

    TmSettings tmSettings() {
      double alpha = tm.alpha() == null ? 50.0 / tm.topics() : tm.alpha();
      String c = tm.corpus().strip();
      if (c.equals("auto")) {
        c = DatasetLocator.newsgroupsTar().isPresent() ? "20news" : "generated";
      }
      if (c.equals("20news")) {
        Path tar = DatasetLocator.newsgroupsTar().orElseThrow(() -> new IllegalArgumentException(
            "--corpus 20news: 20 Newsgroups not found (text/20news-bydate.tar.gz under ../shared/data)"));
        return TmSettings.text(tar.toString(), "20news-bydate-train", "20news-bydate-test", tm.topics(), alpha,
            tm.beta(), 1, tm.maxVocabulary(), tm.docsPerClass());
      }
      if (c.equals("generated")) {
        return TmSettings.generated(new LdaCorpusSpec(tm.documents(), tm.vocabulary(), tm.trueTopics(), tm.docLength(),
            0.2, 0.05, tm.dataSeed()), tm.topics(), alpha, tm.beta(), 1, tm.heldOutDocs());
      }
      String[] f = c.split(":");
      if (f[0].equals("docword") && (f.length == 2 || f.length == 3)) {
        return TmSettings.docword(f[1], f.length == 3 ? f[2] : null, tm.topics(), alpha, tm.beta(), 1,
            tm.heldOutDocs(), tm.docsPerClass());
      }
      if (f[0].equals("text") && (f.length == 3 || f.length == 4)) {
        return TmSettings.text(f[1], f[2], f.length == 4 ? f[3] : "", tm.topics(), alpha, tm.beta(), 1,
            tm.maxVocabulary(), tm.docsPerClass());
      }
      throw new IllegalArgumentException("--corpus must be auto, 20news, generated, docword:FILE[:VOCAB] or"
          + " text:PATH:TRAIN-PREFIX[:TEST-PREFIX], got '" + tm.corpus() + "'");
    }

    IcSettings icSettings() {
      double lr = ic.lr() == null ? 0.05 : ic.lr();
      String src = ic.images().strip();
      String path = null;
      if (src.startsWith("cifar10")) {
        path = src.contains(":") ? src.substring(src.indexOf(':') + 1)
            : DatasetLocator.cifar10Tar().map(Path::toString).orElseThrow(() -> new IllegalArgumentException(
                "--images cifar10: CIFAR-10 not found (cifar10/cifar10-jpg.tar under ../shared/data); give cifar10:PATH"));
        src = "cifar10";
      }
      io.tributary.gaia.ic.GeneratedImages g = src.equals("generated")
          ? new io.tributary.gaia.ic.GeneratedImages(10, 12, Math.max(100, ic.trainImages()),
              Math.max(100, ic.testImages()), 0.35, 21)
          : null;
      return new IcSettings(ic.arch(), lr, ic.momentum(), ic.weightDecay(), ic.batch(), ic.batchesPerClock(), 1, src, g,
          path, g == null ? ic.trainImages() : 0, g == null ? ic.testImages() : 0);
    }

    /** ASP settings for application {@code name}. */
    public AspConfig asp(String name) {
      AspGoal g = switch (goal.toLowerCase(Locale.ROOT)) {
        case "speed" -> AspGoal.OPTIMISE_SPEED;
        case "cost" -> AspGoal.MINIMISE_COST;
        default -> throw new IllegalArgumentException("--goal must be speed or cost, got '" + goal + "'");
      };
      int shard = shardSize != null ? shardSize : 4096;
      if (name.equals("mf") && shard % mf.rank() != 0) {
        if (shardSize != null) {
          throw new IllegalArgumentException("--shard-size " + shardSize + " must be a multiple of --rank " + mf.rank()
              + " (item factor vectors travel whole)");
        }
        shard = Math.max(1, 4096 / mf.rank()) * mf.rank();
      }
      double v = threshold != null ? threshold : defaultThreshold(name);
      return AspConfig.defaults().withInitialThreshold(v).withStaleness(staleness).withSelectiveBarrier(barrier)
          .withGoal(g).withShardSize(shard);
    }
  }

  /**
   * The initial significance threshold each application uses unless told otherwise, chosen as
   * thesis §5.3.4 prescribes (local runs with several values; the one that reaches LAN's objective
   * with the least traffic): MF 0.2 (its clocks are whole passes, see the README); TM 1.0 (a count
   * change relative to the count, and most word-topic counts are small: on 20 Newsgroups, 2 data
   * centres over S/S, v = 0.02, 0.1, 0.3 and 1.0 all reached LAN's log-likelihood in 21-23 clocks
   * and sent 99.9%, 97%, 84% and 47% of the count updates); IC 0.05 (see the README).
   */
  public static double defaultThreshold(String app) {
    return switch (app) {
      case "mf" -> 0.2;
      case "tm" -> 1.0;
      case "ic" -> 0.05;
      default -> throw new IllegalArgumentException("unknown application " + app);
    };
  }

  /** {@code tributary gaia launch}. */
  public record LaunchOptions(Problem problem, int dcs, String wan, String system, int workersPerDc, int psStaleness,
      int sspStaleness, double target, long maxClocks, double maxSeconds, double bandwidthScale, int jvms, String heap,
      Path out, boolean overlay) {}

  /** {@code tributary gaia bench}. */
  public record BenchOptions(Problem problem, List<String> settings, int workersPerDcTwo, int workersPerDcMany,
      boolean withAsync, double bandwidthScale, String heap, double maxSeconds, Path out, List<String> syncs,
      int sspStaleness, boolean overlay) {}

  /** Runs one deployment and prints its outcome; returns the exit code. */
  public static int launch(LaunchOptions o, PrintStream out) throws Exception {
    GaiaSystem sys = GaiaSystem.parse(o.system());
    WanTopology wan = GaiaWans.resolve(o.wan(), o.dcs(), o.bandwidthScale());
    StopRule stop = Double.isNaN(o.target()) ? StopRule.converge(o.maxClocks(), o.maxSeconds())
        : StopRule.reach(o.target(), o.maxClocks(), o.maxSeconds());
    String wanName = Files.isRegularFile(Path.of(o.wan())) ? Path.of(o.wan()).getFileName().toString() : o.wan();
    String label = o.problem().single() + "-" + sys.label() + "-" + wanName.replace('/', '-').replace(':', '-') + "-"
        + o.dcs() + (o.overlay() ? "-overlay" : "");
    String app = o.problem().single();
    GaiaLauncher.LaunchSpec spec = new GaiaLauncher.LaunchSpec(label, sys, wan, o.dcs(), o.workersPerDc(),
        o.problem().settings(app), o.problem().asp(app), o.psStaleness(), o.sspStaleness(), stop, o.jvms(),
        GaiaLauncher.cores(), o.heap(), o.out(), o.overlay());
    List<String> links = GaiaWans.describeLinks(wan);
    if (spec.overlay() && plannedOverlay(spec) != null) {
      out.print(plannedOverlay(spec).describe());
    }
    out.printf(Locale.ROOT, "[gaia] launching %s (%s) over %d data centres of %s (%s)%n", sys.label(), app, o.dcs(),
        wan.name(), links.size() <= 3 ? String.join("; ", links) : String.format(Locale.ROOT,
            "%d links, %.1f-%.1f Mbps", links.size(), wan.minWanMbps(), wan.maxWanMbps()));
    RunOutcome r = GaiaLauncher.launch(spec, GaiaLauncher.defaultPrices());
    out.printf(Locale.ROOT, "%s: %s after %d clocks; objective target %.6g %s%n", r.label(), r.reason(), r.clocks(),
        r.target(), r.reached() ? String.format(Locale.ROOT, "reached in %.2f s of training", r.timeToTarget())
            : "not reached");
    out.printf(Locale.ROOT, "  training %.2f s (wall %.1f s with start-up), WAN %d bytes, %.1f%% of updates sent,"
        + " %d barriers, cost $%.6f%n", r.trainSeconds(), r.wallSeconds(), r.wanBytes(), 100 * r.sentShare(),
        r.barriers(), r.totalUsd());
    if (!r.evaluation().isEmpty()) {
      out.println("  final model: " + r.evaluation());
    }
    out.println("  results in " + o.out().resolve(label).toAbsolutePath());
    return r.reached() ? 0 : 1;
  }

  private static io.tributary.common.asp.HubOverlay plannedOverlay(GaiaLauncher.LaunchSpec spec) {
    return GaiaLauncher.plan(spec).overlay();
  }

  /** Runs the benchmark; returns the exit code. */
  public static int bench(BenchOptions o, PrintStream out) throws Exception {
    Problem p = o.problem();
    List<GaiaBench.BenchApp> apps = new java.util.ArrayList<>();
    for (String a : p.apps()) {
      if (a.equals("mf") && p.mf().ratingsFile() != null) {
        throw new IllegalArgumentException("the benchmark uses generated MF data; run 'gaia launch --ratings' for a file");
      }
      apps.add(new GaiaBench.BenchApp(a, p.settings(a), p.asp(a), a.equals("ic") ? 0.01 : 0.0));
    }
    List<Integer> syncs = new java.util.ArrayList<>();
    for (String s : o.syncs()) {
      switch (s.strip().toLowerCase(Locale.ROOT)) {
        case "bsp" -> syncs.add(0);
        case "ssp" -> syncs.add(o.sspStaleness());
        default -> throw new IllegalArgumentException("--sync must be bsp and/or ssp, got '" + s + "'");
      }
    }
    GaiaBench.BenchSpec spec = new GaiaBench.BenchSpec(o.out(), apps, o.settings(), o.workersPerDcTwo(),
        o.workersPerDcMany(), o.withAsync(), o.bandwidthScale(), o.heap(), o.maxSeconds(), syncs,
        o.overlay());
    GaiaBench.run(spec, out);
    return 0;
  }
}
