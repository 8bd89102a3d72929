package io.tributary.focus.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tuner's choice on a Pareto boundary, and its handling of bad input (no models, fast). */
class ParetoAndInputTest {
  @TempDir Path dir;

  private static TunedConfiguration cfg(double ingestUs, double query, boolean ok) {
    return new TunedConfiguration(new TunedConfiguration.Model(CandidateArch.of(32, List.of(8), 16), 2, "/nonexistent",
        List.of("background", "a", "b", "OTHER")), new TunedConfiguration.Params(2, 1.0, 0.1, 2.0),
        new TunedConfiguration.Measured(ingestUs * 1e-6, query * 10, query, ok ? 1.0 : 0.9, 1.0), true);
  }

  @Test
  void paretoAndPolicies() {
    TunedConfiguration cheap = cfg(10, 9, true);
    TunedConfiguration mid = cfg(30, 3, true);
    TunedConfiguration dominated = cfg(40, 5, true);
    TunedConfiguration fast = cfg(100, 1, true);
    List<TunedConfiguration> pareto = ParetoBoundary.of(List.of(fast, dominated, mid, cheap));
    assertEquals(List.of(cheap, mid, fast), pareto);
    assertEquals(cheap, ParetoBoundary.choose(pareto, Policy.OPT_INGEST, 1, 1));
    assertEquals(fast, ParetoBoundary.choose(pareto, Policy.OPT_QUERY, 1, 1));
    // Normalised: cheap (0 + 1), mid (0.22 + 0.25), fast (1 + 0): mid balances.
    assertEquals(mid, ParetoBoundary.choose(pareto, Policy.BALANCE, 1, 1));
    // A user who weighs query latency 10x more gets the fast one.
    assertEquals(fast, ParetoBoundary.choose(pareto, Policy.BALANCE, 1, 10));
    assertTrue(dominated.meets(0.99, 0.99) && mid.dominates(dominated));
  }

  @Test
  void badInputIsNamed() throws IOException {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Policy.parse("fastest")).getMessage()
        .contains("fastest"));
    assertEquals(Policy.OPT_INGEST, Policy.parse("opt_ingest"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> CandidateArch.parseFamily("32:x:16")).getMessage()
        .contains("32:x:16"));
    assertEquals(3, CandidateArch.parseFamily("48:16-32:48;32:8-16:32;24:8:16").size());
    Path missing = dir.resolve("nope.properties");
    assertTrue(assertThrows(IOException.class, () -> TunedConfiguration.read(missing)).getMessage()
        .contains(missing.toString()));
    Path broken = dir.resolve("broken.properties");
    Files.writeString(broken, "arch.name=c32x1w8\narch.input=32\narch.channels=8\narch.features=16\ntop_k=two\n");
    String msg = assertThrows(IOException.class, () -> TunedConfiguration.read(broken)).getMessage();
    assertTrue(msg.contains(broken.toString()), msg);
    // A written configuration reads back as it was.
    Path ok = dir.resolve("ok.properties");
    TunedConfiguration c = cfg(10, 9, true);
    c.write(ok, "test", null);
    assertEquals(c, TunedConfiguration.read(ok));
  }
}
