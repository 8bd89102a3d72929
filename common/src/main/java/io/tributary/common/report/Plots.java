package io.tributary.common.report;

import io.tributary.common.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * PNG plots for benchmarks and reports (XChart, headless). Each method takes plain arrays so
 * callers stay free of chart types.
 */
public final class Plots {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 560;

  private Plots() {}

  /** One series of points: name, x values, y values. */
  public record Series(String name, double[] x, double[] y) {
    public Series {
      if (x.length != y.length) {
        throw new IllegalArgumentException("series " + name + ": " + x.length + " x values but " + y.length + " y");
      }
    }
  }

  /** Lines over x (for example objective against time). */
  public static void lines(Path png, String title, String xLabel, String yLabel, List<Series> series,
      boolean logY) throws IOException {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
        .yAxisTitle(yLabel).build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    chart.getStyler().setYAxisLogarithmic(logY);
    chart.getStyler().setMarkerSize(4);
    for (Series s : series) {
      if (s.x().length > 0) {
        chart.addSeries(s.name(), s.x(), s.y());
      }
    }
    save(chart, png);
  }

  /**
   * Scatter points, with optional series drawn as lines (for example all configurations as
   * points and the Pareto boundary as a line).
   */
  public static void scatter(Path png, String title, String xLabel, String yLabel, List<Series> points,
      List<Series> lines, boolean logX, boolean logY) throws IOException {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
        .yAxisTitle(yLabel).build();
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setXAxisLogarithmic(logX);
    chart.getStyler().setYAxisLogarithmic(logY);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    chart.getStyler().setMarkerSize(7);
    for (Series s : points) {
      if (s.x().length > 0) {
        chart.addSeries(s.name(), s.x(), s.y());
      }
    }
    for (Series s : lines) {
      if (s.x().length > 0) {
        chart.addSeries(s.name(), s.x(), s.y()).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      }
    }
    save(chart, png);
  }

  /** Grouped bars: categories on x, one bar per series in each category. */
  public static void bars(Path png, String title, String xLabel, String yLabel, List<String> categories,
      Map<String, double[]> seriesByName, boolean logY) throws IOException {
    CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
        .yAxisTitle(yLabel).build();
    chart.getStyler().setYAxisLogarithmic(logY);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    for (Map.Entry<String, double[]> e : seriesByName.entrySet()) {
      if (e.getValue().length != categories.size()) {
        throw new IllegalArgumentException("bar series " + e.getKey() + " has " + e.getValue().length
            + " values for " + categories.size() + " categories");
      }
      List<Number> ys = new ArrayList<>();
      for (double v : e.getValue()) {
        ys.add(v);
      }
      chart.addSeries(e.getKey(), categories, ys);
    }
    save(chart, png);
  }

  /** A heat map of {@code values[row][col]} with row and column labels. */
  public static void heatMap(Path png, String title, List<String> rowLabels, List<String> colLabels,
      double[][] values) throws IOException {
    HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT).title(title).build();
    chart.getStyler().setShowValue(true);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    List<Number[]> cells = new ArrayList<>();
    for (int r = 0; r < values.length; r++) {
      for (int c = 0; c < values[r].length; c++) {
        cells.add(new Number[] {c, r, Math.round(values[r][c] * 1000) / 1000.0});
      }
    }
    chart.addSeries("values", colLabels, rowLabels, cells);
    save(chart, png);
  }

  private static void save(Chart<?, ?> chart, Path png) throws IOException {
    System.setProperty("java.awt.headless", "true");
    String name = png.toString();
    // As XChart names files: ".png" is added when missing.
    Path target = name.toLowerCase(Locale.ROOT).endsWith(".png") ? png : Path.of(name + ".png");
    AtomicFiles.write(target, tmp -> {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        BitmapEncoder.saveBitmap(chart, out, BitmapFormat.PNG);
      }
    });
  }
}
