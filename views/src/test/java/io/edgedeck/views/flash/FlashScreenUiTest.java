package io.edgedeck.views.flash;

import io.edgedeck.link.esp32.testing.TestFirmware;
import io.edgedeck.db.LocalStore;
import io.edgedeck.link.esp32.sim.SimBoard;
import io.edgedeck.link.serial.PortInfo;
import io.edgedeck.views.ConsoleInfo;
import io.edgedeck.views.MainWindow;
import io.edgedeck.views.TestLiveFeed;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import io.edgedeck.views.testing.Fx;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The Flash tab in the whole window, flashing a simulated board. */
@ExtendWith(ApplicationExtension.class)
class FlashScreenUiTest {
    @TempDir
    Path dir;
    LocalStore store;
    ExecutorService background;
    SimBoard board;
    MainWindow window;

    @Start
    void start(Stage stage) {
        store = LocalStore.inMemory();
        background = Executors.newFixedThreadPool(2);
        board = new SimBoard();
        var ports = List.of(new PortInfo("ttyUSB0", "/dev/ttyUSB0", 0x10C4, 0xEA60, "CP2102"));
        window = new MainWindow(store, new TestLiveFeed(store), new ConsoleInfo("test broker", false, store.location()),
                background, new FlashBackend(board.access, () -> ports, FlashViewModel.dedicatedThread()));
        stage.setScene(new Scene(window.root(), 1366, 768));
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(window::close).get();
        background.shutdownNow();
        background.awaitTermination(5, TimeUnit.SECONDS);
        board.close();
        store.close();
    }

    static void waitUntil(BooleanSupplier condition) throws Exception {
        Fx.waitUntil(20, condition);
    }

    @Test
    void ctrl5OpensFlashAndAnImageIsFlashedAndVerified(FxRobot robot) throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT5).release(KeyCode.DIGIT5, KeyCode.CONTROL);
        TabPane tabs = robot.lookup("#main-tabs").queryAs(TabPane.class);
        waitUntil(() -> tabs.getSelectionModel().getSelectedItem().getId().equals("tab-flash"));

        @SuppressWarnings("unchecked")
        ComboBox<PortChoice> port = robot.lookup("#flash-port").queryAs(ComboBox.class);
        waitUntil(() -> port.getItems().size() == 1);
        assertThat(port.getItems().getFirst().label()).isEqualTo("CP210x — /dev/ttyUSB0 (10C4:EA60)");
        assertThat(port.getEditor().getText()).isEqualTo("CP210x — /dev/ttyUSB0 (10C4:EA60)");
        Button flash = robot.lookup("#flash-start").queryAs(Button.class);
        assertThat(flash.isDisabled()).isTrue();
        assertThat(robot.lookup("#flash-gate").queryAs(Label.class).getText()).isEqualTo("Open the app file (.bin).");

        byte[] image = TestFirmware.app(150_000);
        Path file = dir.resolve("probe.bin");
        Files.write(file, image);
        FlashView view = robot.lookup("#flash-view").queryAs(FlashView.class);
        WaitForAsyncUtils.asyncFx(() -> view.viewModel().load(file)).get();

        Label summary = robot.lookup("#flash-summary-app").queryAs(Label.class);
        waitUntil(() -> !flash.isDisabled());
        assertThat(summary.getText()).startsWith("edgedeck_probe v1.2.3 · IDF v5.2.2 · ESP32 · ")
                .contains("checksum valid").contains("SHA-256 valid");
        assertThat(robot.lookup("#flash-gate").queryAs(Label.class).getText()).isEqualTo("Ready to flash");

        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        Label result = robot.lookup("#flash-result").queryAs(Label.class);
        waitUntil(() -> result.getText().startsWith("Verified"));
        String md5 = TestFirmware.md5Hex(board.rom.flash(), 0x10000, image.length);
        assertThat(result.getText()).isEqualTo("Verified — MD5 " + md5);
        assertThat(robot.lookup("#flash-log").queryAs(TextArea.class).getText())
                .contains("Writing region 1/1 at 0x10000").contains("(verified by the board)");
        assertThat(robot.lookup("#flash-phase").queryAs(Label.class).getText()).isEqualTo("Done");
    }
}
