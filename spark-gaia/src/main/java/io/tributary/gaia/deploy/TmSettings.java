package io.tributary.gaia.deploy;

import static io.tributary.gaia.deploy.AppSettings.num;

import io.tributary.common.data.BagOfWordsReader;
import io.tributary.common.data.Corpus;
import io.tributary.common.data.TextFolderReader;
import io.tributary.common.lda.LdaCorpusSpec;
import io.tributary.gaia.app.GaiaApp;
import io.tributary.gaia.tm.TopicModelling;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The topic-modelling application's settings (thesis §5.4.2): LDA's shape and priors, and its
 * data, one of
 * <ul>
 *   <li>{@code generated}: {@link #generated} documents from the LDA process;</li>
 *   <li>{@code docword}: a UCI bag-of-words file {@link #path} (with {@link #vocab}, optional);
 *       its last {@link #heldOutDocs} documents are held out;</li>
 *   <li>{@code text}: a folder or tar of raw text in class folders (20 Newsgroups), training
 *       documents under {@link #trainPrefix}, held-out ones under {@link #testPrefix} (empty: none),
 *       vocabulary of at most {@link #maxVocabulary} words found in 5+ training documents.</li>
 * </ul>
 *
 * @param topics K
 * @param alpha document-topic prior
 * @param beta topic-word prior
 * @param seed seed of initial assignments and sampling
 * @param countFloor the count significance function's floor
 * @param foldInIterations Gibbs sweeps per held-out document when scoring
 * @param source {@code generated}, {@code docword} or {@code text}
 * @param generated the generated corpus (source {@code generated})
 * @param heldOutDocs held-out documents (generated: drawn; docword: the file's last ones)
 * @param path the docword file or text folder/tar
 * @param vocab the docword vocabulary file (null: none)
 * @param trainPrefix text: training folder inside {@code path}
 * @param testPrefix text: held-out folder inside {@code path} ("" for none)
 * @param maxVocabulary text: vocabulary size at most
 * @param maxDocs read at most this many training documents (0: all; docword: the first ones;
 *     text: per class, the first by file name)
 */
public record TmSettings(int topics, double alpha, double beta, long seed, double countFloor, int foldInIterations,
    String source, LdaCorpusSpec generated, int heldOutDocs, String path, String vocab, String trainPrefix,
    String testPrefix, int maxVocabulary, int maxDocs) implements AppSettings {

  public TmSettings {
    switch (source) {
      case "generated" -> {
        if (generated == null) {
          throw new IllegalArgumentException("TM source 'generated' needs a corpus spec");
        }
      }
      case "docword", "text" -> {
        if (path == null || path.isBlank()) {
          throw new IllegalArgumentException("TM source '" + source + "' needs a path");
        }
      }
      default -> throw new IllegalArgumentException("TM source must be generated, docword or text, got '" + source
          + "'");
    }
    if (topics < 2 || heldOutDocs < 0 || maxDocs < 0 || maxVocabulary < 0) {
      throw new IllegalArgumentException("TM needs >= 2 topics and non-negative held-out/document/vocabulary limits");
    }
  }

  /** LDA over a generated corpus. */
  public static TmSettings generated(LdaCorpusSpec spec, int topics, double alpha, double beta, long seed,
      int heldOutDocs) {
    return new TmSettings(topics, alpha, beta, seed, 1.0, 20, "generated", spec, heldOutDocs, null, null, null, null, 0,
        0);
  }

  /** LDA over 20 Newsgroups-style text folders (a directory or tar). */
  public static TmSettings text(String path, String trainPrefix, String testPrefix, int topics, double alpha,
      double beta, long seed, int maxVocabulary, int maxDocsPerClass) {
    return new TmSettings(topics, alpha, beta, seed, 1.0, 20, "text", null, 0, path, null, trainPrefix, testPrefix,
        maxVocabulary, maxDocsPerClass);
  }

  /** LDA over a UCI docword file. */
  public static TmSettings docword(String path, String vocab, int topics, double alpha, double beta, long seed,
      int heldOutDocs, int maxDocs) {
    return new TmSettings(topics, alpha, beta, seed, 1.0, 20, "docword", null, heldOutDocs, path, vocab, null, null, 0,
        maxDocs);
  }

  @Override
  public String name() {
    return "tm";
  }

  @Override
  public GaiaApp<? extends Serializable> build() throws IOException {
    return switch (source) {
      case "generated" -> TopicModelling.generated(generated, topics, alpha, beta, seed, countFloor, heldOutDocs,
          foldInIterations);
      case "docword" -> {
        Path f = Path.of(path);
        requireReadable(f, "docword file");
        Corpus all = new BagOfWordsReader().maxDocs(maxDocs).read(f, vocab == null ? null : Path.of(vocab));
        int held = Math.min(heldOutDocs, all.numDocs() / 2);
        Corpus train = all.subset(range(0, all.numDocs() - held));
        Corpus test = held == 0 ? null : all.subset(range(all.numDocs() - held, all.numDocs()));
        yield TopicModelling.fromCorpus(train, test, topics, alpha, beta, seed, countFloor, foldInIterations);
      }
      default -> {
        Path f = Path.of(path);
        if (!Files.exists(f)) {
          throw new IllegalArgumentException("text corpus " + path + " does not exist");
        }
        TextFolderReader r = new TextFolderReader().minDocFrequency(5).maxVocabulary(maxVocabulary)
            .limitPerClass(maxDocs);
        Corpus train = r.read(f, trainPrefix == null ? "" : trainPrefix);
        Corpus test = testPrefix == null || testPrefix.isBlank() ? null : r.matching(train).read(f, testPrefix);
        yield TopicModelling.fromCorpus(train, test, topics, alpha, beta, seed, countFloor, foldInIterations);
      }
    };
  }

  private static void requireReadable(Path f, String what) {
    if (!Files.isReadable(f)) {
      throw new IllegalArgumentException(what + " " + f + " does not exist or is not readable");
    }
  }

  private static int[] range(int from, int to) {
    int[] r = new int[to - from];
    for (int i = 0; i < r.length; i++) {
      r[i] = from + i;
    }
    return r;
  }

  @Override
  public void write(Map<String, String> p) {
    p.put("tm.topics", Integer.toString(topics));
    p.put("tm.alpha", num(alpha));
    p.put("tm.beta", num(beta));
    p.put("tm.seed", Long.toString(seed));
    p.put("tm.count_floor", num(countFloor));
    p.put("tm.fold_in_iterations", Integer.toString(foldInIterations));
    p.put("tm.data", source);
    p.put("tm.held_out_docs", Integer.toString(heldOutDocs));
    p.put("tm.max_docs", Integer.toString(maxDocs));
    p.put("tm.max_vocabulary", Integer.toString(maxVocabulary));
    if (generated != null) {
      p.put("tm.documents", Integer.toString(generated.documents()));
      p.put("tm.vocabulary", Integer.toString(generated.vocabulary()));
      p.put("tm.true_topics", Integer.toString(generated.topics()));
      p.put("tm.doc_length", Integer.toString(generated.docLength()));
      p.put("tm.doc_concentration", num(generated.docConcentration()));
      p.put("tm.topic_concentration", num(generated.topicConcentration()));
      p.put("tm.data_seed", Long.toString(generated.seed()));
    }
    if (path != null) {
      p.put("tm.path", path);
    }
    if (vocab != null) {
      p.put("tm.vocab", vocab);
    }
    if (trainPrefix != null) {
      p.put("tm.train_prefix", trainPrefix);
    }
    if (testPrefix != null) {
      p.put("tm.test_prefix", testPrefix);
    }
  }

  static TmSettings read(Props q) {
    String source = q.str("tm.data");
    LdaCorpusSpec spec = null;
    if (source.equals("generated")) {
      spec = new LdaCorpusSpec(q.integer("tm.documents"), q.integer("tm.vocabulary"), q.integer("tm.true_topics"),
          q.integer("tm.doc_length"), q.dbl("tm.doc_concentration"), q.dbl("tm.topic_concentration"),
          q.lng("tm.data_seed"));
    }
    return new TmSettings(q.integer("tm.topics"), q.dbl("tm.alpha"), q.dbl("tm.beta"), q.lng("tm.seed"),
        q.dbl("tm.count_floor"), q.integer("tm.fold_in_iterations"), source, spec, q.integer("tm.held_out_docs"),
        q.str("tm.path", null), q.str("tm.vocab", null), q.str("tm.train_prefix", null),
        q.p().getProperty("tm.test_prefix") == null ? null : q.p().getProperty("tm.test_prefix").strip(),
        q.integer("tm.max_vocabulary"), q.integer("tm.max_docs"));
  }
}
