package io.edgedeck.views.energy;

import io.edgedeck.services.energy.PeriodEnergy;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;

import java.awt.Color;
import java.awt.Font;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;

/** The Energy screen: tariff, bar chart of consumption, a table per plug. */
public final class EnergyView extends BorderPane {
    private static final Color BG = new Color(0x1b, 0x1e, 0x24);
    private static final Color GRID = new Color(0x33, 0x38, 0x42);
    private static final Color TEXT = new Color(0xb8, 0xc0, 0xcc);
    private static final String MEASURED = "complete";
    private static final String PARTIAL = "incomplete (data missing)";

    private final EnergyViewModel vm;
    private final ZoneId zone;
    private final DefaultCategoryDataset dataset = new DefaultCategoryDataset();
    private final CategoryAxis categories = new CategoryAxis();

    public EnergyView(EnergyViewModel vm, ZoneId zone) {
        this(vm, zone, id -> java.util.Optional.empty());
    }

    /** @param devices the live device behind a plug's id, for when it was last heard (and why it is offline) */
    public EnergyView(EnergyViewModel vm, ZoneId zone,
                      Function<String, java.util.Optional<io.edgedeck.views.fleet.DeviceModel>> devices) {
        this.vm = vm;
        this.zone = zone;
        getStyleClass().add("energy");

        var flat = new RadioButton("Flat");
        var tou = new RadioButton("Time of use");
        var group = new ToggleGroup();
        flat.setToggleGroup(group);
        tou.setToggleGroup(group);
        flat.setSelected(!vm.timeOfUseProperty().get());
        tou.setSelected(vm.timeOfUseProperty().get());
        tou.selectedProperty().bindBidirectional(vm.timeOfUseProperty());
        vm.timeOfUseProperty().addListener((o, a, b) -> flat.setSelected(!b));
        var flatPrice = field("energy-flat-price", vm.flatPriceProperty(), 70);
        var flatBox = new HBox(6, flatPrice, new Label("per kWh"));
        flatBox.setAlignment(Pos.CENTER_LEFT);
        flatBox.visibleProperty().bind(vm.timeOfUseProperty().not());
        flatBox.managedProperty().bind(flatBox.visibleProperty());
        var touBox = new HBox(6, new Label("day"), field("energy-day-from", vm.dayFromProperty(), 60), new Label("–"),
                field("energy-day-to", vm.dayToProperty(), 60), field("energy-day-price", vm.dayPriceProperty(), 60),
                new Label("· rest of the day"), field("energy-night-price", vm.nightPriceProperty(), 60),
                new Label("per kWh"));
        touBox.setAlignment(Pos.CENTER_LEFT);
        touBox.visibleProperty().bind(vm.timeOfUseProperty());
        touBox.managedProperty().bind(touBox.visibleProperty());
        var save = new Button("Save tariff");
        save.setId("energy-save-tariff");
        save.setOnAction(e -> vm.saveTariff());
        var tariffMessage = new Label();
        tariffMessage.setId("energy-tariff-message");
        tariffMessage.getStyleClass().add("muted");
        tariffMessage.textProperty().bind(vm.tariffMessageProperty());
        var refresh = new Button("Refresh");
        refresh.setId("energy-refresh");
        refresh.setOnAction(e -> vm.refresh());
        var toolbar = new FlowPane(10, 6, new Label("Tariff"), flat, tou, flatBox, touBox, new Label("currency"),
                field("energy-currency", vm.currencyProperty(), 50), save, tariffMessage, refresh);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.getStyleClass().add("screen-toolbar");
        setTop(toolbar);

        var plug = new ComboBox<>(vm.plugChoices());
        plug.setId("energy-plug");
        plug.valueProperty().bindBidirectional(vm.chartPlugProperty());
        var scale = new ComboBox<EnergyScale>();
        scale.getItems().addAll(EnergyScale.values());
        scale.setId("energy-scale");
        scale.valueProperty().bindBidirectional(vm.scaleProperty());
        var chartBar = new HBox(10, new Label("Consumption of"), plug, new Label("per"), scale);
        chartBar.setAlignment(Pos.CENTER_LEFT);
        chartBar.getStyleClass().add("screen-toolbar");
        var viewer = new ChartViewer(createChart());
        viewer.setId("energy-chart");
        var chartPane = new BorderPane(viewer);
        chartPane.setTop(chartBar);

        var table = new TableView<>(vm.rows());
        table.setId("energy-table");
        var plugColumn = column("Plug", EnergyRow::device, 160);
        plugColumn.setCellFactory(c -> io.edgedeck.views.fleet.PresenceCells.tableCell(devices));
        table.getColumns().add(plugColumn);
        var heard = new TableColumn<EnergyRow, String>("Status");
        heard.setId("energy-status");
        heard.setCellValueFactory(d -> devices.apply(d.getValue().device())
                .<javafx.beans.value.ObservableValue<String>>map(m -> m.statusTextProperty())
                .orElse(new ReadOnlyStringWrapper("")));
        heard.setPrefWidth(150);
        table.getColumns().add(column("Today", EnergyRow::today, 100));
        table.getColumns().add(column("This month", EnergyRow::month, 110));
        table.getColumns().add(column("Cost this month", EnergyRow::monthCost, 130));
        table.getColumns().add(column("Standby", EnergyRow::standby, 90));
        table.getColumns().add(column("From", EnergyRow::source, 140));
        table.getColumns().add(column("This month's data", EnergyRow::completeness, 260));
        table.getColumns().add(heard); // last heard, and why offline; live from the fleet
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        var split = new SplitPane(chartPane, table);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.55);
        var message = new Label();
        message.setId("energy-message");
        message.getStyleClass().add("placeholder");
        message.textProperty().bind(vm.messageProperty());
        message.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        message.setMouseTransparent(true);
        var progress = new ProgressIndicator();
        progress.setMaxSize(48, 48);
        progress.visibleProperty().bind(vm.loadingProperty());
        progress.setMouseTransparent(true);
        setCenter(new StackPane(split, message, progress));

        var totals = new Label();
        totals.setId("energy-totals");
        totals.textProperty().bind(vm.totalsProperty());
        var note = new Label("Energy from each plug's counter where it reports one, else its power over time; "
                + "hours without data are not guessed. Standby: the lowest hourly mean of the last 7 days.");
        note.getStyleClass().add("muted");
        note.setWrapText(true);
        var footer = new FlowPane(16, 4, totals, note);
        footer.getStyleClass().add("screen-footer");
        setBottom(footer);

        vm.barsProperty().addListener((o, a, b) -> showBars(b));
        vm.scaleProperty().addListener((o, a, b) -> categories.setCategoryLabelPositions(
                b == EnergyScale.MONTHS ? CategoryLabelPositions.STANDARD : CategoryLabelPositions.UP_45));
    }

    private static TextField field(String id, javafx.beans.property.StringProperty p, double width) {
        var f = new TextField();
        f.setId(id);
        f.setPrefColumnCount(4);
        f.setPrefWidth(width);
        f.textProperty().bindBidirectional(p);
        return f;
    }

    private static TableColumn<EnergyRow, String> column(String title, Function<EnergyRow, String> value, double width) {
        var c = new TableColumn<EnergyRow, String>(title);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private JFreeChart createChart() {
        var values = new NumberAxis("kWh");
        var renderer = new StackedBarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, new Color(0x4d, 0xa3, 0xff));
        renderer.setSeriesPaint(1, new Color(0x8a, 0x6d, 0x3b));
        renderer.setMaximumBarWidth(0.05);
        var plot = new CategoryPlot(dataset, categories, values, renderer);
        plot.setBackgroundPaint(BG);
        plot.setRangeGridlinePaint(GRID);
        plot.setOutlineVisible(false);
        for (var axis : new org.jfree.chart.axis.Axis[] {categories, values}) {
            axis.setLabelPaint(TEXT);
            axis.setTickLabelPaint(TEXT);
            axis.setAxisLinePaint(GRID);
            axis.setTickMarkPaint(GRID);
            axis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        }
        categories.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        var chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        var legend = new LegendTitle(plot);
        legend.setPosition(RectangleEdge.TOP);
        legend.setBackgroundPaint(BG);
        legend.setItemPaint(TEXT);
        chart.addLegend(legend);
        chart.setBackgroundPaint(BG);
        return chart;
    }

    private void showBars(List<PeriodEnergy> bars) {
        dataset.clear();
        Function<PeriodEnergy, String> label = switch (vm.scaleProperty().get()) {
            case HOURS -> p -> format(p, "EEE HH:mm");
            case DAYS -> p -> format(p, "EEE d MMM");
            case MONTHS -> p -> format(p, "MMM yyyy");
        };
        for (PeriodEnergy p : bars) {
            String c = label.apply(p);
            dataset.addValue(p.complete() ? p.kwh() : 0, MEASURED, c);
            dataset.addValue(p.complete() ? 0 : p.kwh(), PARTIAL, c);
        }
    }

    private String format(PeriodEnergy p, String pattern) {
        return DateTimeFormatter.ofPattern(pattern).format(ZonedDateTime.ofInstant(p.from(), zone));
    }
}
