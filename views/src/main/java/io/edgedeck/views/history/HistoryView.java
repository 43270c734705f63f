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
import io.edgedeck.views.fleet.PresenceCells;
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
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.FlowPane;
import javafx.stage.FileChooser;
import org.controlsfx.control.CheckComboBox;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.fx.interaction.ChartMouseEventFX;
import org.jfree.chart.fx.interaction.ChartMouseListenerFX;
import org.jfree.chart.fx.overlay.CrosshairOverlayFX;
import org.jfree.chart.plot.Crosshair;

import java.awt.BasicStroke;
import org.jfree.chart.JFreeChart;
import java.awt.Font;
import java.awt.Color;
import java.io.File;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * The History screen: device, metric and range choices over a JFreeChart-FX time chart. Drag to zoom, Alt+drag to
 * pan, mouse wheel to zoom; a zoom or pan is re-queried at full resolution once the mouse rests.
 */
public final class HistoryView extends BorderPane {
    private final HistoryViewModel vm;
    private final HistoryChart chart = new HistoryChart(true);
    private final StackedChart stackedChart = new StackedChart(true);
    private final DateAxis timeAxis = chart.timeAxis;
    private final NumberAxis valueAxis = chart.valueAxis;
    private final ChartViewer viewer;
    private final Crosshair timeCrosshair = new Crosshair(Double.NaN, HistoryChart.DARK_TEXT, new BasicStroke(0.8f));
    private final Label crosshairLabel = new Label();
    private final PauseTransition zoomSettle = new PauseTransition(Duration.millis(450));
    private final ComboBox<String> deviceBox = new ComboBox<>();
    private boolean settingRange;
    private boolean syncingFields;
    /** Stacked fields on or off. */
    public static final javafx.scene.input.KeyCombination STACK = new javafx.scene.input.KeyCodeCombination(
            javafx.scene.input.KeyCode.S, javafx.scene.input.KeyCombination.ALT_DOWN);

    public HistoryView(HistoryViewModel vm) {
        this.vm = vm;
        getStyleClass().add("history");

        deviceBox.setId("history-device");
        deviceBox.setPromptText("Device");
        deviceBox.setItems(vm.deviceIds());
        deviceBox.valueProperty().bindBidirectional(vm.deviceProperty());
        deviceBox.setCellFactory(list -> PresenceCells.listCell(vm::findDevice));

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
        var custom = new HBox(6, labelFor("from", from), from, labelFor("to", to), to);
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
        var compare = new CheckBox("Compare");
        compare.setId("history-compare");
        compare.setTooltip(new Tooltip("Also draw the period just before, shifted to line up (dashed)"));
        compare.selectedProperty().bindBidirectional(vm.compareProperty());
        var stack = new CheckBox("Stack fields");
        stack.setId("history-stacked");
        stack.setTooltip(new Tooltip("Draw several fields of this device (e.g. voltage, current, power) one above the"
                + " other over the same time axis (Alt+S)"));
        stack.selectedProperty().bindBidirectional(vm.stackedProperty());
        var fields = new CheckComboBox<Metric>(vm.metrics());
        fields.setId("history-fields");
        fields.setTitle("Fields");
        fields.setShowCheckedCount(true);
        fields.setTooltip(new Tooltip("The fields drawn one above the other"));
        fields.setAccessibleText("Fields to stack");
        fields.setConverter(new StringConverter<>() {
            @Override
            public String toString(Metric m) {
                return m == null ? "" : HistoryViewModel.axisLabel(m);
            }

            @Override
            public Metric fromString(String s) {
                return null;
            }
        });
        syncFieldChecks(fields);
        vm.stackedMetrics().addListener((javafx.collections.ListChangeListener<Metric>) c -> syncFieldChecks(fields));
        vm.metrics().addListener((javafx.collections.ListChangeListener<Metric>) c -> syncFieldChecks(fields));
        fields.getCheckModel().getCheckedItems().addListener((javafx.collections.ListChangeListener<Metric>) c -> {
            if (!syncingFields && !fields.getCheckModel().getCheckedItems().isEmpty()) {
                vm.stackedMetrics().setAll(fields.getCheckModel().getCheckedItems());
            }
        });
        // Alt+S anywhere in the History screen (a handler, not a mnemonic: Alt alone would take the menu bar first)
        addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (STACK.match(e)) {
                vm.stackedProperty().set(!vm.stackedProperty().get());
                e.consume();
            }
        });
        fields.visibleProperty().bind(vm.stackedProperty());
        fields.managedProperty().bind(fields.visibleProperty());
        metricBox.visibleProperty().bind(vm.stackedProperty().not());
        metricBox.managedProperty().bind(metricBox.visibleProperty());
        compare.visibleProperty().bind(vm.stackedProperty().not());
        compare.managedProperty().bind(compare.visibleProperty());
        var overlay = new CheckComboBox<String>(vm.deviceIds());
        overlay.visibleProperty().bind(vm.stackedProperty().not());
        overlay.managedProperty().bind(overlay.visibleProperty());
        overlay.setId("history-overlay");
        overlay.setTitle("Overlay");
        overlay.setShowCheckedCount(true);
        overlay.setTooltip(new Tooltip("Draw other devices' same metric over this one"));
        overlay.getCheckModel().getCheckedItems().addListener((javafx.collections.ListChangeListener<String>) c ->
                vm.overlayDevices().setAll(overlay.getCheckModel().getCheckedItems()));
        var export = new MenuButton("Export");
        export.setId("history-export");
        var png = new MenuItem("Chart as PNG…");
        png.setOnAction(e -> exportChart("PNG image", "*.png"));
        var pdf = new MenuItem("Chart as PDF…");
        pdf.setOnAction(e -> exportChart("PDF document", "*.pdf"));
        var csv = new MenuItem("Data as CSV…");
        csv.setOnAction(e -> chooseFile("CSV file", "*.csv").ifPresent(vm::exportCsv));
        export.getItems().addAll(png, pdf, csv);
        export.disableProperty().bind(vm.resultProperty().isNull());
        var auto = new CheckBox("Live");
        auto.setTooltip(new Tooltip("Reload the latest range every 5 seconds"));
        auto.selectedProperty().bindBidirectional(vm.autoRefreshProperty());

        var toolbar = new FlowPane(10, 6, labelFor("Device", deviceBox), deviceBox, labelFor("Metric", metricBox),
                metricBox, fields, presets, custom,
                stack, compare, overlay, auto, refresh, resetZoom, export);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.getStyleClass().add("screen-toolbar");
        setTop(toolbar);

        viewer = new ChartViewer(chart.chart);
        var crosshairs = new CrosshairOverlayFX();
        timeCrosshair.setPaint(HistoryChart.DARK_TEXT);
        crosshairs.addDomainCrosshair(timeCrosshair);
        viewer.getCanvas().addOverlay(crosshairs);
        viewer.addChartMouseListener(new ChartMouseListenerFX() {
            @Override
            public void chartMouseClicked(ChartMouseEventFX event) {
            }

            @Override
            public void chartMouseMoved(ChartMouseEventFX event) {
                follow(event.getTrigger().getX());
            }
        });
        viewer.setOnMouseExited(e -> follow(Double.NaN));
        crosshairLabel.setId("history-crosshair");
        crosshairLabel.getStyleClass().add("crosshair-label");
        crosshairLabel.setMouseTransparent(true);
        crosshairLabel.visibleProperty().bind(crosshairLabel.textProperty().isNotEmpty());
        StackPane.setAlignment(crosshairLabel, Pos.TOP_LEFT);
        crosshairLabel.setTranslateX(80);
        crosshairLabel.setTranslateY(8);
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
        var center = new StackPane(viewer, placeholder, progress, crosshairLabel);
        center.getStyleClass().add("chart-pane");
        setCenter(center);

        var summary = new Label();
        summary.setId("history-summary");
        summary.getStyleClass().add("muted");
        summary.textProperty().bind(vm.summaryProperty());
        var resolution = new Label();
        resolution.setId("history-resolution");
        resolution.getStyleClass().add("resolution-badge");
        resolution.textProperty().bind(vm.resolutionTextProperty());
        resolution.visibleProperty().bind(vm.resolutionTextProperty().isNotEmpty());
        var exported = new Label();
        exported.setId("history-export-message");
        exported.getStyleClass().add("muted");
        exported.textProperty().bind(vm.exportMessageProperty());
        var hint = new Label("Drag right to zoom · drag left to reset · Alt+drag to pan · wheel zooms");
        hint.getStyleClass().add("muted");
        var spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        var footer = new HBox(10, resolution, summary, exported, spacer, hint);
        footer.setAlignment(Pos.CENTER_LEFT);
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
        stackedChart.timeAxis.addChangeListener(e -> {
            if (!settingRange) {
                zoomSettle.playFromStart();
            }
        });
    }

    /** Ticks the fields the view-model stacks (without echoing the change back). */
    private void syncFieldChecks(CheckComboBox<Metric> fields) {
        syncingFields = true;
        try {
            fields.getCheckModel().clearChecks();
            for (Metric m : vm.stackedMetrics()) {
                if (vm.metrics().contains(m)) {
                    fields.getCheckModel().check(m);
                }
            }
        } finally {
            syncingFields = false;
        }
    }

    /** The time axis of the chart on show (the stacked one shares one axis among its subplots). */
    private DateAxis activeTimeAxis() {
        return viewer.getChart() == stackedChart.chart ? stackedChart.timeAxis : timeAxis;
    }

    /** Puts keyboard focus on the device choice. */
    public void focusDevice() {
        deviceBox.requestFocus();
    }

    /** Paints the chart in the theme's colours and scales its fonts with the text zoom (1.0: normal). */
    public void applyTheme(Theme theme, double fontScale) {
        var p = theme.chart();
        JFreeChart c = chart.chart;
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
        timeCrosshair.setPaint(text);
        c.setBackgroundPaint(bg);
        stackedChart.colours(bg, grid, text, fontScale);
    }

    private void show(SeriesResult r) {
        settingRange = true;
        try {
            if (r != null && r.stacked()) {
                stackedChart.show(r);
                if (viewer.getChart() != stackedChart.chart) {
                    viewer.setChart(stackedChart.chart);
                }
            } else {
                chart.show(r);
                if (viewer.getChart() != chart.chart) {
                    viewer.setChart(chart.chart);
                }
            }
        } finally {
            settingRange = false;
        }
        zoomSettle.stop();
    }

    /** Moves the crosshair to the mouse's x (in the viewer) and shows the value there; NaN hides it. */
    private void follow(double x) {
        var info = viewer.getRenderingInfo();
        if (Double.isNaN(x) || info == null || info.getPlotInfo() == null) {
            timeCrosshair.setValue(Double.NaN);
            crosshairLabel.setText("");
            return;
        }
        var area = info.getPlotInfo().getDataArea();
        double t = activeTimeAxis().java2DToValue(x, area, org.jfree.chart.ui.RectangleEdge.BOTTOM);
        String text = vm.valueAt((long) t);
        timeCrosshair.setValue(text.isEmpty() ? Double.NaN : t);
        crosshairLabel.setText(text);
    }

    private java.util.Optional<Path> chooseFile(String kind, String pattern) {
        var chooser = new FileChooser();
        chooser.setTitle("Save " + kind);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, pattern));
        SeriesResult r = vm.resultProperty().get();
        if (r != null) {
            chooser.setInitialFileName(r.query().deviceId() + "-" + r.query().metric().key() + pattern.substring(1));
        }
        File f = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        return java.util.Optional.ofNullable(f).map(File::toPath);
    }

    /** Draws its own copy of the chart in the background (nothing the FX thread draws is touched). */
    private void exportChart(String kind, String pattern) {
        SeriesResult r = vm.resultProperty().get();
        if (r == null) {
            return;
        }
        String title = vm.summaryProperty().get() + " · " + vm.resolutionTextProperty().get();
        chooseFile(kind, pattern).ifPresent(file -> vm.export("the chart", () -> {
            ChartFiles.write(r.stacked() ? StackedChart.forFile(r, title) : HistoryChart.forFile(r, title), file);
            return "Saved the chart to " + file.getFileName();
        }));
    }

    /** After a user zoom/pan settled: fetch the visible range again at full resolution, or the chosen one on reset. */
    private void requeryVisibleRange() {
        SeriesResult current = vm.resultProperty().get();
        if (current == null) {
            return;
        }
        DateAxis axis = activeTimeAxis();
        if (axis.isAutoRange()) {
            vm.load(); // the user zoomed out completely
            return;
        }
        long from = (long) axis.getLowerBound();
        long to = (long) axis.getUpperBound();
        if (from == current.query().from().toEpochMilli() && to == current.query().to().toEpochMilli()) {
            return;
        }
        vm.zoomTo(Instant.ofEpochMilli(from), Instant.ofEpochMilli(to));
    }

    /** A label that names its control for screen readers (and focuses it when clicked). */
    private static Label labelFor(String text, javafx.scene.Node control) {
        var label = new Label(text);
        label.setLabelFor(control);
        return label;
    }
}
