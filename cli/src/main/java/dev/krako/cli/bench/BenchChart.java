package dev.krako.cli.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The PNG next to the JSON: throughput (above) and latency (below) against the offered load. Load
 * levels show their median with the repetitions' range as an error bar; the max-rate search's steps
 * are plain points.
 */
final class BenchChart {

  private static final int WIDTH = 1100;
  private static final int HEIGHT = 850;

  private BenchChart() {}

  static void write(BenchReport report, Path png) throws IOException {
    System.setProperty("java.awt.headless", "true");
    NumberAxis offered = new NumberAxis("offered load (sessions/s)");
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(offered);
    plot.setGap(12);
    plot.add(throughput(report), 1);
    plot.add(latency(report), 1);
    JFreeChart chart =
        new JFreeChart(
            "krako bench " + report.runId() + ": throughput and latency against offered load",
            JFreeChart.DEFAULT_TITLE_FONT,
            plot,
            true);
    chart.setBackgroundPaint(Color.WHITE);
    ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
  }

  private static XYPlot throughput(BenchReport report) {
    YIntervalSeriesCollection levels = new YIntervalSeriesCollection();
    levels.addSeries(
        levelSeries(
            "sessions/s completed (levels)", report.levels(), LevelSummary::sessionsPerSec));
    XYSeriesCollection points = new XYSeriesCollection();
    XYSeries search = new XYSeries("sessions/s completed (search steps)");
    XYSeries ideal = new XYSeries("completed = offered");
    for (StepResult step : report.search().steps()) {
      search.add(step.offeredSessionsPerSec(), step.sessionsPerSec());
    }
    double top = maxOffered(report);
    ideal.add(0, 0);
    ideal.add(top, top);
    points.addSeries(search);
    points.addSeries(ideal);
    XYPlot plot = new XYPlot(levels, null, new NumberAxis("sessions/s"), errorRenderer(Color.BLUE));
    plot.setDataset(1, points);
    plot.setRenderer(1, pointsRenderer(new Color(120, 120, 220), Color.GRAY));
    YIntervalSeriesCollection units = new YIntervalSeriesCollection();
    units.addSeries(
        levelSeries(
            "WorkUnits/s completed (levels)",
            report.levels(),
            LevelSummary::workUnitsCompletedPerSec));
    plot.setRangeAxis(1, new NumberAxis("WorkUnits/s"));
    plot.setDataset(2, units);
    plot.mapDatasetToRangeAxis(2, 1);
    plot.setRenderer(2, errorRenderer(new Color(0, 140, 0)));
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    return plot;
  }

  private static XYPlot latency(BenchReport report) {
    YIntervalSeriesCollection levels = new YIntervalSeriesCollection();
    levels.addSeries(levelSeries("p50 (levels)", report.levels(), LevelSummary::p50Ms));
    levels.addSeries(levelSeries("p95 (levels)", report.levels(), LevelSummary::p95Ms));
    levels.addSeries(levelSeries("p99 (levels)", report.levels(), LevelSummary::p99Ms));
    XYErrorRenderer renderer = errorRenderer(new Color(0, 90, 200));
    renderer.setSeriesPaint(1, new Color(230, 140, 0));
    renderer.setSeriesPaint(2, new Color(200, 0, 0));
    NumberAxis ms = new NumberAxis("session latency, publish -> result (ms)");
    XYPlot plot = new XYPlot(levels, null, ms, renderer);
    XYSeriesCollection points = new XYSeriesCollection();
    XYSeries p99 = new XYSeries("p99 (search steps)");
    for (StepResult step : report.search().steps()) {
      if (step.latency().p99Ms() > 0) {
        p99.add(step.offeredSessionsPerSec(), step.latency().p99Ms());
      }
    }
    points.addSeries(p99);
    plot.setDataset(1, points);
    XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
    dots.setSeriesPaint(0, new Color(240, 120, 120));
    plot.setRenderer(1, dots);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    return plot;
  }

  private static YIntervalSeries levelSeries(
      String name, List<LevelSummary> levels, Function<LevelSummary, Spread> figure) {
    YIntervalSeries series = new YIntervalSeries(name);
    for (LevelSummary level : levels) {
      Spread s = figure.apply(level);
      if (!Double.isNaN(s.median()) && s.median() > 0) {
        series.add(level.offeredSessionsPerSec(), s.median(), s.min(), s.max());
      }
    }
    return series;
  }

  private static XYErrorRenderer errorRenderer(Color color) {
    XYErrorRenderer renderer = new XYErrorRenderer();
    renderer.setDefaultLinesVisible(true);
    renderer.setDefaultShapesVisible(true);
    renderer.setDrawXError(false);
    renderer.setSeriesPaint(0, color);
    renderer.setDefaultStroke(new BasicStroke(2f));
    return renderer;
  }

  private static XYLineAndShapeRenderer pointsRenderer(Color points, Color line) {
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
    renderer.setSeriesLinesVisible(0, false);
    renderer.setSeriesShapesVisible(0, true);
    renderer.setSeriesPaint(0, points);
    renderer.setSeriesLinesVisible(1, true);
    renderer.setSeriesShapesVisible(1, false);
    renderer.setSeriesPaint(1, line);
    renderer.setSeriesStroke(
        1,
        new BasicStroke(
            1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {4f, 4f}, 0f));
    return renderer;
  }

  private static double maxOffered(BenchReport report) {
    double max = 1;
    for (StepResult s : report.search().steps()) {
      max = Math.max(max, s.offeredSessionsPerSec());
    }
    for (LevelSummary l : report.levels()) {
      max = Math.max(max, l.offeredSessionsPerSec());
    }
    return max;
  }
}
