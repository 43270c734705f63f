package io.edgedeck.views.history;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.Range;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;

/**
 * The stacked History chart: one subplot per field of one device (e.g. voltage, current, power), each with its own
 * value axis and unit, one above the other over a shared time axis — zooming or panning one moves them all. Built
 * from a {@link SeriesResult} alone, so an export can draw its own copy off the FX thread.
 */
final class StackedChart {
    /** One line colour per subplot, for dark and for white backgrounds. */
    private static final Color[] DARK_LINES = {new Color(0xf2, 0xd3, 0x4f), new Color(0x5c, 0xd6, 0x8a),
            HistoryChart.LINE, new Color(0xe0, 0x6c, 0xd8), new Color(0x4f, 0xd8, 0xe0), new Color(0xff, 0x7a, 0x6b)};
    private static final Color[] PAPER_LINES = {new Color(0xb0, 0x80, 0x00), new Color(0x1a, 0x8a, 0x4a),
            new Color(0x1f, 0x5f, 0xbf), new Color(0xa0, 0x30, 0x98), new Color(0x10, 0x88, 0x90), new Color(0xc0, 0x40, 0x30)};

    final DateAxis timeAxis = new DateAxis("Time");
    final CombinedDomainXYPlot plot = new CombinedDomainXYPlot(timeAxis);
    final JFreeChart chart;
    private final List<NumberAxis> valueAxes = new ArrayList<>();
    private final boolean dark;
    private Color background;
    private Color grid;
    private Color text;
    private double fontScale = 1;

    StackedChart(boolean dark) {
        this.dark = dark;
        plot.setGap(14);
        plot.setDomainPannable(true);
        plot.setRangePannable(false);
        timeAxis.setLowerMargin(0);
        timeAxis.setUpperMargin(0);
        chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setAntiAlias(true);
        colours(dark ? HistoryChart.DARK_BG : Color.WHITE, dark ? HistoryChart.DARK_GRID : new Color(0xdd, 0xdd, 0xdd),
                dark ? HistoryChart.DARK_TEXT : new Color(0x33, 0x33, 0x33), 1);
    }

    /** A stacked chart for a file: white, titled, showing {@code r}. */
    static JFreeChart forFile(SeriesResult r, String title) {
        var c = new StackedChart(false);
        c.show(r);
        c.chart.setTitle(new TextTitle(title, new Font(Font.SANS_SERIF, Font.PLAIN, 14)));
        return c.chart;
    }

    /** One subplot per field of {@code r} (null: none), the time axis set to its range. */
    void show(SeriesResult r) {
        for (XYPlot sub : List.copyOf(plot.getSubplots())) {
            plot.remove(sub);
        }
        valueAxes.clear();
        if (r == null) {
            return;
        }
        Color[] lines = dark ? DARK_LINES : PAPER_LINES;
        for (int i = 0; i < r.fields().size(); i++) {
            SeriesResult.Field f = r.fields().get(i);
            var series = new XYSeries(f.metric().key(), false, true);
            HistoryChart.fill(series, f.points());
            var renderer = new XYLineAndShapeRenderer(true, false);
            renderer.setSeriesPaint(0, lines[i % lines.length]);
            renderer.setSeriesStroke(0, new BasicStroke(1.5f));
            var axis = new NumberAxis(HistoryViewModel.axisLabel(f.metric()));
            axis.setAutoRangeIncludesZero(false);
            valueAxes.add(axis);
            var sub = new XYPlot(new XYSeriesCollection(series), null, axis, renderer);
            sub.setOutlineVisible(false);
            sub.setDomainPannable(true);
            plot.add(sub, 1);
        }
        paint();
        timeAxis.setRange(new Range(r.query().from().toEpochMilli(), r.query().to().toEpochMilli()), true, true);
    }

    /** The console's theme colours and text zoom. */
    void colours(Color background, Color grid, Color text, double fontScale) {
        this.background = background;
        this.grid = grid;
        this.text = text;
        this.fontScale = fontScale;
        paint();
    }

    private void paint() {
        chart.setBackgroundPaint(background);
        plot.setBackgroundPaint(background);
        List<ValueAxis> axes = new ArrayList<>(valueAxes);
        axes.add(timeAxis);
        for (ValueAxis axis : axes) {
            axis.setLabelPaint(text);
            axis.setTickLabelPaint(text);
            axis.setAxisLinePaint(grid);
            axis.setTickMarkPaint(grid);
            axis.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, (int) Math.round(13 * fontScale)));
            axis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, (int) Math.round(12 * fontScale)));
        }
        for (XYPlot sub : plot.getSubplots()) {
            sub.setBackgroundPaint(background);
            sub.setDomainGridlinePaint(grid);
            sub.setRangeGridlinePaint(grid);
        }
    }

    /** The subplots' value axes, top to bottom. */
    List<NumberAxis> valueAxes() {
        return List.copyOf(valueAxes);
    }
}
