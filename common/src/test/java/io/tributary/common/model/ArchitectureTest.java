package io.tributary.common.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One registry: the replica networks that command lines pick, and Focus's crop networks beside them. */
class ArchitectureTest {
  @Test
  void commandLinesKnowOnlyTheReplicaNetworks() {
    assertEquals(List.of(Architecture.CHEAP, Architecture.GT, Architecture.FRAME), Architecture.cropNetworks());
    assertEquals("lenet, bn-lenet, gn-lenet, resnet20-bn, resnet20-gn, mlp", Architecture.validIds());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Architecture.parse("cheap"));
    assertTrue(e.getMessage().contains("'cheap'") && e.getMessage().contains("resnet20-gn"), e.getMessage());
    assertThrows(IllegalStateException.class, Architecture.LENET::inputSize);
  }

  @Test
  void cropNetworksKeepTheirShapesAndCosts() {
    assertEquals(24, Architecture.CHEAP.inputSize());
    assertEquals(64, Architecture.GT.featureDim());
    assertTrue(Architecture.GT.usesBatchNorm());
    assertFalse(Architecture.CHEAP.usesBatchNorm());
    // 12x12x16 from 3 channels, 6x6x32 from 16, a 1152 -> 48 dense layer and a 48 -> 7 head
    assertEquals(12L * 12 * 16 * 3 * 9 + 6L * 6 * 32 * 16 * 9 + 6L * 6 * 32 * 48 + 48L * 7,
        CropNets.macs(Architecture.CHEAP, 7));
    IllegalArgumentException r = assertThrows(IllegalArgumentException.class,
        () -> Models.block(new ModelSpec(Architecture.CHEAP, new int[] {3, 24, 24}, 7)));
    assertTrue(r.getMessage().contains("crop network"), r.getMessage());
    assertThrows(IllegalArgumentException.class, () -> CropNets.build(Architecture.MLP, 3));
  }
}
