package io.tributary.gaia.deploy;

import java.util.Properties;

/** Typed access to a run's flat properties, with errors naming the key. */
record Props(Properties p) {
  String str(String k) {
    String v = p.getProperty(k);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException("missing key '" + k + "'");
    }
    return v.strip();
  }

  /** The value, or {@code dflt} when the key is absent (older files). */
  String str(String k, String dflt) {
    String v = p.getProperty(k);
    return v == null || v.isBlank() ? dflt : v.strip();
  }

  boolean has(String k) {
    String v = p.getProperty(k);
    return v != null && !v.isBlank();
  }

  int integer(String k) {
    try {
      return Integer.parseInt(str(k));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("key '" + k + "' must be an integer, got '" + p.getProperty(k) + "'", e);
    }
  }

  long lng(String k) {
    try {
      return Long.parseLong(str(k));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("key '" + k + "' must be an integer, got '" + p.getProperty(k) + "'", e);
    }
  }

  double dbl(String k) {
    try {
      return Double.parseDouble(str(k));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("key '" + k + "' must be a number, got '" + p.getProperty(k) + "'", e);
    }
  }

  boolean bool(String k) {
    String v = str(k);
    if (!v.equals("true") && !v.equals("false")) {
      throw new IllegalArgumentException("key '" + k + "' must be true or false, got '" + v + "'");
    }
    return Boolean.parseBoolean(v);
  }
}
