package io.tributary.gaia.launch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the flat JSON objects {@link io.tributary.common.report.Summary} writes (a data centre's
 * result, a bench's {@code summary.json}) with Jackson: string keys; values that are numbers
 * (read as {@link Double}), booleans, strings or null (read as {@link Double#NaN}, the value
 * Summary writes as null). Anything else, nested objects and arrays included, is an error naming
 * the source.
 */
final class SummaryJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SummaryJson() {}

  /** The object's entries in file order; {@code source} names the file in errors. */
  static Map<String, Object> parse(String text, String source) {
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(source + ": malformed JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " at character " + e.getLocation().getCharOffset()), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(source + ": malformed JSON: expected an object");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      out.put(e.getKey(), value(e.getValue(), e.getKey(), source));
    }
    return out;
  }

  private static Object value(JsonNode v, String key, String source) {
    if (v.isNumber()) {
      return v.doubleValue();
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isTextual()) {
      return v.textValue();
    }
    if (v.isNull()) {
      return Double.NaN;
    }
    throw new IllegalArgumentException(source + ": malformed JSON: key '" + key + "' holds " + v.getNodeType()
        + ", not a number, boolean, string or null");
  }
}
