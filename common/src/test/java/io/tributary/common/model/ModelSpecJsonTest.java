package io.tributary.common.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ModelSpecJsonTest {
  @Test
  void everyArchitectureRoundTrips() {
    for (Architecture a : Architecture.values()) {
      ModelSpec spec = a.isConvolutional() ? new ModelSpec(a, new int[] {3, 24, 24}, 5, 4)
          : new ModelSpec(a, new int[] {8}, 3);
      assertEquals(spec, ModelSpecJson.read(ModelSpecJson.write(spec)), a.id());
    }
  }

  @Test
  void damagedTextNamesTheField() {
    IllegalArgumentException a = assertThrows(IllegalArgumentException.class,
        () -> ModelSpecJson.read("{\"architecture\":\"vgg\",\"input_shape\":[8],\"classes\":3,\"group_size\":2}"));
    assertTrue(a.getMessage().contains("'vgg'"), a.getMessage());
    IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
        () -> ModelSpecJson.read("{\"architecture\":\"mlp\",\"input_shape\":[8],\"classes\":\"3\",\"group_size\":2}"));
    assertTrue(c.getMessage().contains("'classes'"), c.getMessage());
    IllegalArgumentException g = assertThrows(IllegalArgumentException.class,
        () -> ModelSpecJson.read("{\"architecture\":\"mlp\",\"input_shape\":[8],\"classes\":3}"));
    assertTrue(g.getMessage().contains("'group_size'"), g.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ModelSpecJson.read("[1, 2"));
  }
}
