package io.tributary.focus.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.config.Setting;
import io.tributary.common.config.Settings;
import io.tributary.focus.FocusOptions;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/** A Flink user's {@code focus.<key>} configuration means what the same {@code --<key>} flags mean. */
class FlinkSettingsTest {
  @Test
  void readsTheIngestOptionsFromAFlinkConfiguration() {
    Configuration conf = Configuration.fromMap(Map.of("focus.index", "file:///idx", "focus.top-k", "3",
        "focus.parallelism", "2", "unrelated.key", "x"));

    Settings s = FlinkSettings.read(conf, FocusIngestOptions.ALL);

    assertEquals("file:///idx", s.get(FocusIngestOptions.INDEX));
    assertEquals(3, FocusIngestOptions.ingestConfig(s).topK());
    assertEquals(5.0, FocusIngestOptions.ingestConfig(s).distanceThreshold(), "unset keys keep their defaults");
    assertEquals(2, FocusIngestOptions.jobSettings(s).parallelism());
    assertFalse(s.isSet(FocusOptions.DISTANCE));
    assertEquals("focus.top-k", FlinkSettings.option(FocusOptions.TOP_K).key());
    assertEquals("4", FlinkSettings.option(FocusOptions.TOP_K).defaultValue());
  }

  @Test
  void aBadValueNamesTheFlinkKey() {
    Configuration conf = Configuration.fromMap(Map.of("focus.top-k", "0"));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FlinkSettings.read(conf, FocusIngestOptions.ALL));

    assertTrue(e.getMessage().startsWith("bad focus.top-k '0'"), e.getMessage());
  }

  @Test
  void theRecordedConfigurationReadsBack() {
    Settings s = Settings.empty().with(FocusOptions.TOP_K, 3).with(FocusIngestOptions.INDEX, "idx");

    Settings back = Settings.parse(s.toText(FocusIngestOptions.ALL), FocusIngestOptions.ALL, "ingest-config.txt");

    for (Setting<?> setting : FocusIngestOptions.ALL) {
      assertEquals(s.get(setting), back.get(setting), setting.key());
    }
  }
}
