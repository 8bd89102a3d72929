package io.tributary.common.lda;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The shape of an LDA model and what can be computed from its shared counts alone.
 *
 * <p>The shared vector has {@link #parameterCount()} entries: the word-topic counts
 * {@code n[w][k]} word-major at {@code w * topics + k} (a word's row is contiguous, so a sparse
 * update touches few shards), then the topic totals {@code n[k]} at
 * {@code vocabulary * topics + k}. Counts are floats holding integers (exact below 2^24). A copy
 * of the counts that has not yet received every data centre's updates may hold small negative
 * counts; every computation clamps counts at 0.
 *
 * @param topics K
 * @param vocabulary V
 * @param alpha symmetric Dirichlet prior of documents' topic mixtures
 * @param beta symmetric Dirichlet prior of topics' word distributions
 */
public record LdaModel(int topics, int vocabulary, double alpha, double beta) implements Serializable {

  public LdaModel {
    if (topics < 2 || vocabulary < 1) {
      throw new IllegalArgumentException("LDA needs at least 2 topics and 1 word, got " + topics + " topics, "
          + vocabulary + " words");
    }
    if ((long) topics * vocabulary + topics > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(topics + " topics x " + vocabulary + " words do not fit one vector");
    }
    if (!(alpha > 0) || !(beta > 0)) {
      throw new IllegalArgumentException("alpha and beta must be > 0, got " + alpha + ", " + beta);
    }
  }

  /** Length of the shared count vector: {@code V * K + K}. */
  public int parameterCount() {
    return vocabulary * topics + topics;
  }

  /** Index of {@code n[w][k]}. */
  public int wordTopic(int w, int k) {
    return w * topics + k;
  }

  /** Index of the total of topic {@code k}. */
  public int topicTotal(int k) {
    return vocabulary * topics + k;
  }

  /** {@code phi[k][w] = (n[w][k] + beta) / (n[k] + V beta)}, topic-major. */
  public double[] topicWordDistributions(float[] counts) {
    checkLength(counts);
    int k2 = topics;
    double[] phi = new double[k2 * vocabulary];
    double vb = vocabulary * beta;
    for (int k = 0; k < k2; k++) {
      double total = Math.max(0, counts[topicTotal(k)]) + vb;
      for (int w = 0; w < vocabulary; w++) {
        phi[k * vocabulary + w] = (Math.max(0, counts[wordTopic(w, k)]) + beta) / total;
      }
    }
    return phi;
  }

  /**
   * Perplexity of held-out documents by document completion: each document's tokens at even
   * positions estimate its topic mixture (Gibbs sampling with the topics fixed to the model's,
   * {@code iterations} sweeps, mixture averaged over the second half of them), and the tokens at
   * odd positions are scored: {@code exp(-sum log sum_k theta[k] phi[k][w] / N)}.
   *
   * @param docs token word ids per document
   * @return the perplexity (lower is better); NaN when no token is scored
   */
  public double heldOutPerplexity(float[] counts, List<int[]> docs, int iterations, long seed) {
    if (iterations < 2) {
      throw new IllegalArgumentException("fold-in needs at least 2 iterations, got " + iterations);
    }
    double[] phi = topicWordDistributions(counts);
    SplittableRandom rnd = new SplittableRandom(seed);
    double logLik = 0;
    long scored = 0;
    double[] p = new double[topics];
    for (int[] doc : docs) {
      int observed = (doc.length + 1) / 2;
      int[] words = new int[observed];
      int[] z = new int[observed];
      int[] ndk = new int[topics];
      for (int i = 0; i < observed; i++) {
        words[i] = doc[2 * i];
        checkWord(words[i]);
        z[i] = rnd.nextInt(topics);
        ndk[z[i]]++;
      }
      double[] theta = new double[topics];
      int kept = 0;
      for (int it = 0; it < iterations; it++) {
        for (int i = 0; i < observed; i++) {
          ndk[z[i]]--;
          double sum = 0;
          for (int k = 0; k < topics; k++) {
            sum += (ndk[k] + alpha) * phi[k * vocabulary + words[i]];
            p[k] = sum;
          }
          int k = draw(p, sum * rnd.nextDouble());
          z[i] = k;
          ndk[k]++;
        }
        if (it >= iterations / 2) {
          for (int k = 0; k < topics; k++) {
            theta[k] += (ndk[k] + alpha) / (observed + topics * alpha);
          }
          kept++;
        }
      }
      for (int i = 1; i < doc.length; i += 2) {
        checkWord(doc[i]);
        double s = 0;
        for (int k = 0; k < topics; k++) {
          s += theta[k] / kept * phi[k * vocabulary + doc[i]];
        }
        logLik += Math.log(s);
        scored++;
      }
    }
    return scored == 0 ? Double.NaN : Math.exp(-logLik / scored);
  }

  /** The {@code n} most frequent words of each topic (word ids), for printing topics. */
  public List<int[]> topWords(float[] counts, int n) {
    checkLength(counts);
    List<int[]> out = new ArrayList<>();
    for (int k = 0; k < topics; k++) {
      int m = Math.min(n, vocabulary);
      int[] best = new int[m];
      float[] score = new float[m];
      Arrays.fill(score, Float.NEGATIVE_INFINITY);
      for (int w = 0; w < vocabulary; w++) {
        float c = counts[wordTopic(w, k)];
        if (c > score[m - 1]) {
          int j = m - 1;
          while (j > 0 && score[j - 1] < c) {
            score[j] = score[j - 1];
            best[j] = best[j - 1];
            j--;
          }
          score[j] = c;
          best[j] = w;
        }
      }
      out.add(best);
    }
    return out;
  }

  static int draw(double[] cumulative, double u) {
    return draw(cumulative, 0, cumulative.length, u);
  }

  /** The first {@code i < n} with {@code cumulative[from + i] > u} (the last one if none). */
  static int draw(double[] cumulative, int from, int n, double u) {
    int lo = 0;
    int hi = n - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[from + mid] > u) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  void checkLength(float[] counts) {
    if (counts.length != parameterCount()) {
      throw new IllegalArgumentException("LDA counts have " + counts.length + " entries, the model " + topics
          + " topics x " + vocabulary + " words needs " + parameterCount());
    }
  }

  private void checkWord(int w) {
    if (w < 0 || w >= vocabulary) {
      throw new IllegalArgumentException("word id " + w + " is outside the vocabulary of " + vocabulary);
    }
  }
}
