package io.tributary.gaia.mf;

import io.tributary.common.asp.SignificanceFunction;
import io.tributary.common.data.RatingsReader;
import io.tributary.gaia.app.GaiaApp;
import io.tributary.gaia.app.Placement;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Matrix factorisation by SGD, the way Gaia runs it (thesis §5.4.2): the ratings matrix
 * {@code X ~ L R}; every worker keeps the factors {@code L} of its users locally and reads the item
 * factors {@code R} (items x rank) from the parameter store at the start of a clock. In a clock a
 * worker makes one SGD pass over its ratings, updating its users' factors and a private copy of
 * {@code R}; its update to the parameter store is the change of that copy.
 *
 * <p>The objective is the mean per-rating loss {@code (r - l_u . r_i)^2 + lambda (|l_u|^2 +
 * |r_i|^2)} over all ratings, measured during the pass (each rating's error before its own
 * update). The step size decays as {@code lr / sqrt(t)}, like ASP's threshold (Theorem 1).
 *
 * <p>Data: a generated low-rank matrix with Gaussian noise ({@link #generated}), built on the
 * executors (every worker generates exactly its users' ratings from the seed), or rating triples
 * read with the project's {@link RatingsReader} ({@link #fromFile}). Users are spread over data centres and
 * workers by a hash of their id, so every user's ratings and factors live on one worker.
 */
public final class MatrixFactorization implements GaiaApp<MfWorker> {
  private static final long serialVersionUID = 1L;

  /**
   * A generated ratings matrix: {@code users x items}, each user rating {@code ratingsPerUser}
   * distinct items, rating = {@code l*_u . r*_i + N(0, noise^2)} with true factors of rank
   * {@code trueRank} whose products have unit variance. Items are drawn with popularity skew
   * {@code itemSkew} (1 = uniform; larger favours low item ids, as real catalogues have hits).
   */
  public record LowRankSpec(int users, int items, int trueRank, int ratingsPerUser, double noise, double itemSkew,
      long seed) implements Serializable {
    public LowRankSpec {
      if (users < 1 || items < 1 || trueRank < 1 || ratingsPerUser < 1 || ratingsPerUser > items) {
        throw new IllegalArgumentException("generated ratings need users, items, rank >= 1 and 1 <= ratings per user"
            + " <= items; got " + users + " users, " + items + " items, rank " + trueRank + ", " + ratingsPerUser
            + " ratings per user");
      }
      if (!(noise >= 0) || !(itemSkew >= 1)) {
        throw new IllegalArgumentException("noise must be >= 0 and item skew >= 1, got " + noise + ", " + itemSkew);
      }
    }

    /** Total ratings. */
    public long ratings() {
      return (long) users * ratingsPerUser;
    }
  }

  private final int rank;
  private final double learningRate;
  private final double lambda;
  private final double initScale;
  private final long seed;
  private final int numItems;
  private final LowRankSpec generated;
  private final String file;
  private final boolean groupSignificance;
  private transient MfRatingsFile data; // file data, driver only

  /**
   * Where the ratings come from: a generated matrix, or a file (read in the driver); {@code numItems}
   * items either way.
   */
  private record Source(int numItems, LowRankSpec generated, String file) {}

  private MatrixFactorization(int rank, double learningRate, double lambda, double initScale, long seed, Source source,
      boolean groupSignificance) {
    int numItems = source.numItems();
    if (rank < 1) {
      throw new IllegalArgumentException("rank must be >= 1, got " + rank);
    }
    if (!(learningRate > 0) || !(lambda >= 0) || !(initScale > 0)) {
      throw new IllegalArgumentException("learning rate and init scale must be > 0 and lambda >= 0; got lr "
          + learningRate + ", lambda " + lambda + ", init " + initScale);
    }
    if (numItems < 1) {
      throw new IllegalArgumentException("need at least one item, got " + numItems);
    }
    this.rank = rank;
    this.learningRate = learningRate;
    this.lambda = lambda;
    this.initScale = initScale;
    this.seed = seed;
    this.numItems = numItems;
    this.generated = source.generated();
    this.file = source.file();
    this.groupSignificance = groupSignificance;
  }

  /** MF over a generated low-rank matrix, model rank {@code rank}. */
  public static MatrixFactorization generated(LowRankSpec spec, int rank, double learningRate, double lambda,
      long seed) {
    return new MatrixFactorization(rank, learningRate, lambda, 0.1, seed, new Source(spec.items(), spec, null), true);
  }

  /**
   * MF over the rating triples in {@code path}, read with {@link RatingsReader} (CSV, TSV,
   * MovieLens {@code ::}, whitespace; gzip) in the driver. Item ids must be integers, so that
   * every data centre indexes items alike; {@code numItems} must exceed every item id (0: one more
   * than the largest). Each data centre keeps the ratings of its users (by a hash of the user id).
   */
  public static MatrixFactorization fromFile(String path, int numItems, int rank, double learningRate, double lambda,
      long seed) throws IOException {
    MfRatingsFile d = MfRatingsFile.read(path, numItems);
    MatrixFactorization mf = new MatrixFactorization(rank, learningRate, lambda, 0.1, seed,
        new Source(d.numItems(), null, path), true);
    mf.data = d;
    return mf;
  }

  /** This application with the default per-parameter significance {@code |acc/value|} instead of per item. */
  public MatrixFactorization withPerParameterSignificance() {
    MatrixFactorization m = new MatrixFactorization(rank, learningRate, lambda, initScale, seed,
        new Source(numItems, generated, file), false);
    m.data = data;
    return m;
  }

  @Override
  public String name() {
    return "mf";
  }

  public int rank() {
    return rank;
  }

  public int items() {
    return numItems;
  }

  public double learningRate() {
    return learningRate;
  }

  public double lambda() {
    return lambda;
  }

  /** The generated data's spec, or null when reading a file. */
  public LowRankSpec generatedSpec() {
    return generated;
  }

  @Override
  public int parameterCount() {
    return numItems * rank;
  }

  @Override
  public float[] initialParameters() {
    float[] r = new float[numItems * rank];
    SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 17);
    for (int i = 0; i < r.length; i++) {
      r[i] = (float) (GeneratedRatings.gaussian(rnd) * initScale);
    }
    return r;
  }

  /** Per item (its whole factor vector, §5.3.3) unless per-parameter significance was chosen. */
  @Override
  public SignificanceFunction significance() {
    return groupSignificance ? SignificanceFunction.groupNorm(rank) : SignificanceFunction.relativeMagnitude();
  }

  /** Which data centre a user's data lives in. */
  public static int dataCentreOf(long user, int dcCount) {
    return Placement.dataCentreOf(user, dcCount);
  }

  /** Which worker of its data centre a user's data lives on. */
  public static int workerOf(long user, int dcCount, int workers) {
    return Placement.workerOf(user, dcCount, workers);
  }

  @Override
  public JavaRDD<MfWorker> workers(JavaSparkContext sc, int dc, int dcCount, int workers) {
    MfWorkerFactory factory = new MfWorkerFactory(rank, initScale, seed);
    if (generated != null) {
      LowRankSpec g = generated;
      List<Integer> parts = IntStream.range(0, workers).boxed().toList();
      return sc.parallelize(parts, workers).map(p -> factory.generated(g, dc, dcCount, workers, p));
    }
    if (data == null) {
      throw new IllegalStateException("ratings of " + file + " are not loaded in this JVM");
    }
    return sc.parallelize(data.split(dc, dcCount, workers, factory), workers);
  }

  /** Step size at {@code clock}: {@code lr / sqrt(clock)}. */
  public double stepSize(long clock) {
    return learningRate / Math.sqrt(Math.max(1, clock));
  }

  @Override
  public Step<MfWorker> step(MfWorker w, float[] params, long clock) {
    int k = rank;
    float lr = (float) stepSize(clock);
    float lam = (float) lambda;
    float[] l = w.factors.clone();
    float[] r = params.clone();
    double sqErr = 0;
    int[] user = w.user;
    int[] item = w.item;
    float[] rating = w.rating;
    for (int n = 0; n < rating.length; n++) {
      int ub = user[n] * k;
      int ib = item[n] * k;
      float dot = 0;
      for (int j = 0; j < k; j++) {
        dot += l[ub + j] * r[ib + j];
      }
      float e = rating[n] - dot;
      sqErr += (double) e * e;
      for (int j = 0; j < k; j++) {
        float lu = l[ub + j];
        float ri = r[ib + j];
        l[ub + j] = lu + lr * (e * ri - lam * lu);
        r[ib + j] = ri + lr * (e * lu - lam * ri);
      }
    }
    double regL = userRegularisation(w, l);
    double regR = itemRegularisation(w, params);
    for (int i = 0; i < r.length; i++) {
      r[i] -= params[i];
    }
    return new Step<>(w.withFactors(l), r, new double[] {sqErr, rating.length, regL, regR});
  }

  /** The loss at the start of a clock: this worker's users' factors against {@code params}' items. */
  @Override
  public double[] score(MfWorker w, float[] params) {
    int k = rank;
    float[] l = w.factors;
    double sqErr = 0;
    for (int n = 0; n < w.rating.length; n++) {
      int ub = w.user[n] * k;
      int ib = w.item[n] * k;
      float dot = 0;
      for (int j = 0; j < k; j++) {
        dot += l[ub + j] * params[ib + j];
      }
      float e = w.rating[n] - dot;
      sqErr += (double) e * e;
    }
    double regL = userRegularisation(w, l);
    double regR = itemRegularisation(w, params);
    return new double[] {sqErr, w.rating.length, regL, regR};
  }

  /** Sum over this worker's users of (ratings of the user) x |L_u|^2: the users' L2 term, weighted as in the loss. */
  private double userRegularisation(MfWorker w, float[] l) {
    int k = rank;
    double reg = 0;
    for (int u = 0; u < w.userCount.length; u++) {
      double s = 0;
      for (int j = 0; j < k; j++) {
        s += (double) l[u * k + j] * l[u * k + j];
      }
      reg += w.userCount[u] * s;
    }
    return reg;
  }

  /** Sum over this worker's items of (its ratings of the item) x |R_i|^2, with R read from {@code params}. */
  private double itemRegularisation(MfWorker w, float[] params) {
    int k = rank;
    double reg = 0;
    for (int x = 0; x < w.itemIds.length; x++) {
      int ib = w.itemIds[x] * k;
      double s = 0;
      for (int j = 0; j < k; j++) {
        s += (double) params[ib + j] * params[ib + j];
      }
      reg += w.itemCount[x] * s;
    }
    return reg;
  }

  @Override
  public double[] dataCentreStats(double[] workersSum, float[] params) {
    return workersSum.clone();
  }

  @Override
  public double objective(List<double[]> perDataCentre) {
    double err = 0;
    double n = 0;
    double reg = 0;
    for (double[] s : perDataCentre) {
      err += s[0];
      n += s[1];
      reg += s[2] + s[3];
    }
    return n == 0 ? Double.NaN : (err + lambda * reg) / n;
  }

  @Override
  public boolean lowerIsBetter() {
    return true;
  }

  /** A rating triple as two ints and a float: 12 bytes. */
  @Override
  public long dataBytes(MfWorker worker) {
    return 12L * worker.rating.length;
  }

  @Override
  public String objectiveName() {
    return "mean loss per rating";
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "MF(rank %d, lr %.4g/sqrt(t), lambda %.3g, %d items, %s, significance %s)", rank,
        learningRate, lambda, numItems, generated != null ? "generated " + generated : "file " + file,
        significance());
  }
}
