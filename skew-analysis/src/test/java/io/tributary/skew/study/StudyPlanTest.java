package io.tributary.skew.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.config.Settings;
import io.tributary.skew.options.SkewTrainingOptions;
import io.tributary.skew.options.StudyOptions;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Presets, overrides and run configurations (no Spark, no data). */
class StudyPlanTest {

  @Test
  void paperPresetIsTheMainTablePlusTheDegreesOfSkew() {
    List<StudyRun> runs = StudyPresets.runs(preset("paper-cifar10"));
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
    Settings o = preset("paper-cifar10").with(StudyOptions.DATASETS, List.of("fashion-mnist"))
        .with(StudyOptions.MODELS, List.of("gn-lenet")).with(StudyOptions.PARTITIONS, List.of("iid", "noniid:60"))
        .with(StudyOptions.ALGORITHMS, List.of("bsp", "gaia:5%", "fedavg:50"))
        .with(SkewTrainingOptions.NUM_PARTITIONS, 4).with(SkewTrainingOptions.BATCH_SIZE, 16)
        .with(SkewTrainingOptions.EPOCHS, 3.0).with(SkewTrainingOptions.LR, 0.05)
        .with(SkewTrainingOptions.TRAIN_PER_CLASS, 20).with(SkewTrainingOptions.TEST_PER_CLASS, 10)
        .with(SkewTrainingOptions.SEED, 9L).with(SkewTrainingOptions.EVAL_EVERY, 1.0)
        .with(StudyOptions.SCALE_EPOCH_KNOBS, false).with(SkewTrainingOptions.DRY_RUN, true);
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
    List<StudyRun> all = StudyPresets.runs(preset("paper-cifar10").with(SkewTrainingOptions.EPOCHS, 2.0));
    assertTrue(all.stream().allMatch(r -> r.epochs() == 2.0), "--epochs applies to every grid");
  }

  @Test
  void badInputIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StudyPresets.runs(preset("paper-imagenet")));
    assertTrue(e.getMessage().contains("paper-imagenet"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> StudyPresets.runs(preset("smoke")
        .with(StudyOptions.ALGORITHMS, List.of("ssp:3"))));
    assertTrue(e.getMessage().contains("ssp"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SkewStudyRunner.validate(StudyPresets.runs(
        preset("smoke").with(StudyOptions.DATASETS, List.of("imagenet")))));
    assertTrue(e.getMessage().contains("imagenet"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SkewStudyRunner.validate(StudyPresets.runs(
        preset("smoke").with(StudyOptions.MODELS, List.of("vgg")))));
    assertTrue(e.getMessage().contains("vgg"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SkewStudy.Placement.parse("everywhere"));
  }

  @Test
  void aStudysSettingsRoundTripThroughTheirTextForm() {
    Settings o = preset("smoke").with(StudyOptions.ALGORITHMS, List.of("bsp", "gaia:5%"))
        .with(SkewTrainingOptions.EPOCHS, 2.5).with(StudyOptions.SCALE_EPOCH_KNOBS, false);
    Settings back = Settings.parse(o.toText(StudyOptions.ALL), StudyOptions.ALL, "study-config.txt");
    assertEquals(StudyPresets.runs(o).stream().map(StudyRun::describe).toList(),
        StudyPresets.runs(back).stream().map(StudyRun::describe).toList());
    assertEquals(o.toText(StudyOptions.ALL), back.toText(StudyOptions.ALL));
  }

  private static Settings preset(String name) {
    return Settings.empty().with(StudyOptions.PRESET, name).with(SkewTrainingOptions.OUT, Path.of("o"));
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
