package io.tributary.common.data;

import java.util.Arrays;
import java.util.List;

/**
 * A bag-of-words corpus: a vocabulary and, per document, the distinct word ids it contains (in
 * ascending order) with their counts, stored compactly as one CSR structure. Documents may carry
 * a label (the newsgroup of a 20 Newsgroups post), which is what partitioners split on. This is
 * the input of topic modelling (Gaia's TM: collapsed Gibbs LDA over NYTimes-style data), which
 * walks {@link #tokens} per document.
 *
 * <p>Immutable; {@link #subset} copies the selected documents and shares the vocabulary.
 */
public final class Corpus {
  private final String name;
  private final List<String> vocabulary;
  private final int[] docStart;   // numDocs + 1 offsets into wordIds/counts
  private final int[] wordIds;
  private final int[] counts;
  private final int[] labels;     // null when unlabelled
  private final List<String> labelNames;

  private Corpus(String name, List<String> vocabulary, int[] docStart, int[] wordIds, int[] counts, int[] labels,
      List<String> labelNames) {
    this.name = name;
    this.vocabulary = vocabulary;
    this.docStart = docStart;
    this.wordIds = wordIds;
    this.counts = counts;
    this.labels = labels;
    this.labelNames = labelNames;
  }

  /**
   * A corpus from CSR arrays: document {@code d} holds entries {@code docStart[d]} (inclusive) to
   * {@code docStart[d+1]} (exclusive) of {@code wordIds}/{@code counts}. Word ids must be strictly
   * ascending within a document and inside the vocabulary, counts positive. {@code labels} may be
   * null (unlabelled); otherwise one label per document inside {@code labelNames}.
   */
  public static Corpus of(String name, List<String> vocabulary, int[] docStart, int[] wordIds, int[] counts,
      int[] labels, List<String> labelNames) {
    validate(name, vocabulary.size(), docStart, wordIds, counts, labels, labelNames == null ? 0 : labelNames.size());
    return new Corpus(name, List.copyOf(vocabulary), docStart.clone(), wordIds.clone(), counts.clone(),
        labels == null ? null : labels.clone(), labels == null ? List.of() : List.copyOf(labelNames));
  }

  /** Package-private: adopts freshly built arrays (readers validate while building). */
  static Corpus adopt(String name, List<String> vocabulary, int[] docStart, int[] wordIds, int[] counts, int[] labels,
      List<String> labelNames) {
    return new Corpus(name, List.copyOf(vocabulary), docStart, wordIds, counts, labels,
        labels == null ? List.of() : List.copyOf(labelNames));
  }

  private static void validate(String name, int vocab, int[] docStart, int[] wordIds, int[] counts, int[] labels,
      int numLabels) {
    if (docStart.length < 1 || docStart[0] != 0 || docStart[docStart.length - 1] != wordIds.length
        || wordIds.length != counts.length) {
      throw new IllegalArgumentException(name + ": inconsistent CSR arrays (docStart must run from 0 to "
          + wordIds.length + ", wordIds and counts must have equal length)");
    }
    int docs = docStart.length - 1;
    for (int d = 0; d < docs; d++) {
      if (docStart[d + 1] < docStart[d]) {
        throw new IllegalArgumentException(name + ": docStart decreases at document " + d);
      }
      for (int k = docStart[d]; k < docStart[d + 1]; k++) {
        if (wordIds[k] < 0 || wordIds[k] >= vocab) {
          throw new IllegalArgumentException(name + ": document " + d + " has word id " + wordIds[k]
              + " outside the vocabulary of " + vocab);
        }
        if (k > docStart[d] && wordIds[k] <= wordIds[k - 1]) {
          throw new IllegalArgumentException(name + ": word ids of document " + d + " are not strictly ascending");
        }
        if (counts[k] <= 0) {
          throw new IllegalArgumentException(name + ": document " + d + " has count " + counts[k] + " for word "
              + wordIds[k]);
        }
      }
    }
    if (labels != null) {
      if (labels.length != docs) {
        throw new IllegalArgumentException(name + ": " + labels.length + " labels for " + docs + " documents");
      }
      for (int d = 0; d < docs; d++) {
        if (labels[d] < 0 || labels[d] >= numLabels) {
          throw new IllegalArgumentException(name + ": label " + labels[d] + " of document " + d + " is outside [0, "
              + numLabels + ")");
        }
      }
    }
  }

  /** The corpus name (file or folder it came from). */
  public String name() {
    return name;
  }

  /** Number of documents. */
  public int numDocs() {
    return docStart.length - 1;
  }

  /** Number of words in the vocabulary. */
  public int vocabularySize() {
    return vocabulary.size();
  }

  /** The vocabulary; word id {@code w} is {@code vocabulary().get(w)}. */
  public List<String> vocabulary() {
    return vocabulary;
  }

  /** The word with id {@code w}. */
  public String word(int w) {
    return vocabulary.get(w);
  }

  /** Number of distinct words in document {@code d}. */
  public int distinctWords(int d) {
    return docStart[d + 1] - docStart[d];
  }

  /** Number of tokens (sum of counts) in document {@code d}. */
  public int docLength(int d) {
    int s = 0;
    for (int k = docStart[d]; k < docStart[d + 1]; k++) {
      s += counts[k];
    }
    return s;
  }

  /** Distinct word ids of document {@code d}, ascending. */
  public int[] wordIds(int d) {
    return Arrays.copyOfRange(wordIds, docStart[d], docStart[d + 1]);
  }

  /** Counts matching {@link #wordIds(int)}. */
  public int[] counts(int d) {
    return Arrays.copyOfRange(counts, docStart[d], docStart[d + 1]);
  }

  /** Document {@code d} as a token-id array: each word id repeated by its count, ascending. */
  public int[] tokens(int d) {
    int[] out = new int[docLength(d)];
    int o = 0;
    for (int k = docStart[d]; k < docStart[d + 1]; k++) {
      for (int c = 0; c < counts[k]; c++) {
        out[o++] = wordIds[k];
      }
    }
    return out;
  }

  /** Total tokens in the corpus. */
  public long totalTokens() {
    long s = 0;
    for (int c : counts) {
      s += c;
    }
    return s;
  }

  /** Number of (document, word) entries. */
  public int nonZeros() {
    return wordIds.length;
  }

  /** Whether documents carry labels. */
  public boolean hasLabels() {
    return labels != null;
  }

  /** Label of document {@code d}; only for labelled corpora. */
  public int label(int d) {
    if (labels == null) {
      throw new IllegalStateException(name + " has no document labels");
    }
    return labels[d];
  }

  /** A copy of all document labels; only for labelled corpora. */
  public int[] labels() {
    if (labels == null) {
      throw new IllegalStateException(name + " has no document labels");
    }
    return labels.clone();
  }

  /** Label names (empty when unlabelled). */
  public List<String> labelNames() {
    return labelNames;
  }

  /** Number of documents with each label; only for labelled corpora. */
  public long[] labelHistogram() {
    long[] h = new long[labelNames.size()];
    for (int l : labels()) {
      h[l]++;
    }
    return h;
  }

  /** Total count of each word over the corpus. */
  public long[] wordFrequencies() {
    long[] f = new long[vocabulary.size()];
    for (int k = 0; k < wordIds.length; k++) {
      f[wordIds[k]] += counts[k];
    }
    return f;
  }

  /** The documents at {@code docs}, in that order, sharing the vocabulary and label names. */
  public Corpus subset(int[] docs) {
    int total = 0;
    for (int d : docs) {
      total += distinctWords(d);
    }
    int[] start = new int[docs.length + 1];
    int[] w = new int[total];
    int[] c = new int[total];
    int[] l = labels == null ? null : new int[docs.length];
    int o = 0;
    for (int i = 0; i < docs.length; i++) {
      int d = docs[i];
      int len = distinctWords(d);
      System.arraycopy(wordIds, docStart[d], w, o, len);
      System.arraycopy(counts, docStart[d], c, o, len);
      o += len;
      start[i + 1] = o;
      if (l != null) {
        l[i] = labels[d];
      }
    }
    return new Corpus(name, vocabulary, start, w, c, l, labelNames);
  }

  @Override
  public String toString() {
    return name + "[" + numDocs() + " docs, " + vocabularySize() + " words, " + totalTokens() + " tokens"
        + (hasLabels() ? ", " + labelNames.size() + " labels" : "") + "]";
  }
}
