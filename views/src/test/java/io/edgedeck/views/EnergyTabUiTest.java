package io.edgedeck.views;

import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.IngestBatch;
import io.edgedeck.db.LocalStore;
import io.edgedeck.db.Metric;
import io.edgedeck.db.Reading;
import io.edgedeck.views.energy.EnergyRow;
import io.edgedeck.views.testing.Fx;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.data.category.CategoryDataset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The Energy tab over a real H2 file whose rollups the real writer maintained. */
@ExtendWith(ApplicationExtension.class)
class EnergyTabUiTest {
    LocalStore store;
    ExecutorService background;
    MainWindow window;
    Path dir;

    @Start
    void start(Stage stage) throws Exception {
        dir = Files.createTempDirectory("energy-ui");
        store = LocalStore.open(dir.resolve("fleet"));
        long now = System.currentTimeMillis();
        var rs = new ArrayList<Reading>();
        for (long ts = now - 3 * 3_600_000L; ts <= now; ts += 10_000) {
            rs.add(new Reading("kettle-plug", DeviceKind.PLUG, ts, Map.of(Metric.POWER, 2000.0)));
            rs.add(new Reading("tv-plug", DeviceKind.PLUG, ts, Map.of(Metric.POWER, 100.0)));
        }
        store.writer().commit(IngestBatch.of(rs));
        background = Executors.newFixedThreadPool(2);
        window = new MainWindow(store, new TestLiveFeed(store), new ConsoleInfo("test broker", true, store.location()),
                background);
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

    @Test
    void theEnergyTabShowsEachPlugsKwhCostAndDailyBars(FxRobot robot) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> window.mainViewModel().screenProperty().set(Screen.ENERGY)).get();

        @SuppressWarnings("unchecked")
        TableView<EnergyRow> table = robot.lookup("#energy-table").queryAs(TableView.class);
        Fx.waitUntil(10, () -> table.getItems().size() == 3);
        assertThat(table.getItems()).extracting(EnergyRow::device).containsExactly("kettle-plug", "tv-plug", "All plugs");
        assertThat(table.getItems().getFirst().source()).isEqualTo("integrated power");
        assertThat(table.getItems().getFirst().monthCost()).endsWith(" €");
        // what the cells show, not only the rows behind them
        assertThat((String) table.getColumns().getFirst().getCellData(0)).isEqualTo("kettle-plug");
        assertThat((String) table.getColumns().get(3).getCellData(0)).endsWith(" €");

        ChartViewer chart = robot.lookup("#energy-chart").queryAs(ChartViewer.class);
        CategoryDataset bars = chart.getChart().getCategoryPlot().getDataset();
        Fx.waitUntil(10, () -> bars.getColumnCount() == 30);
        double sum = 0;
        for (int row = 0; row < bars.getRowCount(); row++) {
            for (int col = 0; col < bars.getColumnCount(); col++) {
                Number v = bars.getValue(row, col);
                sum += v == null ? 0 : v.doubleValue();
            }
        }
        assertThat(sum).as("3 hours of 2.1 kW").isCloseTo(6.3, within(0.01));
    }
}
