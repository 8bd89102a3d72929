package io.tributary.gaia.mf;

import io.tributary.common.asp.SignificanceFunction;
import io.tributary.common.data.Ratings;
import io.tributary.common.data.RatingsReader;
import io.tributary.gaia.app.GaiaApp;
import io.tributary.gaia.app.Placement;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
  private transient Ratings ratings; // file data, driver only
  private transient int[] itemOf;    // dense index of the reader -> integer item id

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
    Ratings r = RatingsReader.readFile(Path.of(path));
    if (r.size() == 0) {
      throw new IllegalArgumentException("ratings file " + path + " holds no ratings");
    }
    int[] itemOf = new int[r.numItems()];
    int max = -1;
    for (int v = 0; v < itemOf.length; v++) {
      try {
        itemOf[v] = Integer.parseInt(r.itemId(v));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("ratings file " + path + ": item id '" + r.itemId(v) + "' is not an integer;"
            + " Gaia needs integer item ids so every data centre indexes items alike", e);
      }
      if (itemOf[v] < 0) {
        throw new IllegalArgumentException("ratings file " + path + ": negative item id " + itemOf[v]);
      }
      max = Math.max(max, itemOf[v]);
    }
    if (numItems > 0 && max >= numItems) {
      throw new IllegalArgumentException("ratings file " + path + ": item id " + max + " is not below the item count "
          + numItems);
    }
    MatrixFactorization mf = new MatrixFactorization(rank, learningRate, lambda, 0.1, seed,
        new Source(numItems > 0 ? numItems : max + 1, null, path), true);
    mf.ratings = r;
    mf.itemOf = itemOf;
    return mf;
  }

  /** This application with the default per-parameter significance {@code |acc/value|} instead of per item. */
  public MatrixFactorization withPerParameterSignificance() {
    MatrixFactorization m = new MatrixFactorization(rank, learningRate, lambda, initScale, seed,
        new Source(numItems, generated, file), false);
    m.ratings = ratings;
    m.itemOf = itemOf;
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
    if (generated != null) {
      List<Integer> parts = IntStream.range(0, workers).boxed().toList();
      return sc.parallelize(parts, workers).map(p -> generateWorker(dc, dcCount, workers, p));
    }
    List<MfWorker> built = fileWorkers(dc, dcCount, workers);
    return sc.parallelize(built, workers);
  }

  /** Splits the file's ratings of data centre {@code dc} into its workers (in the driver). */
  private List<MfWorker> fileWorkers(int dc, int dcCount, int workers) {
    if (ratings == null) {
      throw new IllegalStateException("ratings of " + file + " are not loaded in this JVM");
    }
    Ratings r = ratings;
    List<List<Integer>> parts = new ArrayList<>();
    for (int p = 0; p < workers; p++) {
      parts.add(new ArrayList<>());
    }
    long[] keys = new long[r.numUsers()];
    for (int u = 0; u < keys.length; u++) {
      String id = r.userId(u);
      long k;
      try {
        k = Long.parseLong(id);
      } catch (NumberFormatException e) {
        k = id.hashCode() & 0xffffffffL;
      }
      keys[u] = k;
    }
    for (int i = 0; i < r.size(); i++) {
      long k = keys[r.user(i)];
      if (dataCentreOf(k, dcCount) == dc) {
        parts.get(workerOf(k, dcCount, workers)).add(i);
      }
    }
    List<MfWorker> out = new ArrayList<>();
    for (int p = 0; p < workers; p++) {
      List<Integer> rows = parts.get(p);
      Map<Integer, Integer> local = new HashMap<>();
      List<Long> ids = new ArrayList<>();
      int n = rows.size();
      int[] user = new int[n];
      int[] item = new int[n];
      float[] rating = new float[n];
      for (int k = 0; k < n; k++) {
        int i = rows.get(k);
        int u = r.user(i);
        user[k] = local.computeIfAbsent(u, x -> {
          ids.add(keys[x]);
          return ids.size() - 1;
        });
        item[k] = itemOf[r.item(i)];
        rating[k] = r.value(i);
      }
      long[] userIds = ids.stream().mapToLong(Long::longValue).toArray();
      shuffle(user, item, rating, new SplittableRandom(seed ^ ((dc * 1000L + p) * 0x632BE59BD9B4E019L)));
      out.add(new MfWorker(p, userIds, user, item, rating, initialUserFactors(userIds), numItems));
    }
    return out;
  }

  /** Builds worker {@code p} of data centre {@code dc} from the generated matrix (on an executor). */
  MfWorker generateWorker(int dc, int dcCount, int workers, int p) {
    LowRankSpec s = generated;
    List<Long> ids = new ArrayList<>();
    for (long u = 0; u < s.users(); u++) {
      if (dataCentreOf(u, dcCount) == dc && workerOf(u, dcCount, workers) == p) {
        ids.add(u);
      }
    }
    GeneratedRatings.Triples t = GeneratedRatings.of(s, ids);
    int[] user = t.user();
    int[] item = t.item();
    float[] rating = t.rating();
    long[] userIds = ids.stream().mapToLong(Long::longValue).toArray();
    shuffle(user, item, rating, new SplittableRandom(seed ^ ((dc * 1000L + p) * 0x632BE59BD9B4E019L)));
    return new MfWorker(p, userIds, user, item, rating, initialUserFactors(userIds), s.items());
  }

  private float[] initialUserFactors(long[] userIds) {
    float[] l = new float[userIds.length * rank];
    for (int u = 0; u < userIds.length; u++) {
      SplittableRandom rnd = new SplittableRandom(seed * 0x2545F4914F6CDD1DL + userIds[u] * 0x9E3779B97F4A7C15L);
      for (int j = 0; j < rank; j++) {
        l[u * rank + j] = (float) (GeneratedRatings.gaussian(rnd) * initScale);
      }
    }
    return l;
  }

  private static void shuffle(int[] a, int[] b, float[] c, SplittableRandom rnd) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
      t = b[i];
      b[i] = b[j];
      b[j] = t;
      float f = c[i];
      c[i] = c[j];
      c[j] = f;
    }
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
