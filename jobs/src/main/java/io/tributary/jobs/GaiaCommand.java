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
    @Option(names = "--app", defaultValue = "mf", description = {"Application: mf (matrix factorisation), tm (topic"
        + " modelling, LDA), ic (image classification, CNN); the bench takes a list, e.g. tm,ic. Default: ${DEFAULT-VALUE}"})
    String app;

    // ---- MF
    @Option(names = "--users", defaultValue = "20000", description = "MF generated data: users. Default: ${DEFAULT-VALUE}")
    int users;

    @Option(names = "--items", defaultValue = "4000", description = "MF generated data: items. Default: ${DEFAULT-VALUE}")
    int items;

    @Option(names = "--true-rank", defaultValue = "8", description = "MF generated data: rank of the true factors. Default: ${DEFAULT-VALUE}")
    int trueRank;

    @Option(names = "--ratings-per-user", defaultValue = "50", description = "MF generated data: ratings per user. Default: ${DEFAULT-VALUE}")
    int ratingsPerUser;

    @Option(names = "--noise", defaultValue = "0.1", description = "MF generated data: rating noise (std dev). Default: ${DEFAULT-VALUE}")
    double noise;

    @Option(names = "--item-skew", defaultValue = "1.5", description = "MF generated data: item popularity skew (1 = uniform). Default: ${DEFAULT-VALUE}")
    double itemSkew;

    @Option(names = "--data-seed", defaultValue = "42", description = "Generated data (MF, TM): seed. Default: ${DEFAULT-VALUE}")
    long dataSeed;

    @Option(names = "--ratings", description = "MF: rating triples (user item rating; comma, tab, whitespace or MovieLens '::') instead of generated data")
    String ratings;

    @Option(names = "--rank", defaultValue = "16", converter = OptionConverters.PositiveInt.class, description = "MF model rank. Default: ${DEFAULT-VALUE}")
    int rank;

    @Option(names = "--lr", description = "Step size at clock 1: MF SGD (decays as lr/sqrt(t); default 0.01), IC momentum SGD (default 0.05)")
    Double lr;

    @Option(names = "--lambda", defaultValue = "0.02", description = "MF L2 regularisation. Default: ${DEFAULT-VALUE}")
    double lambda;

    // ---- TM
    @Option(names = "--corpus", defaultValue = "auto", description = {"TM data: auto (20 Newsgroups from ../shared/data if"
        + " present, else generated), 20news, generated, docword:FILE[:VOCAB] (UCI bag of words),",
        "text:PATH:TRAIN-PREFIX[:TEST-PREFIX] (folders of raw text, a directory or tar). Default: ${DEFAULT-VALUE}"})
    String corpus;

    @Option(names = "--topics", defaultValue = "20", description = "TM: topics. Default: ${DEFAULT-VALUE}")
    int topics;

    @Option(names = "--alpha", description = "TM: document-topic prior (default 50/topics)")
    Double alpha;

    @Option(names = "--beta", defaultValue = "0.01", description = "TM: topic-word prior. Default: ${DEFAULT-VALUE}")
    double beta;

    @Option(names = "--max-vocabulary", defaultValue = "10000", description = "TM text corpora: vocabulary size at most. Default: ${DEFAULT-VALUE}")
    int maxVocabulary;

    @Option(names = "--max-docs", defaultValue = "0", description = "TM: training documents at most (text: per class; 0 = all). Default: ${DEFAULT-VALUE}")
    int maxDocs;

    @Option(names = "--held-out-docs", defaultValue = "500", description = "TM generated/docword: held-out documents for perplexity. Default: ${DEFAULT-VALUE}")
    int heldOutDocs;

    @Option(names = "--documents", defaultValue = "20000", description = "TM generated corpus: documents. Default: ${DEFAULT-VALUE}")
    int documents;

    @Option(names = "--vocabulary", defaultValue = "5000", description = "TM generated corpus: vocabulary. Default: ${DEFAULT-VALUE}")
    int vocabulary;

    @Option(names = "--true-topics", defaultValue = "20", description = "TM generated corpus: true topics. Default: ${DEFAULT-VALUE}")
    int trueTopics;

    @Option(names = "--doc-length", defaultValue = "100", description = "TM generated corpus: tokens per document. Default: ${DEFAULT-VALUE}")
    int docLength;

    // ---- IC
    @Option(names = "--images", defaultValue = "fashion-mnist", description = "IC data: fashion-mnist, mnist, cifar10[:PATH] or generated. Default: ${DEFAULT-VALUE}")
    String images;

    @Option(names = "--arch", defaultValue = "gn-lenet", description = "IC network: gn-lenet, resnet20-gn, lenet or mlp. Default: ${DEFAULT-VALUE}")
    String arch;

    @Option(names = "--momentum", defaultValue = "0.9", description = "IC momentum. Default: ${DEFAULT-VALUE}")
    double momentum;

    @Option(names = "--weight-decay", defaultValue = "1e-4", description = "IC weight decay. Default: ${DEFAULT-VALUE}")
    double weightDecay;

    @Option(names = "--batch", defaultValue = "32", description = "IC minibatch size. Default: ${DEFAULT-VALUE}")
    int batch;

    @Option(names = "--batches-per-clock", defaultValue = "4", description = "IC minibatches per worker per clock. Default: ${DEFAULT-VALUE}")
    int batchesPerClock;

    @Option(names = "--train-images", defaultValue = "12000", description = "IC training images kept (0 = all). Default: ${DEFAULT-VALUE}")
    int trainImages;

    @Option(names = "--test-images", defaultValue = "1000", description = "IC test images kept (0 = all). Default: ${DEFAULT-VALUE}")
    int testImages;

    // ---- ASP
    @Option(names = "--threshold", description = {"ASP initial significance threshold v (decays as v/sqrt(t)). Default per application, chosen as",
        "thesis 5.3.4 says (local runs with several v, the one that reaches LAN's objective with least traffic): mf 0.2, tm 1.0, ic 0.05"})
    Double threshold;

    @Option(names = "--ds", defaultValue = "4", description = "ASP mirror clock: data-centre staleness DS. Default: ${DEFAULT-VALUE}")
    int staleness;

    @Option(names = "--no-barrier", description = "Disable ASP selective barriers")
    boolean noBarrier;

    @Option(names = "--goal", defaultValue = "cost", description = {"ASP soft threshold: speed (lowered while WAN bandwidth is idle) or cost (off). Default: ${DEFAULT-VALUE}:",
        "emulated data centres share this machine's cores, so traffic that a real deployment would carry for free",
        "on idle links costs them CPU here"})
    String goal;

    @Option(names = "--shard-size", description = "Parameters per parameter-store shard (default 4096; MF: a multiple of --rank)")
    Integer shardSize;

  }
}
