package io.tributary.common.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.util.Locale;

/**
 * The text layout of {@code summary.json}, as Jackson settings: a flat object with one
 * {@code "key": value} entry per line, indented by two spaces, and control characters in strings
 * escaped as backslash n, r or t, or as a backslash, u and four lower-case hex digits. This is the layout
 * summaries have always had (Jackson's own pretty printer writes {@code "key" : value} and
 * upper-case hex), so files written before and after read the same to tools that diff them.
 */
final class SummaryJsonFormat {
  private SummaryJsonFormat() {}

  /** Sets the layout and escapes on a generator about to write a summary. */
  static void configure(JsonGenerator g) {
    g.setPrettyPrinter(new FlatObjectPrinter());
    g.setCharacterEscapes(new ControlEscapes());
  }

  /** {@code {\n  "a": 1,\n  "b": 2\n}}; arrays (never in a summary) stay on one line. */
  private static final class FlatObjectPrinter implements PrettyPrinter {
    @Override
    public void writeRootValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw('\n');
    }

    @Override
    public void writeStartObject(JsonGenerator g) throws IOException {
      g.writeRaw('{');
    }

    @Override
    public void beforeObjectEntries(JsonGenerator g) throws IOException {
      g.writeRaw("\n  ");
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(": ");
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
      g.writeRaw(",\n  ");
    }

    @Override
    public void writeEndObject(JsonGenerator g, int nrOfEntries) throws IOException {
      g.writeRaw("\n}");
    }

    @Override
    public void writeStartArray(JsonGenerator g) throws IOException {
      g.writeRaw('[');
    }

    @Override
    public void beforeArrayValues(JsonGenerator g) {}

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(", ");
    }

    @Override
    public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
      g.writeRaw(']');
    }
  }

  /** JSON's standard escapes, except that control characters other than newline, return and tab use lower-case hex. */
  private static final class ControlEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] ascii;

    ControlEscapes() {
      ascii = standardAsciiEscapesForJSON();
      for (int c = 0; c < 0x20; c++) {
        if (c != '\n' && c != '\r' && c != '\t') {
          ascii[c] = ESCAPE_CUSTOM;
        }
      }
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      // Jackson asks about every non-ASCII character too: those are written as they are.
      return ch < 0x20 ? new SerializedString(String.format(Locale.ROOT, "\\u%04x", ch)) : null;
    }
  }
}
