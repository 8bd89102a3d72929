package io.tributary.common.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A flat JSON object of headline figures ({@code summary.json} of every benchmark): string keys,
 * values that are numbers, booleans or strings. Kept flat on purpose so notebooks, CI and people
 * can read it without a schema. Written atomically (temp file + rename) so a crash never leaves a
 * half-written summary.
 */
public final class Summary {
  private final Map<String, Object> values = new LinkedHashMap<>();

  /** Puts a number; NaN and infinities are written as {@code null} (JSON has no such numbers). */
  public Summary put(String key, double value) {
    values.put(key, value);
    return this;
  }

  public Summary put(String key, long value) {
    values.put(key, value);
    return this;
  }

  public Summary put(String key, boolean value) {
    values.put(key, value);
    return this;
  }

  public Summary put(String key, String value) {
    values.put(key, value);
    return this;
  }

  /** The value under {@code key}, or null. */
  public Object get(String key) {
    return values.get(key);
  }

  /** An unmodifiable view of the entries, in insertion order. */
  public Map<String, Object> asMap() {
    return java.util.Collections.unmodifiableMap(values);
  }

  /** The JSON text, one key per line. */
  public String toJson() {
    StringBuilder sb = new StringBuilder("{\n");
    int i = 0;
    for (Map.Entry<String, Object> e : values.entrySet()) {
      sb.append("  ").append(quote(e.getKey())).append(": ").append(render(e.getValue()));
      sb.append(++i < values.size() ? ",\n" : "\n");
    }
    return sb.append("}\n").toString();
  }

  /** Writes {@code summary.json} (or any path) atomically, creating parent directories. */
  public void write(Path file) throws IOException {
    io.tributary.common.io.AtomicFiles.writeString(file, toJson());
  }

  private static String render(Object v) {
    if (v instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        return "null";
      }
      return String.format(Locale.ROOT, "%.6g", d).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replace(".e", "e")
          .replaceAll("\\.$", ".0");
    }
    if (v instanceof Number || v instanceof Boolean) {
      return String.valueOf(v);
    }
    return quote(String.valueOf(v));
  }

  /** JSON string quoting. */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
