package io.tributary.gaia.deploy;

import io.tributary.common.config.Setting;
import io.tributary.common.config.Settings;
import io.tributary.common.data.BagOfWordsReader;
import io.tributary.common.data.Corpus;
import io.tributary.common.data.TextFolderReader;
import io.tributary.common.lda.LdaCorpusSpec;
import io.tributary.gaia.app.GaiaApp;
import io.tributary.gaia.options.MfOptions;
import io.tributary.gaia.options.TmOptions;
import io.tributary.gaia.tm.TopicModelling;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The topic-modelling application's settings (thesis §5.4.2): LDA's shape and priors ({@link Lda})
 * and its data ({@link TmData}), one of
 * <ul>
 *   <li>{@code generated}: {@link TmData#generated} documents from the LDA process;</li>
 *   <li>{@code docword}: a UCI bag-of-words file {@link TmData#path} (with {@link TmData#vocab},
 *       optional); its last {@link TmData#heldOutDocs} documents are held out;</li>
 *   <li>{@code text}: a folder or tar of raw text in class folders (20 Newsgroups), read as
 *       {@link TextFolders} says.</li>
 * </ul>
 *
 * @param lda the model
 * @param data the corpus
 */
public record TmSettings(Lda lda, TmData data) implements AppSettings {

  /**
   * LDA's shape, priors and sampling.
   *
   * @param topics K
   * @param alpha document-topic prior
   * @param beta topic-word prior
   * @param seed seed of initial assignments and sampling
   * @param countFloor the count significance function's floor
   * @param foldInIterations Gibbs sweeps per held-out document when scoring
   */
  public record Lda(int topics, double alpha, double beta, long seed, double countFloor, int foldInIterations)
      implements Serializable {
    public Lda {
      if (topics < 2) {
        throw new IllegalArgumentException("TM needs >= 2 topics, got " + topics);
      }
    }

    /** LDA with the count floor 1 and 20 fold-in sweeps, as every command runs it. */
    public static Lda of(int topics, double alpha, double beta, long seed) {
      return new Lda(topics, alpha, beta, seed, 1.0, 20);
    }
  }

  /**
   * Where the documents come from.
   *
   * @param source {@code generated}, {@code docword} or {@code text}
   * @param generated the generated corpus (source {@code generated})
   * @param heldOutDocs held-out documents (generated: drawn; docword: the file's last ones)
   * @param path the docword file or text folder/tar
   * @param vocab the docword vocabulary file (null: none)
   * @param text how a text corpus is read ({@link TextFolders#NONE} for the other sources)
   * @param maxDocs read at most this many training documents (0: all; docword: the first ones;
   *     text: per class, the first by file name)
   */
  public record TmData(String source, LdaCorpusSpec generated, int heldOutDocs, String path, String vocab,
      TextFolders text, int maxDocs) implements Serializable {
    public TmData {
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
      if (text == null) {
        throw new IllegalArgumentException("TM data needs its text layout (TextFolders.NONE for " + source + ")");
      }
      if (heldOutDocs < 0 || maxDocs < 0 || text.maxVocabulary() < 0) {
        throw new IllegalArgumentException("TM needs non-negative held-out/document/vocabulary limits");
      }
    }
  }

  /**
   * A text corpus's layout: training documents under {@code trainPrefix}, held-out ones under
   * {@code testPrefix} (empty: none), a vocabulary of at most {@code maxVocabulary} words found in
   * 5+ training documents.
   *
   * @param trainPrefix training folder inside the path
   * @param testPrefix held-out folder inside the path ("" for none)
   * @param maxVocabulary vocabulary size at most
   */
  public record TextFolders(String trainPrefix, String testPrefix, int maxVocabulary) implements Serializable {
    /** Not a text corpus. */
    public static final TextFolders NONE = new TextFolders(null, null, 0);
  }

  /** LDA over a generated corpus. */
  public static TmSettings generated(LdaCorpusSpec spec, int topics, double alpha, double beta, long seed,
      int heldOutDocs) {
    return new TmSettings(Lda.of(topics, alpha, beta, seed),
        new TmData("generated", spec, heldOutDocs, null, null, TextFolders.NONE, 0));
  }

  /** LDA over 20 Newsgroups-style text folders (a directory or tar), at most {@code maxDocsPerClass} per class. */
  public static TmSettings text(String path, TextFolders folders, int maxDocsPerClass, Lda lda) {
    return new TmSettings(lda, new TmData("text", null, 0, path, null, folders, maxDocsPerClass));
  }

  /** LDA over a UCI docword file. */
  public static TmSettings docword(String path, String vocab, int topics, double alpha, double beta, long seed,
      int heldOutDocs, int maxDocs) {
    return new TmSettings(Lda.of(topics, alpha, beta, seed),
        new TmData("docword", null, heldOutDocs, path, vocab, TextFolders.NONE, maxDocs));
  }

  @Override
  public String name() {
    return "tm";
  }

  @Override
  public GaiaApp<? extends Serializable> build() throws IOException {
    Lda m = lda;
    TmData d = data;
    return switch (d.source()) {
      case "generated" -> TopicModelling.generated(d.generated(), m.topics(), m.alpha(), m.beta(), m.seed(),
          m.countFloor(), d.heldOutDocs(), m.foldInIterations());
      case "docword" -> {
        Path f = Path.of(d.path());
        requireReadable(f, "docword file");
        Corpus all = new BagOfWordsReader().maxDocs(d.maxDocs()).read(f, d.vocab() == null ? null
            : Path.of(d.vocab()));
        int held = Math.min(d.heldOutDocs(), all.numDocs() / 2);
        Corpus train = all.subset(range(0, all.numDocs() - held));
        Corpus test = held == 0 ? null : all.subset(range(all.numDocs() - held, all.numDocs()));
        yield TopicModelling.fromCorpus(train, test, m.topics(), m.alpha(), m.beta(), m.seed(), m.countFloor(),
            m.foldInIterations());
      }
      default -> {
        Path f = Path.of(d.path());
        if (!Files.exists(f)) {
          throw new IllegalArgumentException("text corpus " + d.path() + " does not exist");
        }
        TextFolders t = d.text();
        TextFolderReader r = new TextFolderReader().minDocFrequency(5).maxVocabulary(t.maxVocabulary())
            .limitPerClass(d.maxDocs());
        Corpus train = r.read(f, t.trainPrefix() == null ? "" : t.trainPrefix());
        Corpus test = t.testPrefix() == null || t.testPrefix().isBlank() ? null
            : r.matching(train).read(f, t.testPrefix());
        yield TopicModelling.fromCorpus(train, test, m.topics(), m.alpha(), m.beta(), m.seed(), m.countFloor(),
            m.foldInIterations());
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

  /** Generated, docword or text: the run file's {@code tm.data}. */
  static final Setting<String> DATA = Setting.key("data").stringType().noDefaultValue()
      .withDescription("TM data: generated, docword or text.");

  /** Seed of initial assignments and sampling (the CLI uses 1). */
  static final Setting<Long> SEED = Setting.key("seed").longType().noDefaultValue()
      .withDescription("TM seed of initial assignments and sampling.");

  /** The count significance function's floor. */
  static final Setting<Double> COUNT_FLOOR = Setting.key("count-floor").doubleType().noDefaultValue()
      .withDescription("TM: the count significance function's floor.");

  /** Gibbs sweeps per held-out document when scoring. */
  static final Setting<Integer> FOLD_IN_ITERATIONS = Setting.key("fold-in-iterations").intType().noDefaultValue()
      .withDescription("TM: Gibbs sweeps per held-out document when scoring.");

  /** Generated corpus: document-topic concentration. */
  static final Setting<Double> DOC_CONCENTRATION = Setting.key("doc-concentration").doubleType().noDefaultValue()
      .withDescription("TM generated corpus: document-topic concentration.");

  /** Generated corpus: topic-word concentration. */
  static final Setting<Double> TOPIC_CONCENTRATION = Setting.key("topic-concentration").doubleType()
      .noDefaultValue().withDescription("TM generated corpus: topic-word concentration.");

  /** The docword file or text folder/tar. */
  static final Setting<String> PATH = Setting.key("path").stringType().noDefaultValue()
      .withDescription("TM: the docword file or text folder/tar.");

  /** The docword vocabulary file. */
  static final Setting<String> VOCAB = Setting.key("vocab").stringType().noDefaultValue()
      .withDescription("TM: the docword vocabulary file.");

  /** Text: training folder inside the path. */
  static final Setting<String> TRAIN_PREFIX = Setting.key("train-prefix").stringType().noDefaultValue()
      .withDescription("TM text: training folder inside the path.");

  /** Text: held-out folder inside the path (empty: none). */
  static final Setting<String> TEST_PREFIX = Setting.key("test-prefix").stringType().noDefaultValue()
      .withDescription("TM text: held-out folder inside the path (empty: none).");

  /** The {@code tm.} section of the run file; the generated corpus's seed is {@code --data-seed}. */
  private static final RunFileSection FILE = RunFileSection.of("tm", List.of(TmOptions.TOPICS, TmOptions.ALPHA,
      TmOptions.BETA, SEED, COUNT_FLOOR, FOLD_IN_ITERATIONS, DATA, TmOptions.HELD_OUT_DOCS, TmOptions.MAX_DOCS,
      TmOptions.MAX_VOCABULARY, TmOptions.DOCUMENTS, TmOptions.VOCABULARY, TmOptions.TRUE_TOPICS,
      TmOptions.DOC_LENGTH, DOC_CONCENTRATION, TOPIC_CONCENTRATION, MfOptions.DATA_SEED, PATH, VOCAB, TRAIN_PREFIX,
      TEST_PREFIX));

  @Override
  public void write(Map<String, String> p) {
    LdaCorpusSpec g = data.generated();
    Settings s = Settings.empty().with(TmOptions.TOPICS, lda.topics()).with(TmOptions.ALPHA, lda.alpha())
        .with(TmOptions.BETA, lda.beta()).with(SEED, lda.seed()).with(COUNT_FLOOR, lda.countFloor())
        .with(FOLD_IN_ITERATIONS, lda.foldInIterations()).with(DATA, data.source())
        .with(TmOptions.HELD_OUT_DOCS, data.heldOutDocs()).with(TmOptions.MAX_DOCS, data.maxDocs())
        .with(TmOptions.MAX_VOCABULARY, data.text().maxVocabulary()).with(PATH, data.path())
        .with(VOCAB, data.vocab()).with(TRAIN_PREFIX, data.text().trainPrefix())
        .with(TEST_PREFIX, data.text().testPrefix());
    if (g != null) {
      s = s.with(TmOptions.DOCUMENTS, g.documents()).with(TmOptions.VOCABULARY, g.vocabulary())
          .with(TmOptions.TRUE_TOPICS, g.topics()).with(TmOptions.DOC_LENGTH, g.docLength())
          .with(DOC_CONCENTRATION, g.docConcentration()).with(TOPIC_CONCENTRATION, g.topicConcentration())
          .with(MfOptions.DATA_SEED, g.seed());
    }
    FILE.write(s, p);
  }

  static TmSettings read(Properties p) {
    Settings s = FILE.read(p);
    String source = FILE.require(s, DATA);
    LdaCorpusSpec spec = null;
    if (source.equals("generated")) {
      spec = new LdaCorpusSpec(FILE.require(s, TmOptions.DOCUMENTS), FILE.require(s, TmOptions.VOCABULARY),
          FILE.require(s, TmOptions.TRUE_TOPICS), FILE.require(s, TmOptions.DOC_LENGTH),
          FILE.require(s, DOC_CONCENTRATION), FILE.require(s, TOPIC_CONCENTRATION),
          FILE.require(s, MfOptions.DATA_SEED));
    }
    // An empty test prefix ("no held-out folder") is written as an empty value and read back as "".
    String testPrefix = p.getProperty(FILE.fileKey(TEST_PREFIX)) == null ? null
        : p.getProperty(FILE.fileKey(TEST_PREFIX)).strip();
    Lda lda = new Lda(FILE.require(s, TmOptions.TOPICS), FILE.require(s, TmOptions.ALPHA),
        FILE.require(s, TmOptions.BETA), FILE.require(s, SEED), FILE.require(s, COUNT_FLOOR),
        FILE.require(s, FOLD_IN_ITERATIONS));
    TextFolders text = new TextFolders(FILE.optional(s, TRAIN_PREFIX), testPrefix,
        FILE.require(s, TmOptions.MAX_VOCABULARY));
    return new TmSettings(lda, new TmData(source, spec, FILE.require(s, TmOptions.HELD_OUT_DOCS),
        FILE.optional(s, PATH), FILE.optional(s, VOCAB), text, FILE.require(s, TmOptions.MAX_DOCS)));
  }
}
