package io.tributary.gaia.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Jackson reader keeps what the hand-written one returned: numbers as Double, null as NaN, file order. */
class SummaryJsonTest {

  @Test
  void readsAFlatSummaryAsTheRunOutcomeAndTheBenchExpect() {
    Map<String, Object> m = SummaryJson.parse("{\"reached\": true, \"reason\": \"target \\\"x\\\"\\n\", \"clocks\": 12,"
        + " \"target\": 0.1457, \"wan_bytes_sent\": 123456789012, \"data_bytes\": null, \"e\": -1.5e-3}", "r.json");
    assertEquals(List.of("reached", "reason", "clocks", "target", "wan_bytes_sent", "data_bytes", "e"),
        List.copyOf(m.keySet()));
    assertEquals(Boolean.TRUE, m.get("reached"));
    assertEquals("target \"x\"\n", m.get("reason"));
    assertEquals(12.0, m.get("clocks"));
    assertEquals(0.1457, m.get("target"));
    assertEquals(123456789012.0, m.get("wan_bytes_sent"));
    assertEquals(Double.NaN, m.get("data_bytes"));
    assertEquals(-1.5e-3, m.get("e"));
    assertEquals(Map.of(), SummaryJson.parse("{ }", "empty.json"));
  }

  @Test
  void malformedOrNestedJsonIsAnErrorNamingTheFile() {
    for (String bad : new String[] {"{\"a\": 1,", "[1, 2]", "{\"a\": {\"b\": 1}}", "{\"a\": [1]}", "", "{\"a\" 1}"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> SummaryJson.parse(bad, "dir/result-dc0.json"), bad);
      assertTrue(e.getMessage().startsWith("dir/result-dc0.json: malformed JSON"), e.getMessage());
    }
  }
}
