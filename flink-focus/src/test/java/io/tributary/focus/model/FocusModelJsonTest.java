package io.tributary.focus.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.model.Architecture;
import io.tributary.common.model.ModelSpec;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Registry lines of format 2, as the index's configuration registry holds them, read and written back unchanged. */
class FocusModelJsonTest {
  static final String BUILTIN = "{\"kind\":\"BUILTIN\",\"path\":\"models/cheap\",\"name\":\"cheap-v1\",\"arch\":\"CHEAP\","
      + "\"classes\":[\"background\",\"car\",\"person\"],\"input\":{\"width\":24,\"height\":24,\"rgb\":false,"
      + "\"scale\":0.003921569,\"mean\":[0.5,0.5,0.5],\"std\":[0.25,0.25,0.25],\"letterbox\":true,\"pad_value\":128,"
      + "\"top_left\":false},\"outputs_probabilities\":false,\"non_objects\":[\"background\"],\"min_score\":0.0}";
  static final String ONNX = "{\"kind\":\"ONNX\",\"path\":\"m.onnx\",\"name\":\"m.onnx\",\"classes\":[\"a\",\"b\"],"
      + "\"input\":{\"width\":224,\"height\":224,\"rgb\":true,\"scale\":0.003921569,\"mean\":[0.485,0.456,0.406],"
      + "\"std\":[0.229,0.224,0.225],\"letterbox\":false,\"pad_value\":0,\"top_left\":false},"
      + "\"outputs_probabilities\":true,\"non_objects\":[\"background\"],\"min_score\":0.0}";

  @Test
  void formatTwoLinesReadAndWriteBackUnchanged() throws IOException {
    FocusModel b = FocusModelJson.read(BUILTIN, "test");
    assertEquals(Architecture.CHEAP, b.arch());
    assertEquals(List.of("background", "car", "person"), b.classes());
    assertTrue(b.input().letterbox());
    assertEquals(128, b.input().padValue());
    assertEquals(new ModelSpec(Architecture.CHEAP, new int[] {3, 24, 24}, 3), b.network());
    assertEquals(BUILTIN, FocusModelJson.write(b));
    assertEquals(InputSpec.builtin(Architecture.CHEAP).toString(), b.input().toString());

    FocusModel o = FocusModelJson.read(ONNX, "test");
    assertNull(o.arch());
    assertFalse(o.input().letterbox());
    assertTrue(o.outputsProbabilities());
    assertEquals(ONNX, FocusModelJson.write(o));
  }

  @Test
  void aReplicaNetworkIsNotABuiltinCropModel() {
    IOException e = assertThrows(IOException.class,
        () -> FocusModelJson.read(BUILTIN.replace("\"CHEAP\"", "\"LENET\""), "registry entry 3"));
    assertTrue(e.getMessage().contains("registry entry 3") && e.getMessage().contains("LENET"), e.getMessage());
  }
}
