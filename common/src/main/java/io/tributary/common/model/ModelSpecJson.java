package io.tributary.common.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;

/**
 * A {@link ModelSpec} as one line of JSON text, e.g.
 * {@code {"architecture":"gn-lenet","input_shape":[3,32,32],"classes":10,"group_size":2}}: the
 * spec's text form, recorded in model files ({@link ReplicaFiles}). Every field is read back with
 * its type checked, so damaged text fails with an error naming the field.
 */
public final class ModelSpecJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ModelSpecJson() {}

  /** The spec as one line of JSON. */
  public static String write(ModelSpec spec) {
    ObjectNode o = JSON.createObjectNode();
    o.put("architecture", spec.architecture().id());
    Arrays.stream(spec.inputShape()).forEach(o.putArray("input_shape")::add);
    o.put("classes", spec.numClasses());
    o.put("group_size", spec.groupSize());
    return o.toString();
  }

  /**
   * Reads a spec written by {@link #write}.
   *
   * @throws IllegalArgumentException naming the field when the text is not such a spec
   */
  public static ModelSpec read(String text) {
    JsonNode o;
    try {
      o = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("model spec is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (o == null || !o.isObject()) {
      throw new IllegalArgumentException("model spec is not a JSON object");
    }
    String id = field(o, "architecture").asText();
    Architecture arch = Arrays.stream(Architecture.values()).filter(a -> a.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("model spec names an unknown architecture '" + id + "'"));
    JsonNode shape = field(o, "input_shape");
    if (!shape.isArray()) {
      throw new IllegalArgumentException("model spec field 'input_shape' is not an array");
    }
    int[] dims = new int[shape.size()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = integer(shape.get(i), "input_shape");
    }
    return new ModelSpec(arch, dims, integer(field(o, "classes"), "classes"),
        integer(field(o, "group_size"), "group_size"));
  }

  private static JsonNode field(JsonNode o, String name) {
    JsonNode v = o.get(name);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("model spec lacks '" + name + "'");
    }
    return v;
  }

  private static int integer(JsonNode v, String name) {
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new IllegalArgumentException("model spec field '" + name + "' holds a non-integer");
    }
    return v.asInt();
  }
}
