package io.tributary.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettingsTest {
  enum Mode { HILL_CLIMBING, SIMULATED_ANNEALING }

  static final Setting<Integer> MTP = Setting.key("mtp").intType().defaultValue(10)
      .withDescription("Model-traveling period.").requiring(v -> v > 0, "a positive number of iterations");
  static final Setting<Double> SIGMA = Setting.key("sigma").fractionType().defaultValue(0.05)
      .withDescription("Accuracy-loss bound.");
  static final Setting<Mode> MODE = Setting.key("strategy").enumType(Mode.class).defaultValue(Mode.HILL_CLIMBING);
  static final Setting<Path> OUT = Setting.key("out").pathType().noDefaultValue();
  static final Setting<List<String>> PARTS = Setting.key("partitions").stringListType().defaultValue(List.of("iid"));
  static final Setting<Boolean> RESUME = Setting.key("resume").flag();
  static final List<Setting<?>> ALL = List.of(MTP, SIGMA, MODE, OUT, PARTS, RESUME);

  @Test
  void unsetSettingsReadTheirDefaultsAndSetOnesTheirValue() {
    Settings s = Settings.empty().with(MTP, 3);
    assertEquals(3, s.get(MTP));
    assertEquals(0.05, s.get(SIGMA));
    assertNull(s.get(OUT));
    assertTrue(s.isSet(MTP));
    assertFalse(s.isSet(SIGMA));
    assertFalse(s.get(RESUME));
  }

  @Test
  void textFormsParseWithTheirTypesAndRules() {
    assertEquals(0.05, SIGMA.parse("5%"), 1e-12);
    assertEquals(Mode.SIMULATED_ANNEALING, MODE.parse("simulated-annealing"));
    assertEquals(List.of("iid", "noniid:20"), PARTS.parse("iid, noniid:20,"));
    IllegalArgumentException rule = assertThrows(IllegalArgumentException.class, () -> MTP.parse("0"));
    assertEquals("bad mtp '0': expected a positive number of iterations", rule.getMessage());
    IllegalArgumentException type = assertThrows(IllegalArgumentException.class, () -> MTP.parse("ten"));
    assertTrue(type.getMessage().startsWith("bad mtp 'ten': expected an integer"), type.getMessage());
    assertThrows(IllegalArgumentException.class, () -> MODE.parse("greedy"));
    assertThrows(IllegalArgumentException.class, () -> Settings.empty().with(MTP, -1));
    assertThrows(IllegalArgumentException.class, () -> Setting.key("Bad_Key"));
  }

  @Test
  void recordedTextReadsBackToTheSameEffectiveValues() {
    Settings s = Settings.empty().with(MTP, 7).with(MODE, Mode.SIMULATED_ANNEALING).with(OUT, Path.of("r/x"))
        .with(RESUME, true);
    String text = s.toText(ALL);
    assertEquals("mtp=7\nsigma=0.05\nstrategy=simulated-annealing\nout=r/x\npartitions=iid\nresume=true\n", text);
    Settings back = Settings.parse(text, ALL, "config.txt");
    for (Setting<?> setting : ALL) {
      assertEquals(s.get(setting), back.get(setting), setting.key());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Settings.parse("mtp=7\nepochz=3\n", ALL, "config.txt"));
    assertTrue(e.getMessage().contains("config.txt line 2: unknown setting 'epochz'"), e.getMessage());
  }
}
