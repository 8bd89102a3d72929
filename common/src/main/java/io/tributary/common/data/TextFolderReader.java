package io.tributary.common.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a labelled folder of raw text documents, {@code <root>/<class>/<file>} (20 Newsgroups
 * "bydate" layout), from a directory or straight out of a {@code .tar} / {@code .tar.gz}, into a
 * labelled {@link Corpus}.
 *
 * <p>Processing, in order: decode as ISO-8859-1 (never fails on Usenet bytes); drop the e-mail
 * header block (everything up to the first blank line, when the text starts with a
 * {@code Key: value} line); optionally drop quoted lines ({@code >}, {@code |}, "In article ... writes:"); lowercase;
 * tokens are maximal runs of ASCII letters of length {@link #minTokenLength} to 30; drop stop
 * words. The vocabulary keeps words in at least {@link #minDocFrequency} documents, at most
 * {@link #maxVocabulary} of them by document frequency (ties by word), ordered by descending
 * document frequency then alphabetically. Documents are ordered by class, then file name; a
 * document left with no tokens stays (empty) so labels keep lining up with files.
 *
 * <p>To read a test split with the training split's vocabulary and labels:
 * <pre>{@code
 * TextFolderReader r = new TextFolderReader().minDocFrequency(5).maxVocabulary(20000);
 * Corpus train = r.read(tgz, "20news-bydate-train");
 * Corpus test = r.matching(train).read(tgz, "20news-bydate-test");
 * }</pre>
 */
public final class TextFolderReader {
  /** A common English stop-word list (articles, pronouns, auxiliaries, prepositions, conjunctions). */
  public static final Set<String> ENGLISH_STOP_WORDS = Set.of(("a about above after again against all almost also am "
      + "among an and any are aren as at be because been before being below between both but by can cannot could "
      + "couldn did didn do does doesn doing don down during each either else ever every few for from further get "
      + "got had hadn has hasn have haven having he her here hers herself him himself his how however if in into is "
      + "isn it its itself just least let like ll may me might more most must mustn my myself neither no nor not of "
      + "off often on once only or other ought our ours ourselves out over own rather re said say says she should "
      + "shouldn since so some such than that the their theirs them themselves then there these they this those "
      + "through to too twas under until up upon us ve very was wasn we were weren what when where whether which "
      + "while who whom why will with within without won would wouldn yet you your yours yourself yourselves")
      .split(" "));

  private static final Pattern HEADER_LINE = Pattern.compile("[A-Za-z][A-Za-z0-9-]*:");

  private final boolean stripHeaders;
  private final boolean stripQuotes;
  private final Set<String> stopWords;
  private final int minTokenLength;
  private final int minDocFrequency;
  private final int maxVocabulary;
  private final int limitPerClass;
  private final List<String> fixedVocabulary;
  private final List<String> fixedClasses;

  /**
   * Defaults: strip headers, keep quotes, {@link #ENGLISH_STOP_WORDS}, tokens of 2+ letters,
   * words in at least 2 documents, unlimited vocabulary, all files.
   */
  public TextFolderReader() {
    this(new Tokens(true, false, ENGLISH_STOP_WORDS, 2), new Vocabulary(2, 0, 0, null, null));
  }

  /** How documents become tokens. */
  private record Tokens(boolean stripHeaders, boolean stripQuotes, Set<String> stopWords, int minTokenLength) {}

  /** Which files are read and which words are kept (a fixed vocabulary and classes, or frequency filters). */
  private record Vocabulary(int minDocFrequency, int maxVocabulary, int limitPerClass, List<String> fixedVocabulary,
      List<String> fixedClasses) {}

  private TextFolderReader(Tokens t, Vocabulary v) {
    this.stripHeaders = t.stripHeaders();
    this.stripQuotes = t.stripQuotes();
    this.stopWords = t.stopWords();
    this.minTokenLength = t.minTokenLength();
    this.minDocFrequency = v.minDocFrequency();
    this.maxVocabulary = v.maxVocabulary();
    this.limitPerClass = v.limitPerClass();
    this.fixedVocabulary = v.fixedVocabulary();
    this.fixedClasses = v.fixedClasses();
  }

  private Tokens tokens() {
    return new Tokens(stripHeaders, stripQuotes, stopWords, minTokenLength);
  }

  private Vocabulary vocabulary() {
    return new Vocabulary(minDocFrequency, maxVocabulary, limitPerClass, fixedVocabulary, fixedClasses);
  }

  /** Whether to drop the e-mail header block of each document (default true). */
  public TextFolderReader stripHeaders(boolean on) {
    return new TextFolderReader(new Tokens(on, stripQuotes, stopWords, minTokenLength), vocabulary());
  }

  /** Whether to drop quoted lines ({@code >}, {@code |}) and quote attributions (default false). */
  public TextFolderReader stripQuotes(boolean on) {
    return new TextFolderReader(new Tokens(stripHeaders, on, stopWords, minTokenLength), vocabulary());
  }

  /** Words to drop (lowercase); an empty set keeps all. */
  public TextFolderReader stopWords(Set<String> words) {
    return new TextFolderReader(new Tokens(stripHeaders, stripQuotes, Set.copyOf(words), minTokenLength),
        vocabulary());
  }

  /** Shortest token kept (default 2). */
  public TextFolderReader minTokenLength(int n) {
    if (n < 1 || n > 30) {
      throw new IllegalArgumentException("minTokenLength must be in [1, 30], got " + n);
    }
    return new TextFolderReader(new Tokens(stripHeaders, stripQuotes, stopWords, n), vocabulary());
  }

  /** Keep words that occur in at least {@code n} documents (default 2). */
  public TextFolderReader minDocFrequency(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("minDocFrequency must be >= 1, got " + n);
    }
    return new TextFolderReader(tokens(), new Vocabulary(n, maxVocabulary, limitPerClass, fixedVocabulary,
        fixedClasses));
  }

  /** Keep at most {@code n} words, the most frequent by document frequency; 0 = unlimited. */
  public TextFolderReader maxVocabulary(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("maxVocabulary must be >= 0, got " + n);
    }
    return new TextFolderReader(tokens(), new Vocabulary(minDocFrequency, n, limitPerClass, fixedVocabulary,
        fixedClasses));
  }

  /** Read at most {@code n} files per class (the first by name); 0 = all. */
  public TextFolderReader limitPerClass(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("limitPerClass must be >= 0, got " + n);
    }
    return new TextFolderReader(tokens(), new Vocabulary(minDocFrequency, maxVocabulary, n, fixedVocabulary,
        fixedClasses));
  }

  /**
   * Use this vocabulary as it is (words outside it are dropped; no frequency filtering) and these
   * classes in this label order.
   */
  public TextFolderReader withVocabulary(List<String> vocabulary, List<String> classes) {
    return new TextFolderReader(tokens(), new Vocabulary(minDocFrequency, maxVocabulary, limitPerClass,
        List.copyOf(vocabulary), List.copyOf(classes)));
  }

  /** Same as {@link #withVocabulary} with {@code reference}'s vocabulary and label names. */
  public TextFolderReader matching(Corpus reference) {
    if (!reference.hasLabels()) {
      throw new IllegalArgumentException(reference.name() + " has no labels to match");
    }
    return withVocabulary(reference.vocabulary(), reference.labelNames());
  }

  /**
   * Reads the class folders under {@code prefix} of {@code source}: a directory (then
   * {@code source/prefix} holds the class folders; {@code prefix} may be empty) or a tar archive,
   * plain or gzip (then {@code prefix} is a directory path inside it).
   */
  public Corpus read(Path source, String prefix) throws IOException {
    Map<String, TreeMap<String, Object>> byClass = new TreeMap<>();
    String where;
    if (Files.isDirectory(source)) {
      Path root = prefix.isEmpty() ? source : source.resolve(prefix);
      where = root.toString();
      if (!Files.isDirectory(root)) {
        throw new NoSuchFileException(root.toString(), null, "no such text folder");
      }
      List<Path> dirs;
      try (Stream<Path> s = Files.list(root)) {
        dirs = s.filter(Files::isDirectory).sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
      }
      for (Path dir : dirs) {
        TreeMap<String, Object> files = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
          s.filter(Files::isRegularFile).forEach(p -> keep(files, p.getFileName().toString(), p));
        }
        byClass.put(dir.getFileName().toString(), files);
      }
    } else if (Files.isRegularFile(source)) {
      String p = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
      where = source + (p.isEmpty() ? "" : "!/" + p);
      TarReader.read(source, path -> {
        if (!path.startsWith(p)) {
          return false;
        }
        String rest = path.substring(p.length());
        int slash = rest.indexOf('/');
        return slash > 0 && slash < rest.length() - 1 && rest.indexOf('/', slash + 1) < 0;
      }, (path, content) -> {
        String rest = path.substring(p.length());
        int slash = rest.indexOf('/');
        keep(byClass.computeIfAbsent(rest.substring(0, slash), c -> new TreeMap<>()), rest.substring(slash + 1),
            content);
      });
    } else {
      throw new NoSuchFileException(source.toString(), null, "no such text folder or archive");
    }
    List<String> classes = fixedClasses != null ? fixedClasses : List.copyOf(byClass.keySet());
    for (String c : byClass.keySet()) {
      if (!classes.contains(c)) {
        throw new DatasetFormatException(where + ": class folder '" + c + "' is not one of the expected classes "
            + classes);
      }
    }
    List<String[]> docs = new ArrayList<>();
    List<Integer> labelList = new ArrayList<>();
    for (int label = 0; label < classes.size(); label++) {
      TreeMap<String, Object> files = byClass.get(classes.get(label));
      if (files == null) {
        continue;
      }
      for (Object src : files.values()) {
        byte[] bytes = src instanceof Path path ? Files.readAllBytes(path) : (byte[]) src;
        docs.add(tokenize(new String(bytes, StandardCharsets.ISO_8859_1)));
        labelList.add(label);
      }
    }
    if (docs.isEmpty()) {
      throw new DatasetFormatException(where + ": no documents found (expected <class>/<file>)");
    }
    List<String> vocabulary = fixedVocabulary != null ? fixedVocabulary : buildVocabulary(docs);
    Map<String, Integer> ids = new HashMap<>(vocabulary.size() * 2);
    for (int i = 0; i < vocabulary.size(); i++) {
      ids.put(vocabulary.get(i), i);
    }
    int[] start = new int[docs.size() + 1];
    int[] wordIds = new int[16];
    int[] counts = new int[16];
    int o = 0;
    for (int d = 0; d < docs.size(); d++) {
      int[] present = Arrays.stream(docs.get(d)).map(ids::get).filter(Objects::nonNull)
          .mapToInt(Integer::intValue).sorted().toArray();
      for (int i = 0; i < present.length; ) {
        int j = i;
        while (j < present.length && present[j] == present[i]) {
          j++;
        }
        if (o == wordIds.length) {
          wordIds = Arrays.copyOf(wordIds, o * 2);
          counts = Arrays.copyOf(counts, o * 2);
        }
        wordIds[o] = present[i];
        counts[o] = j - i;
        o++;
        i = j;
      }
      start[d + 1] = o;
      docs.set(d, null);
    }
    int[] labels = labelList.stream().mapToInt(Integer::intValue).toArray();
    String name = (prefix.isEmpty() ? source.getFileName().toString() : prefix.replaceAll("/+$", ""))
        .replaceFirst("\\.tar(\\.gz)?$", "").replace('/', '-');
    return Corpus.adopt(name, vocabulary, start, Arrays.copyOf(wordIds, o), Arrays.copyOf(counts, o), labels,
        classes);
  }

  private void keep(TreeMap<String, Object> files, String fileName, Object source) {
    files.put(fileName, source);
    if (limitPerClass > 0 && files.size() > limitPerClass) {
      files.pollLastEntry();
    }
  }

  private List<String> buildVocabulary(List<String[]> docs) {
    Map<String, int[]> df = new HashMap<>();
    for (String[] doc : docs) {
      for (String w : Arrays.stream(doc).distinct().toList()) {
        df.computeIfAbsent(w, k -> new int[1])[0]++;
      }
    }
    Stream<Map.Entry<String, int[]>> kept = df.entrySet().stream().filter(e -> e.getValue()[0] >= minDocFrequency)
        .sorted(Comparator.<Map.Entry<String, int[]>>comparingInt(e -> -e.getValue()[0])
            .thenComparing(Map.Entry::getKey));
    if (maxVocabulary > 0) {
      kept = kept.limit(maxVocabulary);
    }
    return kept.map(Map.Entry::getKey).toList();
  }

  /** The tokens of one raw document after header/quote stripping, lowercasing and stop words. */
  String[] tokenize(String text) {
    String body = stripHeaders ? stripHeader(text) : text;
    List<String> out = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    int len = body.length();
    int lineStart = 0;
    while (lineStart <= len) {
      int lineEnd = body.indexOf('\n', lineStart);
      if (lineEnd < 0) {
        lineEnd = len;
      }
      if (!(stripQuotes && isQuoteLine(body, lineStart, lineEnd))) {
        for (int i = lineStart; i <= lineEnd; i++) {
          char ch = i < lineEnd ? body.charAt(i) : ' ';
          if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')) {
            word.append(Character.toLowerCase(ch));
          } else if (word.length() > 0) {
            emit(word, out);
          }
        }
      }
      lineStart = lineEnd + 1;
    }
    return out.toArray(String[]::new);
  }

  /**
   * A quoted line ({@code >} or {@code |}) or a quote attribution ("In article ... writes:"), the
   * same lines scikit-learn's 20 Newsgroups loader removes as quotes.
   */
  private static boolean isQuoteLine(String body, int from, int to) {
    if (from >= to) {
      return false;
    }
    char first = body.charAt(from);
    if (first == '>' || first == '|') {
      return true;
    }
    String line = body.substring(from, to);
    return line.startsWith("In article") || line.startsWith("Quoted from") || line.contains("writes:")
        || line.contains("writes in") || line.contains("wrote:") || line.contains("says:") || line.contains("said:");
  }

  private void emit(StringBuilder word, List<String> out) {
    int n = word.length();
    if (n >= minTokenLength && n <= 30) {
      String w = word.toString();
      if (!stopWords.contains(w)) {
        out.add(w);
      }
    }
    word.setLength(0);
  }

  private static String stripHeader(String text) {
    int firstLineEnd = text.indexOf('\n');
    String first = firstLineEnd < 0 ? text : text.substring(0, firstLineEnd);
    if (!HEADER_LINE.matcher(first).lookingAt()) {
      return text;
    }
    int blank = text.indexOf("\n\n");
    int blankCr = text.indexOf("\r\n\r\n");
    if (blank < 0 && blankCr < 0) {
      return "";
    }
    int cut = blank < 0 ? blankCr + 4 : (blankCr < 0 || blank < blankCr ? blank + 2 : blankCr + 4);
    return text.substring(cut);
  }
}
