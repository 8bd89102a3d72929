package io.tributary.common.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.tributary.common.io.AtomicFiles;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A flat JSON object of headline figures ({@code summary.json} of every benchmark): string keys,
 * values that are numbers, booleans or strings. Kept flat on purpose so notebooks, CI and people
 * can read it without a schema. Written atomically (temp file + rename) so a crash never leaves a
 * half-written summary.
 *
 * <p>The text is written with Jackson ({@link SummaryJsonFormat}: one {@code "key": value} per line);
 * doubles keep their six significant digits ({@code %.6g} without trailing zeros), so a summary's
 * text is the same as ever.
 */
public final class Summary {
  private static final JsonFactory JSON = new JsonFactory();

  private final Map<String, Object> values = new LinkedHashMap<>();

  /** Puts a number; NaN and infinities are written as {@code null} (JSON has no such numbers). */
  public Summary put(String key, double value) {
    values.put(key, value);
    return this;
  }

  /** Puts an integral number (a count, bytes, a seed). */
  public Summary put(String key, long value) {
    values.put(key, value);
    return this;
  }

  /** Puts a flag. */
  public Summary put(String key, boolean value) {
    values.put(key, value);
    return this;
  }

  /** Puts a string (a model, a description). */
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
    return Collections.unmodifiableMap(values);
  }

  /** The JSON text, one key per line. */
  public String toJson() {
    StringWriter text = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(text)) {
      SummaryJsonFormat.configure(g);
      g.writeStartObject();
      for (Map.Entry<String, Object> e : values.entrySet()) {
        g.writeFieldName(e.getKey());
        writeValue(g, e.getValue());
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a summary to memory", e);
    }
    return text.append('\n').toString();
  }

  /** Writes {@code summary.json} (or any path) atomically, creating parent directories. */
  public void write(Path file) throws IOException {
    AtomicFiles.writeString(file, toJson());
  }

  private static void writeValue(JsonGenerator g, Object v) throws IOException {
    if (v instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        g.writeNull();
      } else {
        g.writeNumber(number(d));
      }
    } else if (v instanceof Long l) {
      g.writeNumber(l);
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else {
      g.writeString(String.valueOf(v));
    }
  }

  /** Six significant digits ({@code %.6g}) without trailing zeros, keeping one after a point: 48.25, 1.0, 1.5e-07. */
  static String number(double d) {
    return String.format(Locale.ROOT, "%.6g", d).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replace(".e", "e")
        .replaceAll("\\.$", ".0");
  }
}
