package io.edgedeck.views;

import io.edgedeck.db.Availability;
import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.IngestBatch;
import io.edgedeck.db.LocalStore;
import io.edgedeck.db.Metric;
import io.edgedeck.db.QuarantinedMessage;
import io.edgedeck.db.Reading;
import io.edgedeck.views.history.RangePreset;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.jfree.chart.fx.ChartViewer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import io.edgedeck.views.common.PngSnapshot;
import io.edgedeck.views.testing.Fx;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Renders each screen at 1366×768 with demo-like data into PNGs, to look at. Runs only with
 * {@code -Dedgedeck.screenshots=/some/dir}.
 */
@ExtendWith(ApplicationExtension.class)
class ScreenshotTest {
    static final String DIR = System.getProperty("edgedeck.screenshots");
    LocalStore store;
    TestLiveFeed feed;
    ExecutorService background;
    MainWindow window;
    Scene scene;
    final long now = System.currentTimeMillis();

    @Start
    void start(Stage stage) {
        if (DIR == null) {
            return;
        }
        store = LocalStore.inMemory();
        feed = new TestLiveFeed(store);
        seed();
        background = Executors.newFixedThreadPool(2);
        window = new MainWindow(store, feed, new ConsoleInfo("built-in broker localhost:1883", true, "/home/tech/.edgedeck/edgedeck.mv.db"), background);
        scene = new Scene(window.root(), 1366, 768);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        if (window != null) {
            WaitForAsyncUtils.asyncFx(window::close).get();
            background.shutdownNow();
            store.close();
        }
    }

    static double plugWatts(int i, long t) {
        return Math.max(0, 40 + 25 * i % 400 + 30 * Math.sin(t / 600_000.0 + i) + (t / 1000 % 7));
    }

    static Reading plug(String id, int i, long t) {
        double w = plugWatts(i, t);
        double v = 229 + 2 * Math.sin(t / 90_000.0);
        return new Reading(id, DeviceKind.PLUG, t, Map.of(Metric.POWER, w, Metric.VOLTAGE, v, Metric.CURRENT, w / v,
                Metric.RELAY, i % 6 == 4 ? 0.0 : 1.0));
    }

    static Reading sensor(String id, int i, long t) {
        return new Reading(id, DeviceKind.SENSOR, t, Map.of(Metric.TEMPERATURE, 19 + i * 0.7 + Math.sin(t / 3_600_000.0),
                Metric.HUMIDITY, 40.0 + i * 2));
    }

    /** Before the window opens: a day of history for plug-01, older readings for all, one offline, one stale. */
    void seed() {
        var day = new ArrayList<Reading>();
        for (long t = now - 86_400_000L; t < now - 3_600_000L; t += 60_000) {
            day.add(plug("plug-01", 1, t));
        }
        for (long t = now - 3_600_000L; t < now; t += 5_000) {
            day.add(plug("plug-01", 1, t));
        }
        store.writer().commit(IngestBatch.of(day));
        // two weeks of a simulated fridge and kettle (every 10 minutes) for the History comparison and Energy
        io.edgedeck.link.sim.DemoHistory.generate(new io.edgedeck.link.sim.SimulationConfig(2, 0, 1.0, 7),
                java.time.ZoneId.systemDefault(), now - 14 * 86_400_000L, now - 3_600_000L, 600_000,
                batch -> store.writer().commit(IngestBatch.of(batch)));
        var rest = new ArrayList<Reading>();
        for (int i = 2; i <= 24; i++) {
            rest.add(plug(String.format("plug-%02d", i), i, now - 45_000));
        }
        for (int i = 1; i <= 8; i++) {
            rest.add(sensor(String.format("sensor-%02d", i), i, now - 45_000));
        }
        store.writer().commit(IngestBatch.of(rest));
        store.writer().commit(IngestBatch.availability(new Availability("plug-09", DeviceKind.PLUG, false, now - 30_000)));
        store.writer().commit(IngestBatch.availability(new Availability("sensor-03", DeviceKind.SENSOR, false, now - 30_000)));
        store.writer().commit(IngestBatch.quarantine(new QuarantinedMessage("smartplug/plug-17/telemetry",
                "{\"voltage\": 230.4, \"current\": \"n/a\"}".getBytes(StandardCharsets.UTF_8), "current is not a number", now - 600_000)));
        store.writer().commit(IngestBatch.quarantine(new QuarantinedMessage("iot/data",
                "temperature=23".getBytes(StandardCharsets.UTF_8), "expected key:value", now - 300_000)));
        store.writer().commit(IngestBatch.quarantine(new QuarantinedMessage("sensors/sensor-05/telemetry",
                new byte[]{(byte) 0x8f, 0x01, 0x7b, 0x22, 0x74, 0x73, 0x22}, "not UTF-8 JSON", now - 60_000)));
    }

    /** Live readings for every device except the stale and offline ones. */
    void pushLive(long t) {
        var live = new ArrayList<Reading>();
        for (int i = 1; i <= 24; i++) {
            if (i != 9 && i != 14) {
                live.add(plug(String.format("plug-%02d", i), i, t));
            }
        }
        for (int i = 1; i <= 8; i++) {
            if (i != 3 && i != 6) {
                live.add(sensor(String.format("sensor-%02d", i), i, t));
            }
        }
        feed.push(IngestBatch.of(live));
    }

    static void waitUntil(BooleanSupplier c) throws Exception {
        Fx.waitUntil(15, c);
    }

    Path shoot(String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        var image = WaitForAsyncUtils.asyncFx(() -> PngSnapshot.take(scene)).get();
        Path file = Path.of(DIR, "edgedeck-" + name + ".png");
        PngSnapshot.write(image, file);
        assertThat(image.getWidth()).isEqualTo(1366);
        return file;
    }

    @Test
    void renderEveryScreen(FxRobot robot) throws Exception {
        assumeTrue(DIR != null, "set -Dedgedeck.screenshots=DIR to render screenshots");
        for (int k = 0; k < 3; k++) {
            pushLive(System.currentTimeMillis());
            Thread.sleep(1100);
        }
        waitUntil(() -> robot.lookup(".device-tile").queryAll().size() == 34); // 24 plugs, 8 sensors, 2 simulated plugs with two weeks of history
        shoot("dashboard");
        WaitForAsyncUtils.asyncFx(() -> window.mainViewModel().screenProperty().set(Screen.DASHBOARD)).get();
        robot.clickOn("#dashboard-filter").write("sensor");
        waitUntil(() -> robot.lookup(".device-tile").queryAll().size() == 8);
        shoot("dashboard-filtered");
        robot.eraseText(6);

        WaitForAsyncUtils.asyncFx(() -> window.mainViewModel().openHistory("plug-01")).get();
        robot.clickOn("#range-" + RangePreset.DAY.name().toLowerCase());
        ChartViewer viewer = robot.lookup("#history-chart").queryAs(ChartViewer.class);
        waitUntil(() -> viewer.getChart().getXYPlot().getDataset().getItemCount(0) > 1000);
        Thread.sleep(300);
        shoot("history");

        WaitForAsyncUtils.asyncFx(() -> window.mainViewModel().screenProperty().set(Screen.DEVICES)).get();
        shoot("devices");

        WaitForAsyncUtils.asyncFx(() -> window.mainViewModel().screenProperty().set(Screen.QUARANTINE)).get();
        TableView<?> table = robot.lookup("#quarantine-table").queryAs(TableView.class);
        waitUntil(() -> table.getItems().size() == 3);
        Thread.sleep(500);
        WaitForAsyncUtils.asyncFx(() -> table.getSelectionModel().select(1)).get();
        shoot("quarantine");
    }

    @Test
    void historyOfADayComparedWithTheDayBefore(FxRobot robot) throws Exception {
        assumeTrue(DIR != null, "set -Dedgedeck.screenshots=DIR to render screenshots");
        var vm = window.historyViewModel();
        WaitForAsyncUtils.asyncFx(() -> {
            window.mainViewModel().screenProperty().set(Screen.HISTORY);
            vm.showDevice("sim-plug-01");
            vm.presetProperty().set(io.edgedeck.views.history.RangePreset.DAY);
            vm.compareProperty().set(true);
        }).get();
        @SuppressWarnings("unchecked")
        var overlay = (org.controlsfx.control.CheckComboBox<String>) robot.lookup("#history-overlay")
                .queryAs(org.controlsfx.control.CheckComboBox.class);
        WaitForAsyncUtils.asyncFx(() -> overlay.getCheckModel().check("sim-plug-02")).get();
        waitUntil(() -> vm.resultProperty().get() != null && !vm.resultProperty().get().previous().isEmpty()
                && vm.resultProperty().get().overlays().size() == 1
                && vm.resultProperty().get().query().deviceId().equals("sim-plug-01") && !vm.loadingProperty().get());
        var chart = hoverChart(robot);
        shoot("history-compare");
        assertThat(vm.resolutionTextProperty().get()).isEqualTo("1-minute rollups");
    }

    @Test
    void historyWithAPlugsFieldsStacked(FxRobot robot) throws Exception {
        assumeTrue(DIR != null, "set -Dedgedeck.screenshots=DIR to render screenshots");
        var vm = window.historyViewModel();
        WaitForAsyncUtils.asyncFx(() -> {
            window.mainViewModel().screenProperty().set(Screen.HISTORY);
            vm.showDevice("sim-plug-01");
            vm.presetProperty().set(io.edgedeck.views.history.RangePreset.DAY);
            vm.stackedProperty().set(true);
        }).get();
        waitUntil(() -> vm.resultProperty().get() != null && vm.resultProperty().get().fields().size() == 3
                && vm.resultProperty().get().query().deviceId().equals("sim-plug-01") && !vm.loadingProperty().get());
        var chart = hoverChart(robot);
        shoot("history-stacked");
        assertThat(chart.getChart().getPlot()).isInstanceOf(org.jfree.chart.plot.CombinedDomainXYPlot.class);
    }

    /** The mouse over the history chart (62 % across, mid-height), once its crosshair shows a value. */
    private static org.jfree.chart.fx.ChartViewer hoverChart(FxRobot robot) throws Exception {
        var chart = robot.lookup("#history-chart").queryAs(org.jfree.chart.fx.ChartViewer.class);
        var b = chart.localToScreen(chart.getBoundsInLocal());
        robot.moveTo(new javafx.geometry.Point2D(b.getMinX() + b.getWidth() * 0.62, b.getMinY() + b.getHeight() * 0.5));
        waitUntil(() -> !robot.lookup("#history-crosshair").queryAs(javafx.scene.control.Label.class).getText().isEmpty());
        return chart;
    }
}
