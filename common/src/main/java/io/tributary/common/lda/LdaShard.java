package io.tributary.common.lda;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One worker's part of an LDA run: its documents, the topic assigned to each of their tokens and
 * the document-topic counts, all local to the worker. The word-topic counts and topic totals are
 * shared (a parameter store holds them); a {@link #sweep} works on a private copy of them and the
 * caller sends the copy's change as the worker's update.
 *
 * <p>Immutable: a sweep returns a new shard (copy-on-write of the assignment arrays), so a
 * recomputed step (Spark re-running a task) starts from the same state.
 */
public final class LdaShard implements Serializable {
  private static final long serialVersionUID = 1L;

  private final LdaModel model;
  private final int[] docStart;
  private final int[] words;
  private final int[] z;
  private final int[] ndk;
  private final boolean contributed;
  private final long seed;

  private LdaShard(LdaModel model, int[] docStart, int[] words, int[] z, int[] ndk, boolean contributed, long seed) {
    this.model = model;
    this.docStart = docStart;
    this.words = words;
    this.z = z;
    this.ndk = ndk;
    this.contributed = contributed;
    this.seed = seed;
  }

  /**
   * A shard of {@code docs} (token word ids per document) with uniformly random initial topics
   * drawn from {@code seed}. Its initial counts are not yet in any shared copy: the first
   * {@link #sweep} adds them to the copy it is given, so they become part of its first update.
   */
  public static LdaShard create(LdaModel model, List<int[]> docs, long seed) {
    int[] start = new int[docs.size() + 1];
    long total = 0;
    for (int d = 0; d < docs.size(); d++) {
      total += docs.get(d).length;
      if (total > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("a worker's documents hold more than 2^31 tokens");
      }
      start[d + 1] = (int) total;
    }
    int[] words = new int[(int) total];
    int[] z = new int[words.length];
    int[] ndk = new int[docs.size() * model.topics()];
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int d = 0; d < docs.size(); d++) {
      int[] doc = docs.get(d);
      for (int i = 0; i < doc.length; i++) {
        int w = doc[i];
        if (w < 0 || w >= model.vocabulary()) {
          throw new IllegalArgumentException("document " + d + " has word id " + w + " outside the vocabulary of "
              + model.vocabulary());
        }
        int k = rnd.nextInt(model.topics());
        words[start[d] + i] = w;
        z[start[d] + i] = k;
        ndk[d * model.topics() + k]++;
      }
    }
    return new LdaShard(model, start, words, z, ndk, false, seed);
  }

  public LdaModel model() {
    return model;
  }

  public int numDocs() {
    return docStart.length - 1;
  }

  public long numTokens() {
    return words.length;
  }

  /** Whether the shard's topic assignments are already counted in the shared counts. */
  public boolean contributed() {
    return contributed;
  }

  /** Adds this shard's current assignments to {@code counts} (word-topic and totals). */
  public void addCounts(float[] counts) {
    model.checkLength(counts);
    int k2 = model.topics();
    for (int i = 0; i < words.length; i++) {
      counts[words[i] * k2 + z[i]] += 1f;
      counts[model.topicTotal(z[i])] += 1f;
    }
  }

  /** What a sweep did: the new shard and the log-likelihood of its tokens during the sweep. */
  public record Sweep(LdaShard shard, double logLikelihood, long tokens) {}

  /**
   * One collapsed Gibbs sweep over every token: remove the token's topic from the counts, draw a
   * new one with probability proportional to
   * {@code (n[d][k] + alpha) (n[w][k] + beta) / (n[k] + V beta)}, add it back. {@code counts}
   * (a private copy of the shared counts; before the first sweep this shard's initial counts are
   * added to it) is updated in place; its change is this worker's update.
   *
   * <p>The log-likelihood returned is that of every token given all others at the moment it is
   * resampled, {@code log sum_k (n[d][k] + alpha) / (n[d] - 1 + K alpha) * (n[w][k] + beta) /
   * (n[k] + V beta)} with the token's own assignment removed: what the sampler computes anyway,
   * summed over the sweep (the objective Gaia's TM tracks, higher is better).
   *
   * @param clock used with the shard's seed to draw this sweep's random numbers (reproducible)
   */
  public Sweep sweep(float[] counts, long clock) {
    model.checkLength(counts);
    if (!contributed) {
      addCounts(counts);
    }
    int k2 = model.topics();
    int totals = model.vocabulary() * k2;
    Conditional cond = new Conditional(model);
    int[] nz = z.clone();
    int[] nd = ndk.clone();
    SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + clock * 0xBF58476D1CE4E5B9L + 1);
    double[] p = new double[k2];
    double ll = 0;
    for (int d = 0; d < docStart.length - 1; d++) {
      double norm = cond.norm(docStart[d + 1] - docStart[d]);
      int db = d * k2;
      for (int i = docStart[d]; i < docStart[d + 1]; i++) {
        int w = words[i];
        int wb = w * k2;
        int old = nz[i];
        counts[wb + old] -= 1f;
        counts[totals + old] -= 1f;
        nd[db + old]--;
        double sum = cond.cumulative(counts, nd, db, wb, -1, p);
        ll += Math.log(sum / norm);
        int k = LdaModel.draw(p, sum * rnd.nextDouble());
        nz[i] = k;
        nd[db + k]++;
        counts[wb + k] += 1f;
        counts[totals + k] += 1f;
      }
    }
    return new Sweep(new LdaShard(model, docStart, words, nz, nd, true, seed), ll, words.length);
  }

  /**
   * The log-likelihood of this shard's tokens under {@code counts}, the quantity a {@link #sweep}
   * sums, but with the current assignments kept (no draws) and {@code counts} left untouched: for
   * each token, {@code log sum_k (n[d][k] + alpha) / (n[d] - 1 + K alpha) * (n[w][k] + beta) /
   * (n[k] + V beta)} with its own assignment removed. Lets a caller score a model other than the
   * one it trains on (e.g. the counts every data centre holds, without this one's held-back
   * changes). Counts that would go negative (the token's own assignment not yet in {@code counts})
   * count as 0; before the first sweep, this shard's initial assignments are added as a sweep would.
   */
  public double logLikelihood(float[] counts) {
    model.checkLength(counts);
    float[] c = counts;
    if (!contributed) {
      c = counts.clone();
      addCounts(c);
    }
    int k2 = model.topics();
    Conditional cond = new Conditional(model);
    double ll = 0;
    for (int d = 0; d < docStart.length - 1; d++) {
      double norm = cond.norm(docStart[d + 1] - docStart[d]);
      int db = d * k2;
      for (int i = docStart[d]; i < docStart[d + 1]; i++) {
        ll += Math.log(cond.cumulative(c, ndk, db, words[i] * k2, z[i], null) / norm);
      }
    }
    return ll;
  }

  /**
   * A token's full conditional, the one arithmetic {@link #sweep} samples from and
   * {@link #logLikelihood} scores with: topic {@code k} weighs
   * {@code (n[d][k] + alpha) (n[w][k] + beta) / (n[k] + V beta)}, counts that would go negative
   * taken as 0, normalised by {@code n[d] - 1 + K alpha}.
   */
  private static final class Conditional {
    private final int topics;
    private final int totals;
    private final double alpha;
    private final double beta;
    private final double vBeta;

    Conditional(LdaModel model) {
      this.topics = model.topics();
      this.totals = model.vocabulary() * topics;
      this.alpha = model.alpha();
      this.beta = model.beta();
      this.vBeta = model.vocabulary() * beta;
    }

    /** The normaliser of a token of a document of {@code length} tokens. */
    double norm(int length) {
      return length - 1 + topics * alpha;
    }

    /**
     * The sum of the topic weights of one token (document counts at {@code nd[db..]}, word counts
     * at {@code counts[wb..]}); {@code own} is the token's topic when it is still counted (its
     * one count is left out), or -1 when it was removed. Fills {@code cumulative} (when not null)
     * with the running sums, for drawing.
     */
    double cumulative(float[] counts, int[] nd, int db, int wb, int own, double[] cumulative) {
      double sum = 0;
      for (int k = 0; k < topics; k++) {
        int self = k == own ? 1 : 0;
        float nwk = counts[wb + k] - self;
        float nk = counts[totals + k] - self;
        sum += (nd[db + k] - self + alpha) * ((nwk > 0 ? nwk : 0) + beta) / ((nk > 0 ? nk : 0) + vBeta);
        if (cumulative != null) {
          cumulative[k] = sum;
        }
      }
      return sum;
    }
  }

  /**
   * Number of (document, distinct word) entries: the size of this shard's documents as a bag of
   * words (UCI docword lines), counting repeated word ids of a document once.
   */
  public long bagOfWordsEntries() {
    long n = 0;
    for (int d = 0; d < docStart.length - 1; d++) {
      Set<Integer> seen = new HashSet<>();
      for (int i = docStart[d]; i < docStart[d + 1]; i++) {
        seen.add(words[i]);
      }
      n += seen.size();
    }
    return n;
  }

  /** Document {@code d}'s topic counts (a copy). */
  public int[] docTopics(int d) {
    return Arrays.copyOfRange(ndk, d * model.topics(), (d + 1) * model.topics());
  }
}
