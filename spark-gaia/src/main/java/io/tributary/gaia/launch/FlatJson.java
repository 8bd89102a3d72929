package io.tributary.gaia.launch;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the flat JSON objects {@link io.tributary.common.report.Summary} writes: string keys;
 * values that are numbers, booleans, strings or null. Anything else is an error naming the source.
 */
final class FlatJson {
  private final String s;
  private final String source;
  private int i;

  private FlatJson(String s, String source) {
    this.s = s;
    this.source = source;
  }

  static Map<String, Object> parse(String text, String source) {
    return new FlatJson(text, source).object();
  }

  private Map<String, Object> object() {
    Map<String, Object> out = new LinkedHashMap<>();
    expect('{');
    ws();
    if (peek() == '}') {
      i++;
      return out;
    }
    while (true) {
      ws();
      String k = string();
      ws();
      expect(':');
      ws();
      out.put(k, value());
      ws();
      char c = next();
      if (c == '}') {
        return out;
      }
      if (c != ',') {
        throw error("expected ',' or '}'");
      }
    }
  }

  private Object value() {
    char c = peek();
    if (c == '"') {
      return string();
    }
    if (s.startsWith("true", i)) {
      i += 4;
      return Boolean.TRUE;
    }
    if (s.startsWith("false", i)) {
      i += 5;
      return Boolean.FALSE;
    }
    if (s.startsWith("null", i)) {
      i += 4;
      return Double.NaN;
    }
    int start = i;
    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
    if (start == i) {
      throw error("expected a value");
    }
    return Double.parseDouble(s.substring(start, i));
  }

  private String string() {
    expect('"');
    StringBuilder sb = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return sb.toString();
      }
      if (c == '\\') {
        char e = next();
        switch (e) {
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          case 'u' -> {
            sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            i += 4;
          }
          default -> sb.append(e);
        }
      } else {
        sb.append(c);
      }
    }
  }

  private void ws() {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
  }

  private char peek() {
    if (i >= s.length()) {
      throw error("unexpected end");
    }
    return s.charAt(i);
  }

  private char next() {
    char c = peek();
    i++;
    return c;
  }

  private void expect(char c) {
    ws();
    if (next() != c) {
      throw error("expected '" + c + "'");
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(source + ": malformed JSON at character " + i + ": " + what);
  }
}
