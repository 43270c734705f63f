package io.edgedeck.views.history;

import io.edgedeck.db.Metric;
import io.edgedeck.db.SeriesPoint;
import io.edgedeck.views.theme.Theme;
import javafx.animation.PauseTransition;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.Range;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * The History screen: device, metric and range choices over a JFreeChart-FX time chart. Drag to zoom, Alt+drag to
 * pan, mouse wheel to zoom; a zoom or pan is re-queried at full resolution once the mouse rests.
 */
public final class HistoryView extends BorderPane {

    private final HistoryViewModel vm;
    private final XYSeries series = new XYSeries("series", false, true);
    private final DateAxis timeAxis = new DateAxis("Time");
    private final NumberAxis valueAxis = new NumberAxis();
    private final ChartViewer viewer;
    private final PauseTransition zoomSettle = new PauseTransition(Duration.millis(450));
    private final ComboBox<String> deviceBox = new ComboBox<>();
    private boolean settingRange;
    private JFreeChart chart;

    public HistoryView(HistoryViewModel vm) {
        this.vm = vm;
        getStyleClass().add("history");

        deviceBox.setId("history-device");
        deviceBox.setPromptText("Device");
        deviceBox.setItems(vm.deviceIds());
        deviceBox.valueProperty().bindBidirectional(vm.deviceProperty());

        var metricBox = new ComboBox<Metric>();
        metricBox.setId("history-metric");
        metricBox.setItems(vm.metrics());
        metricBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(Metric m) {
                return m == null ? "" : HistoryViewModel.axisLabel(m);
            }

            @Override
            public Metric fromString(String s) {
                return null;
            }
        });
        metricBox.valueProperty().bindBidirectional(vm.metricProperty());

        var presets = new HBox();
        presets.getStyleClass().add("segmented");
        var group = new ToggleGroup();
        Map<RangePreset, ToggleButton> buttons = new EnumMap<>(RangePreset.class);
        for (RangePreset p : vm.presets()) {
            var b = new ToggleButton(p.label());
            b.setId("range-" + p.name().toLowerCase());
            b.setToggleGroup(group);
            b.setUserData(p);
            buttons.put(p, b);
            presets.getChildren().add(b);
        }
        buttons.get(vm.presetProperty().get()).setSelected(true);
        group.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true); // one preset is always chosen
            } else {
                vm.presetProperty().set((RangePreset) b.getUserData());
            }
        });
        vm.presetProperty().addListener((o, a, b) -> buttons.get(b).setSelected(true));

        var from = new DatePicker();
        from.setId("history-from");
        from.valueProperty().bindBidirectional(vm.customFromProperty());
        var to = new DatePicker();
        to.setId("history-to");
        to.valueProperty().bindBidirectional(vm.customToProperty());
        var custom = new HBox(6, new Label("from"), from, new Label("to"), to);
        custom.setAlignment(Pos.CENTER_LEFT);
        custom.visibleProperty().bind(vm.presetProperty().isEqualTo(RangePreset.CUSTOM));
        custom.managedProperty().bind(custom.visibleProperty());

        var refresh = new Button("Refresh");
        refresh.setId("history-refresh");
        refresh.setOnAction(e -> vm.load());
        refresh.disableProperty().bind(vm.deviceProperty().isNull());
        refresh.setTooltip(new Tooltip("Read the range again from the database"));
        var resetZoom = new Button("Reset zoom");
        resetZoom.setId("history-reset-zoom");
        resetZoom.setOnAction(e -> vm.load());
        resetZoom.setTooltip(new Tooltip("Back to the whole range"));
        resetZoom.visibleProperty().bind(vm.zoomedProperty());
        resetZoom.managedProperty().bind(resetZoom.visibleProperty());
        var auto = new CheckBox("Live");
        auto.setTooltip(new Tooltip("Reload the latest range every 5 seconds"));
        auto.selectedProperty().bindBidirectional(vm.autoRefreshProperty());

        var toolbar = new HBox(10, new Label("Device"), deviceBox, new Label("Metric"), metricBox, presets, custom,
                refresh, resetZoom, auto);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.getStyleClass().add("screen-toolbar");
        setTop(toolbar);

        chart = createChart();
        viewer = new ChartViewer(chart);
        viewer.setId("history-chart");
        var placeholder = new Label();
        placeholder.setId("history-placeholder");
        placeholder.getStyleClass().add("placeholder");
        placeholder.textProperty().bind(vm.placeholderProperty());
        placeholder.visibleProperty().bind(vm.placeholderProperty().isNotEmpty());
        placeholder.setMouseTransparent(true);
        var progress = new ProgressIndicator();
        progress.setId("history-progress");
        progress.setMaxSize(48, 48);
        progress.visibleProperty().bind(vm.showProgressProperty());
        progress.setMouseTransparent(true);
        viewer.visibleProperty().bind(vm.placeholderProperty().isEmpty());
        var center = new StackPane(viewer, placeholder, progress);
        center.getStyleClass().add("chart-pane");
        setCenter(center);

        var summary = new Label();
        summary.setId("history-summary");
        summary.getStyleClass().add("muted");
        summary.textProperty().bind(vm.summaryProperty());
        var hint = new Label("Drag right to zoom · drag left to reset · Alt+drag to pan · wheel zooms");
        hint.getStyleClass().add("muted");
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var footer = new HBox(10, summary, spacer, hint);
        footer.getStyleClass().add("screen-footer");
        setBottom(footer);

        vm.valueAxisLabelProperty().addListener((o, a, b) -> valueAxis.setLabel(b));
        vm.resultProperty().addListener((o, a, b) -> show(b));
        zoomSettle.setOnFinished(e -> requeryVisibleRange());
        timeAxis.addChangeListener(e -> {
            if (!settingRange) {
                zoomSettle.playFromStart();
            }
        });
    }

    /** Puts keyboard focus on the device choice. */
    public void focusDevice() {
        deviceBox.requestFocus();
    }

    private JFreeChart createChart() {
        var dataset = new XYSeriesCollection(series);
        var renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setSeriesStroke(0, new BasicStroke(1.6f));
        var plot = new XYPlot(dataset, timeAxis, valueAxis, renderer);
        plot.setOutlineVisible(false);
        plot.setDomainPannable(true);
        plot.setRangePannable(false);
        for (var axis : new org.jfree.chart.axis.ValueAxis[]{timeAxis, valueAxis}) {
            axis.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            axis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        }
        valueAxis.setAutoRangeIncludesZero(false);
        timeAxis.setLowerMargin(0);
        timeAxis.setUpperMargin(0);
        var c = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        c.setAntiAlias(true);
        paint(c, Theme.DARK.chart(), 1.0);
        return c;
    }

    /** Paints the chart in the theme's colours and scales its fonts with the text zoom (1.0: normal). */
    public void applyTheme(Theme theme, double fontScale) {
        paint(chart, theme.chart(), fontScale);
    }

    private void paint(JFreeChart c, Theme.ChartPalette p, double fontScale) {
        var plot = c.getXYPlot();
        Color bg = p.awt(p.background());
        Color grid = p.awt(p.grid());
        Color text = p.awt(p.axisText());
        plot.getRenderer().setSeriesPaint(0, p.awt(p.line()));
        plot.setBackgroundPaint(bg);
        plot.setDomainGridlinePaint(grid);
        plot.setRangeGridlinePaint(grid);
        for (var axis : new org.jfree.chart.axis.ValueAxis[]{timeAxis, valueAxis}) {
            axis.setLabelPaint(text);
            axis.setTickLabelPaint(text);
            axis.setAxisLinePaint(grid);
            axis.setTickMarkPaint(grid);
            axis.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, (int) Math.round(13 * fontScale)));
            axis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, (int) Math.round(12 * fontScale)));
        }
        c.setBackgroundPaint(bg);
    }

    private void show(SeriesResult r) {
        settingRange = true;
        try {
            series.clear();
            if (r != null) {
                series.setNotify(false);
                int[] gaps = Gaps.startsOfSegments(r.points());
                int nextGap = 0;
                for (int i = 0; i < r.points().size(); i++) {
                    SeriesPoint p = r.points().get(i);
                    if (nextGap < gaps.length && gaps[nextGap] == i) {
                        // a null value breaks the line: no data here
                        series.add(p.epochMillis() - 1, null, false);
                        nextGap++;
                    }
                    series.add(p.epochMillis(), p.value(), false);
                }
                series.setNotify(true);
                series.fireSeriesChanged();
                timeAxis.setRange(new Range(r.query().from().toEpochMilli(), r.query().to().toEpochMilli()), true, true);
                valueAxis.setAutoRange(true);
            }
        } finally {
            settingRange = false;
        }
        zoomSettle.stop();
    }

    /** After a user zoom/pan settled: fetch the visible range again at full resolution, or the chosen one on reset. */
    private void requeryVisibleRange() {
        SeriesResult current = vm.resultProperty().get();
        if (current == null) {
            return;
        }
        if (timeAxis.isAutoRange()) {
            vm.load(); // the user zoomed out completely
            return;
        }
        long from = (long) timeAxis.getLowerBound();
        long to = (long) timeAxis.getUpperBound();
        if (from == current.query().from().toEpochMilli() && to == current.query().to().toEpochMilli()) {
            return;
        }
        vm.zoomTo(Instant.ofEpochMilli(from), Instant.ofEpochMilli(to));
    }
}
