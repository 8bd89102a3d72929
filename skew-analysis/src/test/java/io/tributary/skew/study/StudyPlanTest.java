package io.tributary.skew.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Presets, overrides and run configurations (no Spark, no data). */
class StudyPlanTest {

  @Test
  void paperPresetIsTheMainTablePlusTheDegreesOfSkew() {
    List<StudyRun> runs = StudyPresets.runs(StudyOptions.ofPreset("paper-cifar10", Path.of("out")));
    // 2 models x {IID, non-IID} x 4 algorithms, then GN-LeNet x {20,40,60,80}% x 4 algorithms.
    assertEquals(16 + 16, runs.size());
    Set<String> ids = new HashSet<>();
    for (StudyRun r : runs) {
      assertTrue(ids.add(r.id()), "unique ids");
      assertEquals("cifar10", r.dataset());
      assertEquals(5, r.partitions());
      assertEquals(20, r.batchSize());
      assertEquals(0.9, r.sgd().momentum());
      assertEquals(0.0005, r.sgd().weightDecay());
      double e = r.epochs();
      assertEquals(List.of(0.5 * e, 0.75 * e), List.of(r.learningRate().milestones()[0], r.learningRate().milestones()[1]));
      if (r.protocol().algorithm().equals("dgc")) {
        assertEquals(8, r.paperKnob());
        assertEquals(8 * e / 128, r.protocol().knob(), 1e-12, "E_warm keeps its fraction of training");
      }
    }
    assertEquals(Set.of("iid", "noniid", "noniid20", "noniid40", "noniid60", "noniid80"),
        new HashSet<>(runs.stream().map(StudyRun::setting).toList()));
    // Every setting uses the same hyper-parameters (appendix 6.B): one learning rate for all.
    assertEquals(1, runs.stream().map(r -> r.learningRate().initial()).distinct().count());
  }

  @Test
  void gridOptionsReplaceThePresetGridsAndTrainingOptionsApplyToAll() {
    StudyOptions o = new StudyOptions("paper-cifar10", List.of("fashion-mnist"), List.of("gn-lenet"),
        List.of("iid", "noniid:60"), List.of("bsp", "gaia:5%", "fedavg:50"), 4, 16, 3.0, 0.05, 20, 10, 9L, 1.0, false,
        null, null, Path.of("o"), false, true);
    List<StudyRun> runs = StudyPresets.runs(o);
    assertEquals(1 * 1 * 2 * 3, runs.size());
    StudyRun gaia = runs.get(1);
    assertEquals("gaia", gaia.protocol().algorithm());
    assertEquals(0.05, gaia.protocol().knob(), 1e-12);
    assertEquals("Gaia T0=5%", gaia.configurationLabel());
    assertEquals(4, gaia.partitions());
    assertEquals(16, gaia.batchSize());
    assertEquals(9L, gaia.seed());
    assertEquals("noniid60", runs.get(3).setting());
    List<StudyRun> all = StudyPresets.runs(new StudyOptions("paper-cifar10", null, null, null, null, null, null, 2.0,
        null, null, null, null, null, null, null, null, Path.of("o"), false, true));
    assertTrue(all.stream().allMatch(r -> r.epochs() == 2.0), "--epochs applies to every grid");
  }

  @Test
  void badInputIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StudyPresets.runs(StudyOptions.ofPreset("paper-imagenet", Path.of("o"))));
    assertTrue(e.getMessage().contains("paper-imagenet"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> StudyPresets.runs(new StudyOptions("smoke", null, null, null,
        List.of("ssp:3"), null, null, null, null, null, null, null, null, null, null, null, Path.of("o"), false, true)));
    assertTrue(e.getMessage().contains("ssp"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SkewStudyRunner.validate(StudyPresets.runs(
        new StudyOptions("smoke", List.of("imagenet"), null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, Path.of("o"), false, true))));
    assertTrue(e.getMessage().contains("imagenet"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SkewStudyRunner.validate(StudyPresets.runs(
        new StudyOptions("smoke", null, List.of("vgg"), null, null, null, null, null, null, null, null, null, null,
            null, null, null, Path.of("o"), false, true))));
    assertTrue(e.getMessage().contains("vgg"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SkewStudy.Placement.parse("everywhere"));
  }

  @Test
  void settingNames() {
    assertEquals("iid", StudyRun.settingOf("iid"));
    assertEquals("noniid", StudyRun.settingOf("label-skew"));
    assertEquals("noniid", StudyRun.settingOf("noniid"));
    assertEquals("noniid", StudyRun.settingOf("noniid:100"));
    assertEquals("noniid20", StudyRun.settingOf("noniid:20"));
    assertEquals("noniid20", StudyRun.settingOf("noniid:20%"));
    assertEquals("iid", StudyRun.settingOf("noniid:0"));
    assertEquals("dirichlet-0.5", StudyRun.settingOf("dirichlet:0.5"));
  }
}
