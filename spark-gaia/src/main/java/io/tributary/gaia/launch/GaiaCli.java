package io.tributary.gaia.launch;

import io.tributary.common.asp.AspConfig;
import io.tributary.common.asp.AspGoal;
import io.tributary.common.asp.HubOverlay;
import io.tributary.common.config.Settings;
import io.tributary.common.data.DatasetLocator;
import io.tributary.common.io.AtomicFiles;
import io.tributary.common.lda.LdaCorpusSpec;
import io.tributary.common.wan.WanTopology;
import io.tributary.gaia.deploy.AppSettings;
import io.tributary.gaia.deploy.GaiaRunConfig.GaiaSystem;
import io.tributary.gaia.deploy.GaiaWans;
import io.tributary.gaia.deploy.IcSettings;
import io.tributary.gaia.deploy.MfSettings;
import io.tributary.gaia.deploy.TmSettings;
import io.tributary.gaia.ic.GeneratedImages;
import io.tributary.gaia.mf.MatrixFactorization;
import io.tributary.gaia.options.AspOptions;
import io.tributary.gaia.options.BenchOptions;
import io.tributary.gaia.options.IcOptions;
import io.tributary.gaia.options.LaunchOptions;
import io.tributary.gaia.options.MfOptions;
import io.tributary.gaia.options.ProblemOptions;
import io.tributary.gaia.options.TmOptions;
import io.tributary.gaia.runtime.StopRule;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the {@code tributary gaia} commands run, taking plain values so the command classes in
 * {@code jobs} stay free of Spark types.
 */
public final class GaiaCli {
  private GaiaCli() {}

  /**
   * The application(s), their data and ASP's settings, shared by launch and bench: the values of
   * {@link ProblemOptions#ALL}.
   *
   * @param settings the values ({@link MfOptions}, {@link TmOptions}, {@link IcOptions}, {@link AspOptions})
   */
  public record Problem(Settings settings) {

    /** The applications named by {@code app}. */
    public List<String> apps() {
      List<String> out = new ArrayList<>();
      String app = settings.get(ProblemOptions.APP);
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
        throw new IllegalArgumentException("--app names one application for a launch, got '"
            + settings.get(ProblemOptions.APP) + "'");
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

    MfSettings mfSettings() {
      Settings s = settings;
      double lr = s.isSet(MfOptions.LR) ? s.get(MfOptions.LR) : MfOptions.DEFAULT_LR;
      String ratings = s.get(MfOptions.RATINGS);
      int rank = s.get(MfOptions.RANK);
      if (ratings != null) {
        if (!Files.isReadable(Path.of(ratings)) && !ratings.contains("://")) {
          throw new IllegalArgumentException("ratings file " + ratings + " does not exist or is not readable");
        }
        return new MfSettings(rank, lr, s.get(MfOptions.LAMBDA), 1, null, ratings, 0, false);
      }
      return new MfSettings(rank, lr, s.get(MfOptions.LAMBDA), 1,
          new MatrixFactorization.LowRankSpec(s.get(MfOptions.USERS), s.get(MfOptions.ITEMS), s.get(MfOptions.TRUE_RANK),
              s.get(MfOptions.RATINGS_PER_USER), s.get(MfOptions.NOISE), s.get(MfOptions.ITEM_SKEW),
              s.get(MfOptions.DATA_SEED)), null, 0, false);
    }

    TmSettings tmSettings() {
      Settings s = settings;
      int topics = s.get(TmOptions.TOPICS);
      double alpha = s.isSet(TmOptions.ALPHA) ? s.get(TmOptions.ALPHA) : 50.0 / topics;
      double beta = s.get(TmOptions.BETA);
      String corpus = s.get(TmOptions.CORPUS);
      String c = corpus.strip();
      if (c.equals("auto")) {
        c = DatasetLocator.newsgroupsTar().isPresent() ? "20news" : "generated";
      }
      if (c.equals("20news")) {
        Path tar = DatasetLocator.newsgroupsTar().orElseThrow(() -> new IllegalArgumentException(
            "--corpus 20news: 20 Newsgroups not found (text/20news-bydate.tar.gz under ../shared/data)"));
        return TmSettings.text(tar.toString(), new TmSettings.TextFolders("20news-bydate-train", "20news-bydate-test",
            s.get(TmOptions.MAX_VOCABULARY)), s.get(TmOptions.MAX_DOCS), TmSettings.Lda.of(topics, alpha, beta, 1));
      }
      if (c.equals("generated")) {
        return TmSettings.generated(new LdaCorpusSpec(s.get(TmOptions.DOCUMENTS), s.get(TmOptions.VOCABULARY),
            s.get(TmOptions.TRUE_TOPICS), s.get(TmOptions.DOC_LENGTH), 0.2, 0.05, s.get(MfOptions.DATA_SEED)), topics,
            alpha, beta, 1, s.get(TmOptions.HELD_OUT_DOCS));
      }
      String[] f = c.split(":");
      if (f[0].equals("docword") && (f.length == 2 || f.length == 3)) {
        return TmSettings.docword(f[1], f.length == 3 ? f[2] : null, topics, alpha, beta, 1,
            s.get(TmOptions.HELD_OUT_DOCS), s.get(TmOptions.MAX_DOCS));
      }
      if (f[0].equals("text") && (f.length == 3 || f.length == 4)) {
        return TmSettings.text(f[1], new TmSettings.TextFolders(f[2], f.length == 4 ? f[3] : "",
            s.get(TmOptions.MAX_VOCABULARY)), s.get(TmOptions.MAX_DOCS), TmSettings.Lda.of(topics, alpha, beta, 1));
      }
      throw new IllegalArgumentException("--corpus must be auto, 20news, generated, docword:FILE[:VOCAB] or"
          + " text:PATH:TRAIN-PREFIX[:TEST-PREFIX], got '" + corpus + "'");
    }

    IcSettings icSettings() {
      Settings s = settings;
      double lr = s.isSet(MfOptions.LR) ? s.get(MfOptions.LR) : IcOptions.DEFAULT_LR;
      int trainImages = s.get(IcOptions.TRAIN_IMAGES);
      int testImages = s.get(IcOptions.TEST_IMAGES);
      String src = s.get(IcOptions.IMAGES).strip();
      String path = null;
      if (src.startsWith("cifar10")) {
        path = src.contains(":") ? src.substring(src.indexOf(':') + 1)
            : DatasetLocator.cifar10Tar().map(Path::toString).orElseThrow(() -> new IllegalArgumentException(
                "--images cifar10: CIFAR-10 not found (cifar10/cifar10-jpg.tar under ../shared/data); give cifar10:PATH"));
        src = "cifar10";
      }
      GeneratedImages g = src.equals("generated")
          ? new GeneratedImages(10, 12, Math.max(100, trainImages), Math.max(100, testImages), 0.35, 21)
          : null;
      return new IcSettings(new IcSettings.Training(s.get(IcOptions.ARCH), lr, s.get(IcOptions.MOMENTUM),
          s.get(IcOptions.WEIGHT_DECAY), s.get(IcOptions.BATCH), s.get(IcOptions.BATCHES_PER_CLOCK), 1),
          new IcSettings.IcData(src, g, path, g == null ? trainImages : 0, g == null ? testImages : 0));
    }

    /** ASP settings for application {@code name}. */
    public AspConfig asp(String name) {
      String goal = settings.get(AspOptions.GOAL);
      Integer shardSize = settings.get(AspOptions.SHARD_SIZE);
      int rank = settings.get(MfOptions.RANK);
      AspGoal g = switch (goal.toLowerCase(Locale.ROOT)) {
        case "speed" -> AspGoal.OPTIMISE_SPEED;
        case "cost" -> AspGoal.MINIMISE_COST;
        default -> throw new IllegalArgumentException("--goal must be speed or cost, got '" + goal + "'");
      };
      int shard = shardSize != null ? shardSize : 4096;
      if (name.equals("mf") && shard % rank != 0) {
        if (shardSize != null) {
          throw new IllegalArgumentException("--shard-size " + shardSize + " must be a multiple of --rank " + rank
              + " (item factor vectors travel whole)");
        }
        shard = Math.max(1, 4096 / rank) * rank;
      }
      Double threshold = settings.get(AspOptions.THRESHOLD);
      double v = threshold != null ? threshold : defaultThreshold(name);
      return AspConfig.defaults().withInitialThreshold(v).withStaleness(settings.get(AspOptions.DS))
          .withSelectiveBarrier(!settings.get(AspOptions.NO_BARRIER)).withGoal(g).withShardSize(shard);
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

  /**
   * Runs one deployment and prints its outcome; returns the exit code. The settings are recorded
   * in the run's directory as {@code launch-config.txt} ({@link LaunchOptions#ALL}, one
   * {@code key=value} line each).
   *
   * @param s values of {@link LaunchOptions#ALL}
   * @param outDir the parent of the run's directory
   */
  public static int launch(Settings s, Path outDir, PrintStream out) throws Exception {
    Problem problem = new Problem(s);
    GaiaSystem sys = GaiaSystem.parse(s.get(LaunchOptions.SYSTEM));
    int dcs = s.get(LaunchOptions.DCS);
    String wanText = s.get(LaunchOptions.WAN);
    WanTopology wan = GaiaWans.resolve(wanText, dcs, s.get(LaunchOptions.BANDWIDTH_SCALE));
    Double target = s.get(LaunchOptions.TARGET);
    long maxClocks = s.get(LaunchOptions.MAX_CLOCKS);
    double maxSeconds = s.get(LaunchOptions.MAX_SECONDS);
    StopRule stop = target == null ? StopRule.converge(maxClocks, maxSeconds)
        : StopRule.reach(target, maxClocks, maxSeconds);
    boolean overlay = s.get(LaunchOptions.OVERLAY);
    int jvms = s.get(LaunchOptions.JVMS);
    String wanName = Files.isRegularFile(Path.of(wanText)) ? Path.of(wanText).getFileName().toString() : wanText;
    String label = problem.single() + "-" + sys.label() + "-" + wanName.replace('/', '-').replace(':', '-') + "-"
        + dcs + (overlay ? "-overlay" : "");
    String app = problem.single();
    GaiaLauncher.LaunchSpec spec = new GaiaLauncher.LaunchSpec(label,
        new GaiaLauncher.Deployment(sys, wan, dcs, s.get(LaunchOptions.WORKERS), overlay), problem.settings(app),
        problem.asp(app),
        new GaiaLauncher.Staleness(s.get(LaunchOptions.PS_STALENESS), s.get(LaunchOptions.SSP_STALENESS)), stop,
        new GaiaLauncher.Jvms(jvms > 0 ? jvms : Math.max(1, Math.min(dcs, Runtime.getRuntime().availableProcessors())),
            GaiaLauncher.cores(), s.get(LaunchOptions.HEAP)), outDir);
    List<String> links = GaiaWans.describeLinks(wan);
    if (overlay && plannedOverlay(spec) != null) {
      out.print(plannedOverlay(spec).describe());
    }
    out.printf(Locale.ROOT, "[gaia] launching %s (%s) over %d data centres of %s (%s)%n", sys.label(), app, dcs,
        wan.name(), links.size() <= 3 ? String.join("; ", links) : String.format(Locale.ROOT,
            "%d links, %.1f-%.1f Mbps", links.size(), wan.minWanMbps(), wan.maxWanMbps()));
    Path runDir = outDir.resolve(label);
    Files.createDirectories(runDir);
    AtomicFiles.writeString(runDir.resolve("launch-config.txt"), "# tributary gaia launch: the settings of this run,"
        + " as 'tributary gaia launch --help' names them\n" + s.toText(LaunchOptions.ALL));
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
    out.println("  results in " + outDir.resolve(label).toAbsolutePath());
    return r.reached() ? 0 : 1;
  }

  private static HubOverlay plannedOverlay(GaiaLauncher.LaunchSpec spec) {
    return GaiaLauncher.plan(spec).overlay();
  }

  /**
   * Runs the benchmark; returns the exit code.
   *
   * @param s values of {@link BenchOptions#ALL}
   * @param outDir the benchmark's output directory
   */
  public static int bench(Settings s, Path outDir, PrintStream out) throws Exception {
    Problem p = new Problem(s);
    List<GaiaBenchApp> apps = new ArrayList<>();
    for (String a : p.apps()) {
      if (a.equals("mf") && s.get(MfOptions.RATINGS) != null) {
        throw new IllegalArgumentException("the benchmark uses generated MF data; run 'gaia launch --ratings' for a file");
      }
      apps.add(new GaiaBenchApp(a, p.settings(a), p.asp(a), a.equals("ic") ? 0.01 : 0.0));
    }
    GaiaBenchSpec spec = new GaiaBenchSpec(outDir, apps, s);
    GaiaBench.run(spec, out);
    return 0;
  }
}
