package io.edgedeck.views;

import eu.hansolo.tilesfx.Tile;
import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.IngestBatch;
import io.edgedeck.db.LocalStore;
import io.edgedeck.db.Metric;
import io.edgedeck.db.QuarantinedMessage;
import io.edgedeck.db.Reading;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.jfree.chart.fx.ChartViewer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import io.edgedeck.views.testing.Fx;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole window over a real in-memory store and a feed that pushes real batches. */
@ExtendWith(ApplicationExtension.class)
class MainWindowUiTest {
    LocalStore store;
    TestLiveFeed feed;
    ExecutorService background;
    MainWindow window;

    @Start
    void start(Stage stage) {
        store = LocalStore.inMemory();
        feed = new TestLiveFeed(store);
        background = Executors.newFixedThreadPool(2);
        window = new MainWindow(store, feed, new ConsoleInfo("test broker", true, store.location()), background);
        stage.setScene(new Scene(window.root(), 1366, 768));
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(window::close).get();
        background.shutdownNow();
        background.awaitTermination(5, TimeUnit.SECONDS);
        store.close();
    }

    static Reading plug(String id, long at, double watts) {
        return new Reading(id, DeviceKind.PLUG, at, Map.of(Metric.POWER, watts, Metric.VOLTAGE, 230.1,
                Metric.CURRENT, watts / 230.1, Metric.RELAY, 1.0));
    }

    static void waitUntil(BooleanSupplier condition) throws Exception {
        Fx.waitUntil(10, condition);
    }

    List<Tile> tiles(FxRobot robot) {
        Pane grid = robot.lookup("#dashboard-tiles").queryAs(Pane.class);
        var out = new ArrayList<Tile>();
        for (Node n : grid.getChildren()) {
            ((Pane) n).getChildren().stream().filter(Tile.class::isInstance).map(Tile.class::cast).forEach(out::add);
        }
        return out;
    }

    Optional<Tile> tile(FxRobot robot, String id) {
        return tiles(robot).stream().filter(t -> id.equals(t.getTitle())).findFirst();
    }

    @Test
    void aSensorThatOnlySaidOnlineShowsNoValueUntilItsFirstReading(FxRobot robot) throws Exception {
        feed.push(IngestBatch.availability(new io.edgedeck.db.Availability("climate-07",
                io.edgedeck.db.DeviceKind.SENSOR, true, System.currentTimeMillis())));
        waitUntil(() -> tile(robot, "climate-07").isPresent());
        assertThat(tile(robot, "climate-07").orElseThrow().isValueVisible()).as("no made-up 0.0").isFalse();

        feed.push(IngestBatch.of(List.of(new io.edgedeck.db.Reading("climate-07", io.edgedeck.db.DeviceKind.SENSOR,
                System.currentTimeMillis(), java.util.Map.of(io.edgedeck.db.Metric.TEMPERATURE, 21.5,
                io.edgedeck.db.Metric.HUMIDITY, 48.0)))));
        waitUntil(() -> tile(robot, "climate-07").map(t -> t.getValue() == 21.5 && t.isValueVisible()).orElse(false));
    }

    @Test
    void aCommittedBatchShowsUpAsATileWithTheLatestValue(FxRobot robot) throws Exception {
        long now = System.currentTimeMillis();
        feed.push(IngestBatch.of(List.of(plug("plug-01", now - 1000, 80.0))));
        feed.push(IngestBatch.of(List.of(plug("plug-01", now, 119.6))));

        waitUntil(() -> tile(robot, "plug-01").map(t -> t.getValue() == 119.6).orElse(false));
        Tile t = tile(robot, "plug-01").orElseThrow();
        assertThat(t.getUnit()).isEqualTo("W");
        assertThat(t.getDescription()).isEqualTo("230.1 V · 0.52 A");
        assertThat(t.getText()).startsWith("relay ON");
        assertThat(robot.lookup("#dashboard-count").queryAs(Label.class).getText()).isEqualTo("1 device, 1 online");
        assertThat(robot.lookup("#demo-banner").queryAs(Label.class).isVisible()).isTrue();
    }

    @Test
    void tilesAndTheDevicesTableSayWhenADeviceWasLastHeardAndWhyItIsOffline(FxRobot robot) throws Exception {
        long now = System.currentTimeMillis();
        feed.push(IngestBatch.of(List.of(plug("plug-gone", now - 5_000, 40.0))));
        feed.push(IngestBatch.availability(new io.edgedeck.db.Availability("plug-gone", DeviceKind.PLUG, false,
                now - 4_000))); // its Last Will
        waitUntil(() -> tile(robot, "plug-gone").map(t -> t.getText().startsWith("offline (announced) · ")).orElse(false));
        Thread.sleep(50); // so that plug-here is heard in a later millisecond than plug-gone's Last Will
        feed.push(IngestBatch.of(List.of(plug("plug-here", System.currentTimeMillis(), 80.0))));
        waitUntil(() -> tile(robot, "plug-here").isPresent());
        assertThat(tile(robot, "plug-gone").orElseThrow().getText()).matches("offline \\(announced\\) · (just now|\\d+ s ago)");
        Node holder = tile(robot, "plug-gone").orElseThrow().getParent();
        var tip = (javafx.scene.control.Tooltip) holder.getProperties().get("javafx.scene.control.Tooltip");
        assertThat(tip.getText()).startsWith("plug-gone\noffline: announced (Last Will or availability topic) · "
                + "last heard ");
        assertThat(tile(robot, "plug-here").orElseThrow().getText()).matches("relay ON · (just now|\\d+ s ago)");

        TabPane tabs = robot.lookup("#main-tabs").queryAs(TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(
                tabs.getTabs().stream().filter(t -> "tab-devices".equals(t.getId())).findFirst().orElseThrow()));
        @SuppressWarnings("unchecked")
        TableView<io.edgedeck.views.fleet.DeviceModel> table = robot.lookup("#devices-table").queryAs(TableView.class);
        var age = table.getColumns().stream().filter(c -> "devices-age".equals(c.getId())).findFirst().orElseThrow();
        assertThat(age.isSortable()).isTrue();
        robot.interact(() -> {
            age.setSortType(javafx.scene.control.TableColumn.SortType.ASCENDING);
            table.getSortOrder().setAll(List.of(age));
        });
        waitUntil(() -> table.getItems().size() == 2);
        assertThat(table.getItems()).extracting(io.edgedeck.views.fleet.DeviceModel::id)
                .as("most recently heard first").containsExactly("plug-here", "plug-gone");
        waitUntil(() -> robot.lookup(".table-cell").queryAll().stream()
                .anyMatch(n -> "● offline · announced".equals(((javafx.scene.control.Labeled) n).getText())));
        var statusCell = (javafx.scene.control.TableCell<?, ?>) robot.lookup(".table-cell").queryAll().stream()
                .filter(n -> "● offline · announced".equals(((javafx.scene.control.Labeled) n).getText()))
                .findFirst().orElseThrow();
        assertThat(statusCell.getTooltip().getText()).startsWith("offline: announced (Last Will or availability topic)");
        assertThat(robot.lookup(".table-cell").queryAll().stream()
                .map(n -> ((javafx.scene.control.Labeled) n).getText()))
                .anyMatch(text -> text != null && text.matches("just now|\\d+ s ago"));
    }

    @Test
    void theFilterHidesTilesThatDoNotMatch(FxRobot robot) throws Exception {
        long now = System.currentTimeMillis();
        feed.push(IngestBatch.of(List.of(plug("plug-01", now, 10), plug("plug-02", now, 20),
                new Reading("kitchen-sensor", DeviceKind.SENSOR, now, Map.of(Metric.TEMPERATURE, 21.5, Metric.HUMIDITY, 40.0)))));
        waitUntil(() -> tiles(robot).size() == 3);

        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.F).release(javafx.scene.input.KeyCode.F, javafx.scene.input.KeyCode.CONTROL);
        robot.write("kitchen");

        waitUntil(() -> tiles(robot).size() == 1);
        assertThat(tiles(robot).getFirst().getTitle()).isEqualTo("kitchen-sensor");
        assertThat(tiles(robot).getFirst().getUnit()).isEqualTo("°C");
        assertThat(robot.lookup("#dashboard-count").queryAs(Label.class).getText()).isEqualTo("3 devices, 3 online · 1 shown");
    }

    @Test
    void doubleClickingATileDrawsItsHistory(FxRobot robot) throws Exception {
        long now = System.currentTimeMillis();
        var history = new ArrayList<Reading>();
        for (int i = 120; i >= 1; i--) {
            history.add(plug("plug-07", now - i * 20_000L, 100 + (i % 10)));
        }
        feed.push(IngestBatch.of(history));
        waitUntil(() -> tile(robot, "plug-07").isPresent());

        robot.doubleClickOn(robot.lookup(".device-tile").queryAs(Node.class));

        TabPane tabs = robot.lookup("#main-tabs").queryAs(TabPane.class);
        waitUntil(() -> tabs.getSelectionModel().getSelectedItem().getId().equals("tab-history"));
        ChartViewer viewer = robot.lookup("#history-chart").queryAs(ChartViewer.class);
        waitUntil(() -> viewer.getChart().getXYPlot().getDataset().getItemCount(0) > 0);
        assertThat(viewer.getChart().getXYPlot().getDataset().getItemCount(0)).isEqualTo(120);
        assertThat(viewer.getChart().getXYPlot().getRangeAxis().getLabel()).isEqualTo("Power (W)");
        assertThat(viewer.isVisible()).isTrue();
        assertThat(robot.lookup("#history-placeholder").queryAs(Label.class).isVisible()).isFalse();

        // Zoom into the last 10 minutes: once the mouse rests the visible range is queried again.
        WaitForAsyncUtils.asyncFx(() -> viewer.getChart().getXYPlot().getDomainAxis().setRange(now - 600_000, now)).get();
        var reset = robot.lookup("#history-reset-zoom").queryAs(javafx.scene.control.Button.class);
        waitUntil(reset::isVisible);
        waitUntil(() -> viewer.getChart().getXYPlot().getDataset().getItemCount(0) < 120);
        assertThat(viewer.getChart().getXYPlot().getDataset().getItemCount(0)).isBetween(29, 31);

        robot.clickOn(reset);
        waitUntil(() -> viewer.getChart().getXYPlot().getDataset().getItemCount(0) == 120);
        assertThat(reset.isVisible()).isFalse();
    }

    @Test
    void stackingFieldsDrawsVoltageCurrentAndPowerOverOneTimeAxis(FxRobot robot) throws Exception {
        long now = System.currentTimeMillis();
        var history = new ArrayList<Reading>();
        for (int i = 120; i >= 1; i--) {
            history.add(plug("plug-s", now - i * 20_000L, 100 + (i % 10)));
        }
        feed.push(IngestBatch.of(history));
        waitUntil(() -> tile(robot, "plug-s").isPresent());
        WaitForAsyncUtils.asyncFx(() -> window.mainViewModel().openHistory("plug-s")).get();
        ChartViewer viewer = robot.lookup("#history-chart").queryAs(ChartViewer.class);
        Fx.waitUntil(30, () -> viewer.getChart().getXYPlot().getDataset() != null
                && viewer.getChart().getXYPlot().getDataset().getItemCount(0) == 120);
        Node deviceBox = robot.lookup("#history-device").query();
        WaitForAsyncUtils.asyncFx(deviceBox::requestFocus).get(); // keyboard focus in the History screen

        robot.press(javafx.scene.input.KeyCode.ALT, javafx.scene.input.KeyCode.S)
                .release(javafx.scene.input.KeyCode.S, javafx.scene.input.KeyCode.ALT);
        waitUntil(() -> viewer.getChart().getPlot() instanceof org.jfree.chart.plot.CombinedDomainXYPlot c
                && c.getSubplots().size() == 3);
        var combined = (org.jfree.chart.plot.CombinedDomainXYPlot) viewer.getChart().getPlot();
        assertThat(combined.getSubplots()).extracting(p -> p.getRangeAxis().getLabel())
                .containsExactly("Voltage (V)", "Current (A)", "Power (W)");
        assertThat(combined.getSubplots()).allSatisfy(p -> assertThat(p.getDataset().getItemCount(0)).isEqualTo(120));
        assertThat(robot.lookup("#history-fields").queryAs(Node.class).isVisible()).isTrue();
        assertThat(robot.lookup("#history-compare").queryAs(Node.class).isVisible()).isFalse();

        // the crosshair names every field's value
        var b = viewer.localToScreen(viewer.getBoundsInLocal());
        robot.moveTo(new javafx.geometry.Point2D(b.getMinX() + b.getWidth() * 0.6, b.getMinY() + b.getHeight() * 0.5));
        Label crosshair = robot.lookup("#history-crosshair").queryAs(Label.class);
        waitUntil(() -> crosshair.getText().contains("voltage 230"));
        assertThat(crosshair.getText()).contains(" V · current ").contains(" W");

        // zooming the shared time axis re-queries every subplot
        WaitForAsyncUtils.asyncFx(() -> combined.getDomainAxis().setRange(now - 600_000, now)).get();
        waitUntil(() -> viewer.getChart().getPlot() instanceof org.jfree.chart.plot.CombinedDomainXYPlot c
                && c.getSubplots().size() == 3 && c.getSubplots().stream()
                .allMatch(p -> p.getDataset().getItemCount(0) >= 29 && p.getDataset().getItemCount(0) <= 31));

        // back to one metric: the single chart returns
        robot.press(javafx.scene.input.KeyCode.ALT, javafx.scene.input.KeyCode.S)
                .release(javafx.scene.input.KeyCode.S, javafx.scene.input.KeyCode.ALT);
        waitUntil(() -> !(viewer.getChart().getPlot() instanceof org.jfree.chart.plot.CombinedDomainXYPlot)
                && viewer.getChart().getXYPlot().getDataset().getItemCount(0) > 0);
    }

    @Test
    void enterOnAFocusedTileOpensItsHistory(FxRobot robot) throws Exception {
        long now = System.currentTimeMillis();
        feed.push(IngestBatch.of(List.of(plug("plug-a", now, 1), plug("plug-b", now, 2))));
        waitUntil(() -> tiles(robot).size() == 2);
        Node second = robot.lookup("#dashboard-tiles").queryAs(Pane.class).getChildren().get(1);
        robot.clickOn(second).type(javafx.scene.input.KeyCode.ENTER);

        TabPane tabs = robot.lookup("#main-tabs").queryAs(TabPane.class);
        waitUntil(() -> tabs.getSelectionModel().getSelectedItem().getId().equals("tab-history"));
        @SuppressWarnings("unchecked")
        var device = (javafx.scene.control.ComboBox<String>) robot.lookup("#history-device").queryAs(javafx.scene.control.ComboBox.class);
        assertThat(device.getValue()).isEqualTo("plug-b");
    }

    @Test
    void twoHundredDevicesGetTwoHundredTiles(FxRobot robot) throws Exception {
        long now = System.currentTimeMillis();
        var readings = new ArrayList<Reading>();
        for (int i = 0; i < 200; i++) {
            readings.add(plug(String.format("plug-%03d", i), now, i));
        }
        // from a non-FX thread, in many small commits, as the ingest writer would
        for (int i = 0; i < 200; i += 10) {
            feed.push(IngestBatch.of(readings.subList(i, i + 10)));
        }
        waitUntil(() -> tiles(robot).size() == 200);
        assertThat(robot.lookup("#dashboard-count").queryAs(Label.class).getText()).isEqualTo("200 devices, 200 online");
        assertThat(tile(robot, "plug-199").orElseThrow().getValue()).isEqualTo(199.0);
    }

    @Test
    void historyOfARangeWithoutDataShowsAPlaceholder(FxRobot robot) throws Exception {
        long old = System.currentTimeMillis() - 3 * 3_600_000L; // older than the 1 h preset
        feed.push(IngestBatch.of(List.of(plug("plug-old", old, 5))));
        waitUntil(() -> tile(robot, "plug-old").isPresent());
        robot.doubleClickOn(robot.lookup(".device-tile").queryAs(Node.class));

        Label placeholder = robot.lookup("#history-placeholder").queryAs(Label.class);
        // it says "Choose a device" until the query for the tile's device has answered
        waitUntil(() -> placeholder.isVisible() && !placeholder.getText().startsWith("Choose"));
        assertThat(placeholder.getText()).isEqualTo("No data in this range.");
    }

    @Test
    void aQuarantinedMessageIsListedAndCounted(FxRobot robot) throws Exception {
        feed.push(IngestBatch.quarantine(new QuarantinedMessage("iot/data",
                "temperature=hot".getBytes(StandardCharsets.UTF_8), "expected key:value", System.currentTimeMillis())));

        // The status bar reads the count once a second; a change reloads the quarantine list.
        var link = robot.lookup("#status-quarantined").queryAs(javafx.scene.control.Hyperlink.class);
        waitUntil(() -> link.getText().equals("1 quarantined"));
        robot.clickOn(link);

        TableView<?> table = robot.lookup("#quarantine-table").queryAs(TableView.class);
        waitUntil(() -> table.getItems().size() == 1);
        TabPane tabs = robot.lookup("#main-tabs").queryAs(TabPane.class);
        assertThat(tabs.getSelectionModel().getSelectedItem().getText()).isEqualTo("Quarantine (1)");
        var row = (io.edgedeck.views.quarantine.QuarantineRow) table.getItems().getFirst();
        assertThat(row.topic()).isEqualTo("iot/data");
        assertThat(row.reason()).isEqualTo("expected key:value");
        assertThat(row.text()).isEqualTo("temperature=hot");
        assertThat(row.hex()).startsWith("74 65 6d 70");
    }

    @Test
    void shortcutsSwitchScreens(FxRobot robot) throws Exception {
        TabPane tabs = robot.lookup("#main-tabs").queryAs(TabPane.class);
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.DIGIT3).release(javafx.scene.input.KeyCode.DIGIT3, javafx.scene.input.KeyCode.CONTROL);
        waitUntil(() -> tabs.getSelectionModel().getSelectedItem().getId().equals("tab-devices"));
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.DIGIT1).release(javafx.scene.input.KeyCode.DIGIT1, javafx.scene.input.KeyCode.CONTROL);
        waitUntil(() -> tabs.getSelectionModel().getSelectedItem().getId().equals("tab-dashboard"));
    }

    @Test
    void aFirmwareImageOpenedWithEdgeDeckShowsOnTheFlashTab(FxRobot robot, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path image = dir.resolve("blink.bin");
        java.nio.file.Files.write(image, io.edgedeck.link.esp32.testing.TestFirmware.app(4096));
        TabPane tabs = robot.lookup("#main-tabs").queryAs(TabPane.class);

        robot.interact(() -> window.openFlashImage(image));

        waitUntil(() -> tabs.getSelectionModel().getSelectedItem().getId().equals("tab-flash"));
        var slot = window.flashViewModel().slots().getFirst();
        waitUntil(() -> slot.status() != io.edgedeck.views.flash.ImageSlot.Status.CHECKING
                && slot.status() != io.edgedeck.views.flash.ImageSlot.Status.EMPTY);
        assertThat(slot.fileProperty().get()).isEqualTo(image);
        assertThat(slot.summaryProperty().get()).isNotBlank();
    }
}
