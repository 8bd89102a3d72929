package io.tributary.common.data;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the UCI "Bag of Words" format (NYTimes, PubMed, KOS, NIPS, Enron), gzip or raw:
 * <pre>
 * docword.NAME.txt:  D          (number of documents)
 *                    W          (vocabulary size)
 *                    NNZ        (number of docID wordID count lines that follow)
 *                    docID wordID count    (1-based ids, one triple a line)
 * vocab.NAME.txt:    one word a line; line w is word id w
 * </pre>
 * The result is a {@link Corpus} whose word ids are the file's ids minus one. Without a vocabulary
 * file words are named {@code "#<id>"} with the file's 1-based id. Every count, id and the number
 * of lines is checked against the header. Parsing is a hand-rolled digit scanner so NYTimes-sized
 * files (70M lines) read in seconds.
 */
public final class BagOfWordsReader {
  private final int maxDocs;

  /** A reader of all documents. */
  public BagOfWordsReader() {
    this(0);
  }

  private BagOfWordsReader(int maxDocs) {
    this.maxDocs = maxDocs;
  }

  /** Keep only documents with id {@code <= n} (the first {@code n}); 0 keeps all. */
  public BagOfWordsReader maxDocs(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("maxDocs must be >= 0, got " + n);
    }
    return new BagOfWordsReader(n);
  }

  /** Reads {@code docword} with the optional {@code vocab} file (null for none). */
  public static Corpus readFile(Path docword, Path vocab) throws IOException {
    return new BagOfWordsReader().read(docword, vocab);
  }

  /** Reads {@code docword} with the optional {@code vocab} file (null for none). */
  public Corpus read(Path docword, Path vocab) throws IOException {
    int numDocs;
    int vocabSize;
    int[] doc;
    int[] word;
    int[] cnt;
    int n = 0;
    try (InputStream in = Inputs.open(docword)) {
      Scanner s = new Scanner(in, docword);
      long d = s.headerValue("D (number of documents)");
      long w = s.headerValue("W (vocabulary size)");
      long nnz = s.headerValue("NNZ (number of entries)");
      if (d < 1 || w < 1 || d > Integer.MAX_VALUE || w > Integer.MAX_VALUE || nnz > Integer.MAX_VALUE - 16) {
        throw DatasetFormatException.of(docword, "wrong sizes in header: D=" + d + " W=" + w + " NNZ=" + nnz);
      }
      numDocs = maxDocs > 0 ? (int) Math.min(d, maxDocs) : (int) d;
      vocabSize = (int) w;
      int cap = (int) (maxDocs > 0 ? Math.min(nnz, 1 << 20) : nnz);
      doc = new int[cap];
      word = new int[cap];
      cnt = new int[cap];
      long seen = 0;
      while (true) {
        long di = s.next(true);
        if (di < 0) {
          break;
        }
        long line = s.line();
        long wi = s.next(false);
        long ci = s.next(false);
        if (wi < 0 || ci < 0 || s.line() != line) {
          throw DatasetFormatException.of(docword, "line " + line + ": expected three numbers \"docID wordID count\"");
        }
        seen++;
        if (seen > nnz) {
          throw DatasetFormatException.of(docword, "wrong sizes: more than the " + nnz + " entries declared by the "
              + "header (line " + line + ")");
        }
        if (di < 1 || di > d) {
          throw DatasetFormatException.of(docword, "line " + line + ": docID " + di + " outside [1, " + d + "]");
        }
        if (wi < 1 || wi > w) {
          throw DatasetFormatException.of(docword, "line " + line + ": wordID " + wi + " outside [1, " + w + "]");
        }
        if (ci < 1 || ci > Integer.MAX_VALUE) {
          throw DatasetFormatException.of(docword, "line " + line + ": count " + ci + " must be a positive integer");
        }
        if (maxDocs > 0 && di > maxDocs) {
          continue;
        }
        if (n == doc.length) {
          int grow = (int) Math.min(nnz, (long) doc.length * 2 + 16);
          doc = Arrays.copyOf(doc, grow);
          word = Arrays.copyOf(word, grow);
          cnt = Arrays.copyOf(cnt, grow);
        }
        doc[n] = (int) di - 1;
        word[n] = (int) wi - 1;
        cnt[n] = (int) ci;
        n++;
      }
      if (seen < nnz) {
        throw DatasetFormatException.of(docword, "truncated: the header declares " + nnz + " entries but only " + seen
            + " follow");
      }
    } catch (EOFException e) {
      throw DatasetFormatException.of(docword, "truncated: " + e.getMessage());
    }
    // Counting sort by document into CSR; the UCI files are already sorted, but nothing relies on it.
    int[] start = new int[numDocs + 1];
    for (int i = 0; i < n; i++) {
      start[doc[i] + 1]++;
    }
    for (int i = 0; i < numDocs; i++) {
      start[i + 1] += start[i];
    }
    int[] fill = Arrays.copyOf(start, numDocs);
    int[] wOut = new int[n];
    int[] cOut = new int[n];
    for (int i = 0; i < n; i++) {
      int p = fill[doc[i]]++;
      wOut[p] = word[i];
      cOut[p] = cnt[i];
    }
    doc = null;
    word = null;
    cnt = null;
    for (int di = 0; di < numDocs; di++) {
      sortDoc(docword, di, start[di], start[di + 1], wOut, cOut);
    }
    List<String> vocabulary = vocab == null ? numbered(vocabSize) : readVocabulary(vocab, vocabSize);
    String name = docword.getFileName().toString().replaceFirst("\\.gz$", "").replaceFirst("\\.txt$", "")
        .replaceFirst("^docword\\.", "");
    return Corpus.adopt(name, vocabulary, start, wOut, cOut, null, null);
  }

  private static void sortDoc(Path file, int d, int from, int to, int[] w, int[] c) throws IOException {
    boolean sorted = true;
    for (int k = from + 1; k < to; k++) {
      if (w[k] <= w[k - 1]) {
        sorted = false;
        break;
      }
    }
    if (sorted) {
      return;
    }
    long[] packed = new long[to - from];
    for (int k = from; k < to; k++) {
      packed[k - from] = ((long) w[k] << 32) | (c[k] & 0xFFFFFFFFL);
    }
    Arrays.sort(packed);
    for (int k = from; k < to; k++) {
      w[k] = (int) (packed[k - from] >>> 32);
      c[k] = (int) packed[k - from];
      if (k > from && w[k] == w[k - 1]) {
        throw DatasetFormatException.of(file, "document " + (d + 1) + " lists word " + (w[k] + 1) + " twice");
      }
    }
  }

  private static List<String> numbered(int w) {
    List<String> v = new ArrayList<>(w);
    for (int i = 1; i <= w; i++) {
      v.add("#" + i);
    }
    return v;
  }

  private static List<String> readVocabulary(Path vocab, int expected) throws IOException {
    List<String> words = new ArrayList<>(expected);
    try (BufferedReader r = new BufferedReader(new InputStreamReader(Inputs.open(vocab), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        words.add(line.strip());
      }
    }
    while (!words.isEmpty() && words.get(words.size() - 1).isEmpty()) {
      words.remove(words.size() - 1);
    }
    if (words.size() != expected) {
      throw DatasetFormatException.of(vocab, "wrong sizes: " + words.size() + " words but the docword header declares"
          + " W=" + expected);
    }
    return words;
  }

  /** Reads non-negative decimal integers separated by whitespace, tracking line numbers. */
  private static final class Scanner {
    private final InputStream in;
    private final Path file;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int len;
    private long line = 1;
    private long tokenLine;

    Scanner(InputStream in, Path file) {
      this.in = in;
      this.file = file;
    }

    long line() {
      return tokenLine;
    }

    long headerValue(String what) throws IOException {
      long v = next(true);
      if (v < 0) {
        throw DatasetFormatException.of(file, "truncated: the header ends before " + what);
      }
      if (tokenLine > 3) {
        throw DatasetFormatException.of(file, "bad header: " + what + " must be alone on line " + (tokenLine));
      }
      return v;
    }

    /** The next integer, or -1 at end of input. {@code newLine}: it must start a new line. */
    long next(boolean newLine) throws IOException {
      long prevLine = tokenLine;
      int b = skipSpace();
      if (b < 0) {
        return -1;
      }
      tokenLine = line;
      if (newLine && prevLine == tokenLine && prevLine != 0) {
        throw DatasetFormatException.of(file, "line " + line + ": more than three numbers on a line");
      }
      if (b < '0' || b > '9') {
        throw DatasetFormatException.of(file, "line " + line + ": unexpected character '" + (char) b
            + "' (only non-negative integers are allowed)");
      }
      long v = 0;
      while (b >= '0' && b <= '9') {
        v = v * 10 + (b - '0');
        if (v > Integer.MAX_VALUE * 4L) {
          throw DatasetFormatException.of(file, "line " + line + ": number too large");
        }
        b = read();
      }
      if (b >= 0 && b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        throw DatasetFormatException.of(file, "line " + line + ": unexpected character '" + (char) b + "'");
      }
      if (b == '\n') {
        pos--; // let skipSpace count the newline
      }
      return v;
    }

    private int skipSpace() throws IOException {
      int b;
      while ((b = read()) == ' ' || b == '\t' || b == '\n' || b == '\r') {
        if (b == '\n') {
          line++;
        }
      }
      return b;
    }

    private int read() throws IOException {
      if (pos == len) {
        len = in.read(buf, 0, buf.length);
        pos = 0;
        if (len <= 0) {
          len = 0;
          return -1;
        }
      }
      return buf[pos++] & 0xFF;
    }
  }
}
