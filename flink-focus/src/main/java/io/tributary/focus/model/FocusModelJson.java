package io.tributary.focus.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.common.model.Architecture;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@link FocusModel} as plain JSON text, for files other programs and people read (the index's
 * configuration registry). Every field is written by name and read back with its type checked, so
 * a file edited by hand or damaged fails with an error naming the file and the field, and nothing
 * in it can make the reader build any class other than a {@code FocusModel}.
 */
public final class FocusModelJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FocusModelJson() {}

  /** The spec as one line of JSON. */
  public static String write(FocusModel m) {
    ObjectNode o = JSON.createObjectNode();
    o.put("kind", m.kind().name());
    o.put("path", m.path());
    o.put("name", m.name());
    if (m.arch() != null) {
      o.put("arch", m.arch().name());
    }
    strings(o.putArray("classes"), m.classes());
    InputSpec in = m.input();
    ObjectNode i = o.putObject("input");
    i.put("width", in.width());
    i.put("height", in.height());
    i.put("rgb", in.rgb());
    i.put("scale", in.scale());
    floats(i.putArray("mean"), in.mean());
    floats(i.putArray("std"), in.std());
    i.put("letterbox", in.letterbox());
    i.put("pad_value", in.padValue());
    i.put("top_left", in.topLeft());
    o.put("outputs_probabilities", m.outputsProbabilities());
    strings(o.putArray("non_objects"), m.nonObjects());
    o.put("min_score", m.minScore());
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write model " + m.describe() + " as JSON", e);
    }
  }

  /**
   * Reads a spec written by {@link #write}.
   *
   * @param where names the input in errors (file and entry)
   * @throws IOException naming {@code where} and the field when the text is not such a spec
   */
  public static FocusModel read(String text, String where) throws IOException {
    checkNesting(text, where);
    JsonNode o;
    try {
      o = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IOException(where + ": model is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (o == null || !o.isObject()) {
      throw new IOException(where + ": model is not a JSON object");
    }
    try {
      FocusModel.Kind kind = FocusModel.Kind.valueOf(text(o, "kind", where).toUpperCase(Locale.ROOT));
      JsonNode a = o.get("arch");
      Architecture arch = a == null || a.isNull() ? null : Architecture.valueOf(a.asText());
      JsonNode i = field(o, "input", where);
      InputSpec input = new InputSpec(integer(i, "width", where), integer(i, "height", where), bool(i, "rgb", where),
          (float) number(i, "scale", where), floatArray(i, "mean", where), floatArray(i, "std", where),
          letterbox(i, where));
      return new FocusModel(kind, text(o, "path", where), text(o, "name", where), arch, stringList(o, "classes", where),
          input, new FocusModel.Output(bool(o, "outputs_probabilities", where), stringList(o, "non_objects", where),
          (float) number(o, "min_score", where)));
    } catch (IllegalArgumentException e) {
      // Unknown enum names and the records' own checks (no classes, a bad input size).
      throw new IOException(where + ": invalid model: " + e.getMessage(), e);
    }
  }

  /**
   * The input's letterboxing. Files written so far record {@code pad_value} and {@code top_left}
   * for stretched inputs too (as 0 and false); they are read and checked but mean nothing then.
   */
  private static InputSpec.Letterbox letterbox(JsonNode i, String where) throws IOException {
    boolean letterbox = bool(i, "letterbox", where);
    int pad = integer(i, "pad_value", where);
    boolean topLeft = bool(i, "top_left", where);
    return letterbox ? new InputSpec.Letterbox(pad, topLeft) : null;
  }

  /** The deepest nesting a spec has is 3 (spec, input, mean); deeper text is refused before parsing. */
  private static final int MAX_DEPTH = 8;

  /**
   * Refuses deeply nested text before Jackson sees it: older Jackson versions (which a cluster may
   * supply) parse nesting recursively and have no depth limit of their own.
   */
  private static void checkNesting(String text, String where) throws IOException {
    int depth = 0;
    boolean inString = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        if (++depth > MAX_DEPTH) {
          throw new IOException(where + ": model JSON is nested deeper than " + MAX_DEPTH + " levels");
        }
      } else if (c == '}' || c == ']') {
        depth--;
      }
    }
  }

  private static JsonNode field(JsonNode o, String name, String where) throws IOException {
    JsonNode v = o.get(name);
    if (v == null || v.isNull()) {
      throw new IOException(where + ": model lacks '" + name + "'");
    }
    return v;
  }

  private static String text(JsonNode o, String name, String where) throws IOException {
    JsonNode v = field(o, name, where);
    if (!v.isTextual()) {
      throw new IOException(where + ": model field '" + name + "' is not a string");
    }
    return v.asText();
  }

  private static boolean bool(JsonNode o, String name, String where) throws IOException {
    JsonNode v = field(o, name, where);
    if (!v.isBoolean()) {
      throw new IOException(where + ": model field '" + name + "' is not true or false");
    }
    return v.asBoolean();
  }

  private static double number(JsonNode o, String name, String where) throws IOException {
    JsonNode v = field(o, name, where);
    if (!v.isNumber()) {
      throw new IOException(where + ": model field '" + name + "' is not a number");
    }
    return v.asDouble();
  }

  private static int integer(JsonNode o, String name, String where) throws IOException {
    JsonNode v = field(o, name, where);
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new IOException(where + ": model field '" + name + "' is not an integer");
    }
    return v.asInt();
  }

  private static float[] floatArray(JsonNode o, String name, String where) throws IOException {
    JsonNode v = field(o, name, where);
    if (!v.isArray()) {
      throw new IOException(where + ": model field '" + name + "' is not an array");
    }
    float[] out = new float[v.size()];
    for (int k = 0; k < out.length; k++) {
      if (!v.get(k).isNumber()) {
        throw new IOException(where + ": model field '" + name + "' holds a non-number");
      }
      out[k] = (float) v.get(k).asDouble();
    }
    return out;
  }

  private static List<String> stringList(JsonNode o, String name, String where) throws IOException {
    JsonNode v = field(o, name, where);
    if (!v.isArray()) {
      throw new IOException(where + ": model field '" + name + "' is not an array");
    }
    List<String> out = new ArrayList<>(v.size());
    for (JsonNode s : v) {
      if (!s.isTextual()) {
        throw new IOException(where + ": model field '" + name + "' holds a non-string");
      }
      out.add(s.asText());
    }
    return out;
  }

  private static void strings(ArrayNode a, List<String> values) {
    values.forEach(a::add);
  }

  private static void floats(ArrayNode a, float[] values) {
    for (float f : values) {
      a.add(f);
    }
  }
}
