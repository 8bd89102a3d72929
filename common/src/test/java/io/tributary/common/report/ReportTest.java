package io.tributary.common.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
  @TempDir
  Path dir;

  @Test
  void summaryIsFlatValidJsonWrittenAtomically() throws Exception {
    Summary s = new Summary().put("ingest_cost_ratio", 48.25).put("reached", true).put("model", "yolox \"nano\"")
        .put("count", 3L).put("nan", Double.NaN);
    Path f = dir.resolve("out/summary.json");
    s.write(f);
    String json = Files.readString(f);
    assertTrue(json.contains("\"ingest_cost_ratio\": 48.25"), json);
    assertTrue(json.contains("\"reached\": true"), json);
    assertTrue(json.contains("\"model\": \"yolox \\\"nano\\\"\""), json);
    assertTrue(json.contains("\"count\": 3"), json);
    assertTrue(json.contains("\"nan\": null"), json);
    assertTrue(json.trim().startsWith("{") && json.trim().endsWith("}"));
    try (var files = Files.list(f.getParent())) {
      assertEquals(1, files.count(), "no temp file left behind");
    }
  }

  /** The exact text of summary.json (numbers to six significant digits, one entry per line), as it has always been. */
  @Test
  void summaryTextIsStable() {
    Summary s = new Summary().put("ratio", 48.25).put("tiny", 1.5e-7).put("one", 1.0).put("count", 3L)
        .put("reached", true).put("nan", Double.NaN).put("text", "a\"b\\c\nd\u0001\u00e9");
    assertEquals("{\n  \"ratio\": 48.25,\n  \"tiny\": 1.5e-07,\n  \"one\": 1.0,\n  \"count\": 3,\n"
        + "  \"reached\": true,\n  \"nan\": null,\n  \"text\": \"a\\\"b\\\\c\\nd\\u0001\u00e9\"\n}\n", s.toJson());
    assertEquals("{\n}\n", new Summary().toJson());
  }

  @Test
  void csvQuotesAndAligns() throws Exception {
    CsvTable t = new CsvTable("name", "value").add("a,b", 1.5).add("c", 2);
    Path f = dir.resolve("t.csv");
    t.write(f);
    assertEquals("name,value\n\"a,b\",1.5\nc,2\n", Files.readString(f));
    assertTrue(t.toText().contains("a,b   1.5"), t.toText());
    assertThrows(IllegalArgumentException.class, () -> t.add("only one"));
  }

  @Test
  void plotsAreRealPngs() throws Exception {
    Path lines = dir.resolve("lines.png");
    Plots.lines(lines, "t", "x", "y", List.of(new Plots.Series("s", new double[] {1, 2, 3}, new double[] {3, 1, 2})),
        false);
    Path heat = dir.resolve("heat.png");
    Plots.heatMap(heat, "h", List.of("r0", "r1"), List.of("c0", "c1", "c2"), new double[][] {{0, 1, 2}, {3, 4, 5}});
    Map<String, double[]> bars = new LinkedHashMap<>();
    bars.put("focus", new double[] {1, 2});
    Path bar = dir.resolve("bars");
    Plots.bars(bar, "b", "x", "y", List.of("a", "b"), bars, false);
    for (Path p : List.of(lines, heat, dir.resolve("bars.png"))) {
      BufferedImage img = ImageIO.read(p.toFile());
      assertTrue(img != null && img.getWidth() > 100, p + " is not a PNG");
    }
    assertThrows(IllegalArgumentException.class, () -> new Plots.Series("bad", new double[2], new double[3]));
  }

  @Test
  void progressFormatsDurations() {
    assertEquals("4.2s", Progress.duration(4.2));
    assertEquals("3m10s", Progress.duration(190));
    assertEquals("1h02m", Progress.duration(3720));
    Progress p = new Progress("x", 4, 0, new PrintStream(OutputStream.nullOutputStream()));
    p.step(2, "half");
    assertTrue(p.line("d").startsWith("[x] 2/4"), p.line("d"));
  }
}
