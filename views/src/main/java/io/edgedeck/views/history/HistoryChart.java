package io.edgedeck.views.history;

import io.edgedeck.db.SeriesPoint;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.Range;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.util.List;

/**
 * The History chart: the range as a solid line, the previous period (shifted to line up) dashed, gaps left open.
 * Built from a {@link SeriesResult} alone, so an export can draw its own copy off the FX thread.
 */
final class HistoryChart {
    static final Color DARK_BG = new Color(0x1b, 0x1e, 0x24);
    static final Color DARK_GRID = new Color(0x33, 0x38, 0x42);
    static final Color DARK_TEXT = new Color(0xb8, 0xc0, 0xcc);
    static final Color LINE = new Color(0x4d, 0xa3, 0xff);
    static final Color PREVIOUS = new Color(0xf0, 0xa0, 0x40);

    final XYSeries current = new XYSeries("this period", false, true);
    final XYSeries previous = new XYSeries("previous period", false, true);
    private final XYSeriesCollection dataset = new XYSeriesCollection();
    private final XYLineAndShapeRenderer renderer;
    private final LegendTitle legend;
    private static final Color[] OVERLAY = {new Color(0x5c, 0xd6, 0x8a), new Color(0xe0, 0x6c, 0xd8),
            new Color(0xf2, 0xd3, 0x4f), new Color(0x4f, 0xd8, 0xe0), new Color(0xff, 0x7a, 0x6b)};
    final DateAxis timeAxis = new DateAxis("Time");
    final NumberAxis valueAxis = new NumberAxis();
    final JFreeChart chart;

    /** @param dark the console's dark look; false for files (white paper) */
    HistoryChart(boolean dark) {
        dataset.addSeries(current);
        dataset.addSeries(previous);
        renderer = new XYLineAndShapeRenderer(true, false) {
            /** A reading with gaps on both sides has no line to be part of: draw it as a dot. */
            @Override
            public boolean getItemShapeVisible(int series, int item) {
                XYDataset d = getPlot().getDataset();
                int n = d.getItemCount(series);
                boolean gapBefore = item == 0 || Double.isNaN(d.getYValue(series, item - 1));
                boolean gapAfter = item == n - 1 || Double.isNaN(d.getYValue(series, item + 1));
                return gapBefore && gapAfter && !Double.isNaN(d.getYValue(series, item));
            }
        };
        renderer.setDefaultShape(new Ellipse2D.Double(-2.5, -2.5, 5, 5));
        renderer.setAutoPopulateSeriesShape(false);
        renderer.setSeriesPaint(0, dark ? LINE : new Color(0x1f, 0x5f, 0xbf));
        renderer.setSeriesStroke(0, new BasicStroke(1.6f));
        renderer.setSeriesPaint(1, PREVIOUS);
        renderer.setSeriesStroke(1, new BasicStroke(1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
                new float[] {6f, 4f}, 0f));
        var plot = new XYPlot(dataset, timeAxis, valueAxis, renderer);
        Color bg = dark ? DARK_BG : Color.WHITE;
        Color grid = dark ? DARK_GRID : new Color(0xdd, 0xdd, 0xdd);
        Color text = dark ? DARK_TEXT : new Color(0x33, 0x33, 0x33);
        plot.setBackgroundPaint(bg);
        plot.setDomainGridlinePaint(grid);
        plot.setRangeGridlinePaint(grid);
        plot.setOutlineVisible(false);
        plot.setDomainPannable(true);
        plot.setRangePannable(false);
        for (ValueAxis axis : new ValueAxis[] {timeAxis, valueAxis}) {
            axis.setLabelPaint(text);
            axis.setTickLabelPaint(text);
            axis.setAxisLinePaint(grid);
            axis.setTickMarkPaint(grid);
            axis.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            axis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        }
        valueAxis.setAutoRangeIncludesZero(false);
        timeAxis.setLowerMargin(0);
        timeAxis.setUpperMargin(0);
        chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        legend = new LegendTitle(plot);
        legend.setPosition(RectangleEdge.TOP);
        legend.setBackgroundPaint(bg);
        legend.setItemPaint(text);
        legend.setVisible(false);
        chart.addLegend(legend);
        chart.setBackgroundPaint(bg);
        chart.setAntiAlias(true);
    }

    /** A chart for a file: white, titled, showing {@code r}. */
    static JFreeChart forFile(SeriesResult r, String title) {
        var c = new HistoryChart(false);
        c.valueAxis.setLabel(HistoryViewModel.axisLabel(r.query().metric()));
        c.show(r);
        c.chart.setTitle(new TextTitle(title, new Font(Font.SANS_SERIF, Font.PLAIN, 14)));
        return c.chart;
    }

    /** Puts the result's points into the series (null: empties them) and sets the time axis to its range. */
    void show(SeriesResult r) {
        while (dataset.getSeriesCount() > 2) {
            dataset.removeSeries(2);
        }
        current.setKey(r == null ? "this period" : r.query().deviceId());
        fill(current, r == null ? List.of() : r.points());
        fill(previous, r == null ? List.of() : r.previous());
        List<SeriesResult.Overlay> overlays = r == null ? List.of() : r.overlays();
        for (int i = 0; i < overlays.size(); i++) {
            var s = new XYSeries(overlays.get(i).deviceId(), false, true);
            fill(s, overlays.get(i).points());
            renderer.setSeriesPaint(2 + i, OVERLAY[i % OVERLAY.length]);
            renderer.setSeriesStroke(2 + i, new BasicStroke(1.3f));
            dataset.addSeries(s);
        }
        legend.setVisible(!overlays.isEmpty() || (r != null && !r.previous().isEmpty()));
        if (r != null) {
            timeAxis.setRange(new Range(r.query().from().toEpochMilli(), r.query().to().toEpochMilli()), true, true);
            valueAxis.setAutoRange(true);
        }
    }

    /** The points as one series; a gap in the data breaks the line (shared with {@link StackedChart}). */
    static void fill(XYSeries series, List<SeriesPoint> points) {
        series.setNotify(false);
        series.clear();
        int[] gaps = Gaps.startsOfSegments(points);
        int nextGap = 0;
        for (int i = 0; i < points.size(); i++) {
            SeriesPoint p = points.get(i);
            if (nextGap < gaps.length && gaps[nextGap] == i) {
                series.add(p.epochMillis() - 1, null, false); // a null value breaks the line: no data here
                nextGap++;
            }
            series.add(p.epochMillis(), p.value(), false);
        }
        series.setNotify(true);
        series.fireSeriesChanged();
    }
}
