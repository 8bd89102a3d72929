package io.tributary.common.data;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads rating triples {@code user, item, rating[, more...]} from delimited text, gzip or raw:
 * CSV ({@code ,}), TSV (tab), MovieLens {@code ::} ({@code ratings.dat}) or whitespace-separated
 * (MovieLens 100k {@code u.data}). The delimiter is detected from the first data line unless set;
 * a first line whose rating field is not a number is taken as a header. Blank lines and lines
 * starting with {@code #} are skipped. Users and items may be any strings; they are remapped to
 * dense indices (see {@link Ratings}).
 *
 * <pre>{@code
 * Ratings r = new RatingsReader().read(Path.of("ml-1m/ratings.dat"));
 * }</pre>
 */
public final class RatingsReader {
  private final String delimiter;
  private final int userColumn;
  private final int itemColumn;
  private final int ratingColumn;
  private final long maxRows;

  /** A reader with delimiter detection, columns user=0, item=1, rating=2, no row limit. */
  public RatingsReader() {
    this(null, 0, 1, 2, 0);
  }

  private RatingsReader(String delimiter, int userColumn, int itemColumn, int ratingColumn, long maxRows) {
    this.delimiter = delimiter;
    this.userColumn = userColumn;
    this.itemColumn = itemColumn;
    this.ratingColumn = ratingColumn;
    this.maxRows = maxRows;
  }

  /** Reads {@code file} with the default settings. */
  public static Ratings readFile(Path file) throws IOException {
    return new RatingsReader().read(file);
  }

  /**
   * Use this delimiter instead of detecting it: {@code ","}, {@code "\t"}, {@code "::"}, or
   * {@code " "} for any run of whitespace.
   */
  public RatingsReader delimiter(String d) {
    if (d == null || d.isEmpty()) {
      throw new IllegalArgumentException("delimiter must not be empty");
    }
    return new RatingsReader(d, userColumn, itemColumn, ratingColumn, maxRows);
  }

  /** Zero-based columns of the user, item and rating fields. */
  public RatingsReader columns(int user, int item, int rating) {
    if (user < 0 || item < 0 || rating < 0 || user == item || user == rating || item == rating) {
      throw new IllegalArgumentException("columns must be distinct and >= 0, got " + user + "," + item + "," + rating);
    }
    return new RatingsReader(delimiter, user, item, rating, maxRows);
  }

  /** Read at most {@code n} ratings (0: all). */
  public RatingsReader maxRows(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("maxRows must be >= 0, got " + n);
    }
    return new RatingsReader(delimiter, userColumn, itemColumn, ratingColumn, n);
  }

  /** Reads the ratings of {@code file}. */
  public Ratings read(Path file) throws IOException {
    Map<String, Integer> userIndex = new HashMap<>();
    Map<String, Integer> itemIndex = new HashMap<>();
    List<String> userIds = new ArrayList<>();
    List<String> itemIds = new ArrayList<>();
    int cap = 1 << 16;
    int[] users = new int[cap];
    int[] items = new int[cap];
    float[] values = new float[cap];
    int n = 0;
    String delim = delimiter;
    int needed = Math.max(userColumn, Math.max(itemColumn, ratingColumn)) + 1;
    String[] fields = new String[Math.max(needed, 4)];
    try (BufferedReader in = new BufferedReader(new InputStreamReader(Inputs.open(file), StandardCharsets.UTF_8),
        1 << 16)) {
      String line;
      long lineNo = 0;
      boolean firstData = true;
      while ((line = in.readLine()) != null && (maxRows == 0 || n < maxRows)) {
        lineNo++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        if (delim == null) {
          delim = detect(line);
        }
        int got = split(line, delim, fields, needed);
        if (got < needed) {
          throw DatasetFormatException.of(file, "line " + lineNo + ": expected at least " + needed + " fields separated"
              + " by " + describe(delim) + ", found " + got + ": \"" + abbreviate(line) + "\"");
        }
        String ratingText = fields[ratingColumn];
        float value;
        try {
          value = Float.parseFloat(ratingText);
        } catch (NumberFormatException e) {
          if (firstData) { // a header such as "userId,movieId,rating,timestamp"
            firstData = false;
            continue;
          }
          throw DatasetFormatException.of(file, "line " + lineNo + ": rating \"" + ratingText + "\" is not a number");
        }
        firstData = false;
        if (!Float.isFinite(value)) {
          throw DatasetFormatException.of(file, "line " + lineNo + ": rating \"" + ratingText + "\" is not finite");
        }
        String u = fields[userColumn];
        String v = fields[itemColumn];
        if (u.isEmpty() || v.isEmpty()) {
          throw DatasetFormatException.of(file, "line " + lineNo + ": empty user or item field");
        }
        if (n == users.length) {
          cap = users.length * 2;
          users = Arrays.copyOf(users, cap);
          items = Arrays.copyOf(items, cap);
          values = Arrays.copyOf(values, cap);
        }
        users[n] = index(userIndex, userIds, u);
        items[n] = index(itemIndex, itemIds, v);
        values[n] = value;
        n++;
      }
    } catch (EOFException e) {
      throw DatasetFormatException.of(file, "truncated: " + e.getMessage());
    }
    if (n == 0) {
      throw DatasetFormatException.of(file, "no ratings found (expected lines of user, item, rating)");
    }
    String name = file.getFileName().toString().replaceFirst("(\\.gz)$", "").replaceFirst("\\.[^.]+$", "");
    return Ratings.adopt(name, Arrays.copyOf(users, n), Arrays.copyOf(items, n), Arrays.copyOf(values, n), userIds,
        itemIds);
  }

  private static int index(Map<String, Integer> index, List<String> ids, String id) {
    Integer i = index.get(id);
    if (i == null) {
      i = ids.size();
      index.put(id, i);
      ids.add(id);
    }
    return i;
  }

  private static String detect(String line) {
    if (line.contains("::")) {
      return "::";
    }
    if (line.indexOf('\t') >= 0) {
      return "\t";
    }
    if (line.indexOf(',') >= 0) {
      return ",";
    }
    if (line.indexOf(';') >= 0) {
      return ";";
    }
    return " ";
  }

  private static String describe(String delim) {
    return switch (delim) {
      case "\t" -> "tabs";
      case " " -> "whitespace";
      default -> "'" + delim + "'";
    };
  }

  /** Splits the first {@code needed} fields into {@code out}; returns how many were found. */
  private static int split(String line, String delim, String[] out, int needed) {
    int count = 0;
    if (delim.equals(" ")) {
      int i = 0;
      int len = line.length();
      while (count < needed) {
        while (i < len && Character.isWhitespace(line.charAt(i))) {
          i++;
        }
        if (i >= len) {
          break;
        }
        int start = i;
        while (i < len && !Character.isWhitespace(line.charAt(i))) {
          i++;
        }
        out[count++] = line.substring(start, i);
      }
      return count;
    }
    int start = 0;
    while (count < needed) {
      int end = line.indexOf(delim, start);
      String f = end < 0 ? line.substring(start) : line.substring(start, end);
      out[count++] = unquote(f.strip());
      if (end < 0) {
        break;
      }
      start = end + delim.length();
    }
    return count;
  }

  private static String unquote(String f) {
    return f.length() >= 2 && f.charAt(0) == '"' && f.charAt(f.length() - 1) == '"' ? f.substring(1, f.length() - 1)
        : f;
  }

  private static String abbreviate(String line) {
    return line.length() <= 80 ? line : line.substring(0, 77) + "...";
  }
}
