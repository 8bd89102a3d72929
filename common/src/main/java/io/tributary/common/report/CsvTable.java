package io.tributary.common.report;

import io.tributary.common.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A small in-memory table written as RFC 4180 CSV and printable as an aligned text table, used by
 * every benchmark and report for its per-row results.
 */
public final class CsvTable {
  private final List<String> columns;
  private final List<List<String>> rows = new ArrayList<>();

  public CsvTable(String... columns) {
    this.columns = List.of(columns);
  }

  /** Adds a row; numbers are formatted with up to 6 significant digits. */
  public CsvTable add(Object... cells) {
    if (cells.length != columns.size()) {
      throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + columns.size()
          + " columns " + columns);
    }
    List<String> row = new ArrayList<>(cells.length);
    for (Object c : cells) {
      row.add(format(c));
    }
    rows.add(row);
    return this;
  }

  public List<String> columns() {
    return columns;
  }

  public List<List<String>> rows() {
    return rows;
  }

  static String format(Object c) {
    if (c == null) {
      return "";
    }
    if (c instanceof Double d) {
      return d.isNaN() ? "NaN" : String.format(Locale.ROOT, "%.6g", d).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2")
          .replaceAll("\\.(e|$)", "$1");
    }
    if (c instanceof Float f) {
      return format((double) f);
    }
    return String.valueOf(c);
  }

  /** Writes the table as CSV atomically (temp file + rename), creating parent directories. */
  public void write(Path file) throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append(csvLine(columns));
    for (List<String> r : rows) {
      sb.append(csvLine(r));
    }
    AtomicFiles.writeString(file, sb.toString());
  }

  private static String csvLine(List<String> cells) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String c = cells.get(i);
      if (c.contains(",") || c.contains("\"") || c.contains("\n")) {
        c = '"' + c.replace("\"", "\"\"") + '"';
      }
      sb.append(i == 0 ? "" : ",").append(c);
    }
    return sb.append('\n').toString();
  }

  /** The table as aligned text, for printing to a terminal. */
  public String toText() {
    int[] w = new int[columns.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = columns.get(i).length();
      for (List<String> r : rows) {
        w[i] = Math.max(w[i], r.get(i).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    appendText(sb, columns, w);
    char[] rule = new char[Arrays.stream(w).sum() + 2 * (w.length - 1)];
    Arrays.fill(rule, '-');
    sb.append(rule).append('\n');
    for (List<String> r : rows) {
      appendText(sb, r, w);
    }
    return sb.toString();
  }

  private static void appendText(StringBuilder sb, List<String> cells, int[] w) {
    for (int i = 0; i < cells.size(); i++) {
      String c = cells.get(i);
      sb.append(i == 0 ? "" : "  ").append(c).append(" ".repeat(w[i] - c.length()));
    }
    sb.append('\n');
  }
}
