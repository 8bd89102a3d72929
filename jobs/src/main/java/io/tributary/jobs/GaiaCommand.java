package io.tributary.jobs;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tributary gaia}: Gaia: geo-distributed training with Approximate Synchronous Parallel (Spark). */
@Command(name = "gaia", mixinStandardHelpOptions = true,
    description = "Gaia: geo-distributed training with Approximate Synchronous Parallel (Spark).",
    subcommands = {GaiaLaunchCommand.class, GaiaBenchCommand.class})
public final class GaiaCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand of 'gaia'");
  }

  /**
   * A relative output path is taken from the repository root ({@code -Dtributary.root}, set by the
   * {@code ./tributary} launcher), so results land in {@code <repo>/results/...} wherever it runs.
   */
  static java.nio.file.Path underRoot(java.nio.file.Path p) {
    String root = System.getProperty("tributary.root");
    return p.isAbsolute() || root == null ? p : java.nio.file.Path.of(root).resolve(p);
  }

  /** The application, its data and ASP's settings, shared by launch and bench. */
  public static final class ProblemOptions {
    @Option(names = "--app", defaultValue = "mf", description = "Application: mf (matrix factorisation). Default: ${DEFAULT-VALUE}")
    String app;

    @Option(names = "--users", defaultValue = "20000", description = "Generated data: users. Default: ${DEFAULT-VALUE}")
    int users;

    @Option(names = "--items", defaultValue = "4000", description = "Generated data: items. Default: ${DEFAULT-VALUE}")
    int items;

    @Option(names = "--true-rank", defaultValue = "8", description = "Generated data: rank of the true factors. Default: ${DEFAULT-VALUE}")
    int trueRank;

    @Option(names = "--ratings-per-user", defaultValue = "50", description = "Generated data: ratings per user. Default: ${DEFAULT-VALUE}")
    int ratingsPerUser;

    @Option(names = "--noise", defaultValue = "0.1", description = "Generated data: rating noise (std dev). Default: ${DEFAULT-VALUE}")
    double noise;

    @Option(names = "--item-skew", defaultValue = "1.5", description = "Generated data: item popularity skew (1 = uniform). Default: ${DEFAULT-VALUE}")
    double itemSkew;

    @Option(names = "--data-seed", defaultValue = "42", description = "Generated data: seed. Default: ${DEFAULT-VALUE}")
    long dataSeed;

    @Option(names = "--ratings", description = "Rating triples (user item rating; comma, tab, whitespace or MovieLens '::') instead of generated data")
    String ratings;

    @Option(names = "--rank", defaultValue = "16", description = "Model rank. Default: ${DEFAULT-VALUE}")
    int rank;

    @Option(names = "--lr", defaultValue = "0.01", description = "SGD step size at clock 1 (decays as lr/sqrt(t)). Default: ${DEFAULT-VALUE}")
    double lr;

    @Option(names = "--lambda", defaultValue = "0.02", description = "L2 regularisation. Default: ${DEFAULT-VALUE}")
    double lambda;

    @Option(names = "--threshold", defaultValue = "0.2", description = {"ASP initial significance threshold v (decays as v/sqrt(t)). Default: ${DEFAULT-VALUE},",
        "chosen as thesis 5.3.4 says (local runs with several v, the one that reaches the target with least traffic)",
        "for the default MF problem, whose clocks are whole passes; the paper's 1%% sends almost every update here"})
    double threshold;

    @Option(names = "--ds", defaultValue = "4", description = "ASP mirror clock: data-centre staleness DS. Default: ${DEFAULT-VALUE}")
    int staleness;

    @Option(names = "--no-barrier", description = "Disable ASP selective barriers")
    boolean noBarrier;

    @Option(names = "--goal", defaultValue = "cost", description = {"ASP soft threshold: speed (lowered while WAN bandwidth is idle) or cost (off). Default: ${DEFAULT-VALUE}:",
        "emulated data centres share this machine's cores, so traffic that a real deployment would carry for free",
        "on idle links costs them CPU here"})
    String goal;

    @Option(names = "--shard-size", defaultValue = "4096", description = "Parameters per parameter-store shard. Default: ${DEFAULT-VALUE}")
    int shardSize;

    io.tributary.gaia.launch.GaiaCli.Problem toProblem() {
      return new io.tributary.gaia.launch.GaiaCli.Problem(app, users, items, trueRank, ratingsPerUser, noise, itemSkew,
          dataSeed, ratings, rank, lr, lambda, threshold, staleness, !noBarrier, goal, shardSize);
    }
  }
}
