package io.tributary.gaia.mf;

import java.io.Serializable;
import java.util.regex.Pattern;

/**
 * Parses rating triples, one per line: {@code user item rating[ extra...]} separated by a comma,
 * a tab, whitespace or MovieLens' {@code ::} (any further columns, such as a timestamp, are
 * ignored). User and item ids are non-negative integers; lines starting with {@code #} and a first
 * header line whose fields are not numbers are skipped.
 *
 * <p>Kept minimal on purpose: the shared {@code io.tributary.common.data.RatingsReader} (another
 * engineer's, not merged when this was written) should replace it when it lands; Spark reads
 * the files here ({@link MatrixFactorization#fromFile}) so each data centre parses its own share.
 */
public final class RatingTriples implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Pattern SEPARATOR = Pattern.compile("::|[,\\t]|\\s+");

  private RatingTriples() {}

  /** One parsed triple. */
  public record Triple(long user, int item, float rating) implements Serializable {}

  /**
   * Parses one line; returns null for comments, blank lines and a header (line 1 only).
   *
   * @param source the file, for error messages
   * @param lineNumber 1-based
   * @throws IllegalArgumentException naming the file, line and what is wrong
   */
  public static Triple parse(String source, long lineNumber, String line) {
    String s = line.strip();
    if (s.isEmpty() || s.startsWith("#")) {
      return null;
    }
    String[] f = SEPARATOR.split(s);
    if (f.length < 3) {
      throw new IllegalArgumentException(source + " line " + lineNumber + ": expected 'user item rating' but got '"
          + abbreviate(s) + "'");
    }
    try {
      long user = Long.parseLong(f[0].strip());
      int item = Integer.parseInt(f[1].strip());
      float rating = Float.parseFloat(f[2].strip());
      if (user < 0 || item < 0) {
        throw new IllegalArgumentException(source + " line " + lineNumber + ": negative user or item id in '"
            + abbreviate(s) + "'");
      }
      if (!Float.isFinite(rating)) {
        throw new IllegalArgumentException(source + " line " + lineNumber + ": rating is not a finite number in '"
            + abbreviate(s) + "'");
      }
      return new Triple(user, item, rating);
    } catch (NumberFormatException e) {
      if (lineNumber == 1) {
        return null; // a header such as "userId,movieId,rating,timestamp"
      }
      throw new IllegalArgumentException(source + " line " + lineNumber + ": not numbers in '" + abbreviate(s) + "'", e);
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
