package io.tributary.gaia.options;

import io.tributary.common.config.Setting;
import java.util.List;

/**
 * The topic-modelling application's options (thesis §5.4.2): the corpus and LDA's shape and priors.
 * The generated corpus's seed is {@link MfOptions#DATA_SEED}.
 */
public final class TmOptions {
  private TmOptions() {}

  /** Which corpus. */
  public static final Setting<String> CORPUS = Setting.key("corpus").stringType().defaultValue("auto")
      .withDescription("TM data: auto (20 Newsgroups from ../shared/data if present, else generated), 20news,"
          + " generated, docword:FILE[:VOCAB] (UCI bag of words), text:PATH:TRAIN-PREFIX[:TEST-PREFIX] (folders of raw"
          + " text, a directory or tar).");

  /** K. */
  public static final Setting<Integer> TOPICS = Setting.key("topics").intType().defaultValue(20)
      .withDescription("TM: topics.");

  /** Document-topic prior; unset: 50 / topics (Griffiths and Steyvers). */
  public static final Setting<Double> ALPHA = Setting.key("alpha").doubleType().noDefaultValue()
      .withDescription("TM: document-topic prior (default 50/topics)");

  /** Topic-word prior. */
  public static final Setting<Double> BETA = Setting.key("beta").doubleType().defaultValue(0.01)
      .withDescription("TM: topic-word prior.");

  /** Text corpora: vocabulary size at most. */
  public static final Setting<Integer> MAX_VOCABULARY = Setting.key("max-vocabulary").intType().defaultValue(10000)
      .withDescription("TM text corpora: vocabulary size at most.");

  /** Training documents at most. */
  public static final Setting<Integer> MAX_DOCS = Setting.key("max-docs").intType().defaultValue(0)
      .withDescription("TM: training documents at most (text: per class; 0 = all).");

  /** Held-out documents for perplexity. */
  public static final Setting<Integer> HELD_OUT_DOCS = Setting.key("held-out-docs").intType().defaultValue(500)
      .withDescription("TM generated/docword: held-out documents for perplexity.");

  /** Generated corpus: documents. */
  public static final Setting<Integer> DOCUMENTS = Setting.key("documents").intType().defaultValue(20000)
      .withDescription("TM generated corpus: documents.");

  /** Generated corpus: vocabulary. */
  public static final Setting<Integer> VOCABULARY = Setting.key("vocabulary").intType().defaultValue(5000)
      .withDescription("TM generated corpus: vocabulary.");

  /** Generated corpus: true topics. */
  public static final Setting<Integer> TRUE_TOPICS = Setting.key("true-topics").intType().defaultValue(20)
      .withDescription("TM generated corpus: true topics.");

  /** Generated corpus: tokens per document. */
  public static final Setting<Integer> DOC_LENGTH = Setting.key("doc-length").intType().defaultValue(100)
      .withDescription("TM generated corpus: tokens per document.");

  /** TM's options in {@code --help} order. */
  public static final List<Setting<?>> ALL = List.of(CORPUS, TOPICS, ALPHA, BETA, MAX_VOCABULARY, MAX_DOCS,
      HELD_OUT_DOCS, DOCUMENTS, VOCABULARY, TRUE_TOPICS, DOC_LENGTH);
}
