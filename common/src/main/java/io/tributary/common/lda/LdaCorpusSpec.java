package io.tributary.common.lda;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A corpus drawn from the LDA generative process, for tests and benchmarks: {@code topics} true
 * topics, each a Dirichlet({@code topicConcentration}) distribution over the {@code vocabulary}
 * words (small concentrations give peaked, well separated topics); each document draws a mixture
 * from Dirichlet({@code docConcentration}) and {@code docLength} tokens. Document {@code d} is a
 * function of the seed and {@code d} only, so any worker can generate exactly its documents, and
 * documents with ids from {@code documents} on are held out (never trained on).
 *
 * @param documents training documents (ids {@code 0..documents-1})
 * @param vocabulary V
 * @param topics true number of topics
 * @param docLength tokens per document
 * @param docConcentration Dirichlet parameter of document mixtures
 * @param topicConcentration Dirichlet parameter of topics
 * @param seed the corpus seed
 */
public record LdaCorpusSpec(int documents, int vocabulary, int topics, int docLength, double docConcentration,
    double topicConcentration, long seed) implements Serializable {

  public LdaCorpusSpec {
    if (documents < 1 || vocabulary < 2 || topics < 1 || docLength < 1) {
      throw new IllegalArgumentException("a generated corpus needs documents, topics, tokens >= 1 and 2+ words; got "
          + documents + " documents, " + vocabulary + " words, " + topics + " topics, " + docLength + " tokens");
    }
    if (!(docConcentration > 0) || !(topicConcentration > 0)) {
      throw new IllegalArgumentException("Dirichlet concentrations must be > 0");
    }
  }

  /** Total training tokens. */
  public long tokens() {
    return (long) documents * docLength;
  }

  /** The true topics, topic-major cumulative distributions over words (for drawing). */
  public double[] cumulativeTopics() {
    SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L - 3);
    double[] out = new double[topics * vocabulary];
    for (int k = 0; k < topics; k++) {
      double[] phi = dirichlet(rnd, vocabulary, topicConcentration);
      double c = 0;
      for (int w = 0; w < vocabulary; w++) {
        c += phi[w];
        out[k * vocabulary + w] = c;
      }
      out[k * vocabulary + vocabulary - 1] = Double.MAX_VALUE; // guard against rounding
    }
    return out;
  }

  /** Document {@code d}'s tokens (word ids); {@code d >= documents} are held-out documents. */
  public int[] document(long d, double[] cumulativeTopics) {
    SplittableRandom rnd = new SplittableRandom(seed * 0xD1B54A32D192ED03L + d * 0x94D049BB133111EBL + 11);
    double[] theta = dirichlet(rnd, topics, docConcentration);
    double[] cumTheta = new double[topics];
    double c = 0;
    for (int k = 0; k < topics; k++) {
      c += theta[k];
      cumTheta[k] = c;
    }
    cumTheta[topics - 1] = Double.MAX_VALUE;
    int[] doc = new int[docLength];
    for (int i = 0; i < docLength; i++) {
      int k = LdaModel.draw(cumTheta, 0, topics, rnd.nextDouble());
      doc[i] = LdaModel.draw(cumulativeTopics, k * vocabulary, vocabulary, rnd.nextDouble());
    }
    Arrays.sort(doc);
    return doc;
  }

  /** {@code count} held-out documents (ids {@code documents, documents + 1, ...}). */
  public List<int[]> heldOut(int count) {
    double[] topicsCum = cumulativeTopics();
    List<int[]> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(document((long) documents + i, topicsCum));
    }
    return out;
  }

  /** A Dirichlet draw from Gamma variates (Marsaglia-Tsang; boosted for shape < 1). */
  static double[] dirichlet(SplittableRandom rnd, int n, double a) {
    double[] x = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      x[i] = gamma(rnd, a);
      sum += x[i];
    }
    if (sum == 0) {
      x[rnd.nextInt(n)] = 1;
      return x;
    }
    for (int i = 0; i < n; i++) {
      x[i] /= sum;
    }
    return x;
  }

  private static double gamma(SplittableRandom rnd, double a) {
    if (a < 1) {
      double u = rnd.nextDouble();
      return gamma(rnd, a + 1) * Math.pow(u, 1 / a);
    }
    double d = a - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x;
      double v;
      do {
        x = gaussian(rnd);
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      double u = rnd.nextDouble();
      if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
        return d * v;
      }
    }
  }

  private static double gaussian(SplittableRandom rnd) {
    double u1 = 1.0 - rnd.nextDouble();
    double u2 = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
