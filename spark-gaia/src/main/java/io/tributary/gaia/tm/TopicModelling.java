package io.tributary.gaia.tm;

import io.tributary.common.asp.SignificanceFunction;
import io.tributary.common.data.Corpus;
import io.tributary.common.lda.LdaCorpusSpec;
import io.tributary.common.lda.LdaModel;
import io.tributary.common.lda.LdaShard;
import io.tributary.gaia.app.GaiaApp;
import io.tributary.gaia.app.Placement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Topic modelling as Gaia runs it (thesis §5.4.2): LDA by collapsed Gibbs sampling. The
 * word-topic counts and topic totals live in the parameter store ({@link LdaModel} layout); every
 * worker keeps its documents' topic assignments and document-topic counts ({@link LdaShard}). One
 * clock is one Gibbs sweep of a worker over its documents against the counts read at the start of
 * the clock (AD-LDA: the worker updates a private copy as it goes); its update is the copy's change,
 * which includes, on its first clock, the counts of its initial random assignments.
 *
 * <p>Objective: the mean per-token log-likelihood during the sweep, {@code log p(w_i | rest)}
 * (higher is better; see {@link LdaShard#sweep}). Final quality: perplexity of held-out documents
 * ({@link LdaModel#heldOutPerplexity}, document completion). Significance: a count's change
 * relative to the count the other data centres hold ({@link SignificanceFunction#relativeCount}).
 *
 * <p>Data: a corpus generated from the LDA process (each worker generates its documents on its
 * executor), or a {@link Corpus} read in the driver (UCI docword, or a folder/tar of raw text such
 * as 20 Newsgroups). Documents are placed on data centres and workers by a hash of their index.
 */
public final class TopicModelling implements GaiaApp<LdaShard> {
  private static final long serialVersionUID = 1L;
  /** Held-out documents scored at the end, at most. */
  public static final int MAX_HELD_OUT = 1000;

  private final LdaModel model;
  private final long seed;
  private final double countFloor;
  private final int foldInIterations;
  private final LdaCorpusSpec generated;
  private final int heldOutCount;
  private final String description;
  private transient List<int[]> trainDocs; // file data: driver only
  private transient List<int[]> heldOut;

  /**
   * Where the documents come from: generated on the executors ({@code generated} and the number
   * of held-out documents to generate), or read in this JVM ({@code train} and {@code heldOut}).
   */
  private record Documents(LdaCorpusSpec generated, int heldOutCount, String description, List<int[]> train,
      List<int[]> heldOut) {
    static Documents generated(LdaCorpusSpec spec, int heldOutCount) {
      return new Documents(spec, heldOutCount, "generated " + spec, null, null);
    }

    static Documents read(String description, List<int[]> train, List<int[]> heldOut) {
      return new Documents(null, heldOut.size(), description, train, heldOut);
    }
  }

  private TopicModelling(LdaModel model, long seed, double countFloor, int foldInIterations, Documents documents) {
    if (foldInIterations < 2) {
      throw new IllegalArgumentException("fold-in iterations must be >= 2, got " + foldInIterations);
    }
    this.model = model;
    this.seed = seed;
    this.countFloor = countFloor;
    this.foldInIterations = foldInIterations;
    this.generated = documents.generated();
    this.heldOutCount = documents.heldOutCount();
    this.description = documents.description();
    this.trainDocs = documents.train();
    this.heldOut = documents.heldOut();
    SignificanceFunction.relativeCount(countFloor); // validates
  }

  /**
   * LDA over a generated corpus with {@code topics} topics; {@code heldOut} more documents from the
   * same process are scored at the end.
   */
  public static TopicModelling generated(LdaCorpusSpec spec, int topics, double alpha, double beta, long seed,
      double countFloor, int heldOut, int foldInIterations) {
    LdaModel m = new LdaModel(topics, spec.vocabulary(), alpha, beta);
    return new TopicModelling(m, seed, countFloor, foldInIterations,
        Documents.generated(spec, Math.min(heldOut, MAX_HELD_OUT)));
  }

  /**
   * LDA over a corpus read in this JVM; documents of {@code heldOut} (same vocabulary) are scored
   * at the end (at most {@value #MAX_HELD_OUT}, spread evenly over it). Empty documents are skipped.
   */
  public static TopicModelling fromCorpus(Corpus train, Corpus heldOut, int topics, double alpha, double beta,
      long seed, double countFloor, int foldInIterations) {
    if (heldOut != null && heldOut.vocabularySize() != train.vocabularySize()) {
      throw new IllegalArgumentException("held-out corpus " + heldOut.name() + " has " + heldOut.vocabularySize()
          + " words, the training corpus " + train.name() + " " + train.vocabularySize());
    }
    LdaModel m = new LdaModel(topics, train.vocabularySize(), alpha, beta);
    List<int[]> docs = new ArrayList<>(train.numDocs());
    for (int d = 0; d < train.numDocs(); d++) {
      docs.add(train.tokens(d));
    }
    if (docs.stream().allMatch(x -> x.length == 0)) {
      throw new IllegalArgumentException("corpus " + train.name() + " holds no tokens");
    }
    List<int[]> held = new ArrayList<>();
    if (heldOut != null && heldOut.numDocs() > 0) {
      int step = Math.max(1, heldOut.numDocs() / MAX_HELD_OUT);
      for (int d = 0; d < heldOut.numDocs() && held.size() < MAX_HELD_OUT; d += step) {
        if (heldOut.docLength(d) >= 2) {
          held.add(heldOut.tokens(d));
        }
      }
    }
    String what = String.format(Locale.ROOT, "%s (%d documents, %d words, %d tokens; %d held out)", train.name(),
        train.numDocs(), train.vocabularySize(), train.totalTokens(), held.size());
    return new TopicModelling(m, seed, countFloor, foldInIterations, Documents.read(what, docs, held));
  }

  public LdaModel model() {
    return model;
  }

  /** What the data is. */
  public String description() {
    return description;
  }

  @Override
  public String name() {
    return "tm";
  }

  @Override
  public int parameterCount() {
    return model.parameterCount();
  }

  /** All counts start at zero; workers add their initial assignments on their first clock. */
  @Override
  public float[] initialParameters() {
    return new float[model.parameterCount()];
  }

  @Override
  public SignificanceFunction significance() {
    return SignificanceFunction.relativeCount(countFloor);
  }

  @Override
  public JavaRDD<LdaShard> workers(JavaSparkContext sc, int dc, int dcCount, int workers) {
    if (generated != null) {
      List<Integer> parts = IntStream.range(0, workers).boxed().toList();
      return sc.parallelize(parts, workers).map(p -> generateShard(dc, dcCount, workers, p));
    }
    if (trainDocs == null) {
      throw new IllegalStateException("the corpus of " + description + " is not loaded in this JVM");
    }
    List<List<int[]>> parts = new ArrayList<>();
    for (int p = 0; p < workers; p++) {
      parts.add(new ArrayList<>());
    }
    for (int d = 0; d < trainDocs.size(); d++) {
      if (trainDocs.get(d).length > 0 && Placement.dataCentreOf(d, dcCount) == dc) {
        parts.get(Placement.workerOf(d, dcCount, workers)).add(trainDocs.get(d));
      }
    }
    List<LdaShard> shards = new ArrayList<>();
    for (int p = 0; p < workers; p++) {
      shards.add(LdaShard.create(model, parts.get(p), shardSeed(dc, p)));
    }
    return sc.parallelize(shards, workers);
  }

  private long shardSeed(int dc, int p) {
    return seed * 0x9E3779B97F4A7C15L + (dc * 1_000_003L + p) * 0xBF58476D1CE4E5B9L;
  }

  /** Worker {@code p} of data centre {@code dc}: its documents of the generated corpus (on an executor). */
  LdaShard generateShard(int dc, int dcCount, int workers, int p) {
    double[] topics = generated.cumulativeTopics();
    List<int[]> docs = new ArrayList<>();
    for (int d = 0; d < generated.documents(); d++) {
      if (Placement.dataCentreOf(d, dcCount) == dc && Placement.workerOf(d, dcCount, workers) == p) {
        docs.add(generated.document(d, topics));
      }
    }
    return LdaShard.create(model, docs, shardSeed(dc, p));
  }

  @Override
  public Step<LdaShard> step(LdaShard shard, float[] params, long clock) {
    float[] counts = params.clone();
    LdaShard.Sweep sw = shard.sweep(counts, clock);
    for (int i = 0; i < counts.length; i++) {
      counts[i] -= params[i];
    }
    return new Step<>(sw.shard(), counts, new double[] {sw.logLikelihood(), sw.tokens()});
  }

  /** This worker's tokens under the word-topic counts {@code params}, assignments kept. */
  @Override
  public double[] score(LdaShard shard, float[] params) {
    return new double[] {shard.logLikelihood(params), shard.numTokens()};
  }

  @Override
  public double[] dataCentreStats(double[] workersSum, float[] params) {
    return workersSum.clone();
  }

  @Override
  public double objective(List<double[]> perDataCentre) {
    double ll = 0;
    double n = 0;
    for (double[] s : perDataCentre) {
      ll += s[0];
      n += s[1];
    }
    return n == 0 ? Double.NaN : ll / n;
  }

  @Override
  public boolean lowerIsBetter() {
    return false;
  }

  @Override
  public String objectiveName() {
    return "log-likelihood per token";
  }

  /** Bag of words: a word id and a count per (document, distinct word), 8 bytes. */
  @Override
  public long dataBytes(LdaShard shard) {
    return 8 * shard.bagOfWordsEntries();
  }

  /** Held-out perplexity of the final counts (document completion). */
  @Override
  public Map<String, Double> evaluate(float[] params) {
    List<int[]> docs = heldOutDocs();
    if (docs.isEmpty()) {
      return Map.of();
    }
    return Map.of("heldout_perplexity", model.heldOutPerplexity(params, docs, foldInIterations, seed + 7));
  }

  private List<int[]> heldOutDocs() {
    if (heldOut == null) {
      heldOut = generated != null && heldOutCount > 0 ? generated.heldOut(heldOutCount) : List.of();
    }
    return heldOut;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "TM(LDA, %d topics, alpha %.3g, beta %.3g, %s, significance %s)",
        model.topics(), model.alpha(), model.beta(), description, significance());
  }
}
