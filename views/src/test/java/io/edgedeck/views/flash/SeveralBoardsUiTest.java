package io.edgedeck.views.flash;

import io.edgedeck.db.LocalStore;
import io.edgedeck.link.esp32.flash.LinkOpener;
import io.edgedeck.link.esp32.ops.BoardAccess;
import io.edgedeck.link.esp32.sim.SimBoard;
import io.edgedeck.link.esp32.testing.TestFirmware;
import io.edgedeck.link.serial.PortInfo;
import io.edgedeck.views.ConsoleInfo;
import io.edgedeck.views.MainWindow;
import io.edgedeck.views.TestLiveFeed;
import io.edgedeck.views.common.PngSnapshot;
import io.edgedeck.views.testing.Fx;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Flash tab flashing two simulated boards at once through the controls: tick "Several boards", tick all, Flash;
 * each board's row ends with its own verdict. With {@code -Dedgedeck.screenshots=DIR} it also saves a PNG of the
 * screen while the slower board is still writing.
 */
@ExtendWith(ApplicationExtension.class)
class SeveralBoardsUiTest {
    static final String DIR = System.getProperty("edgedeck.screenshots");
    @TempDir
    Path dir;
    LocalStore store;
    ExecutorService background;
    SimBoard fast;
    SimBoard slow;
    MainWindow window;
    Scene scene;

    @Start
    void start(Stage stage) {
        store = LocalStore.inMemory();
        background = Executors.newFixedThreadPool(2);
        fast = new SimBoard();
        slow = new SimBoard(c -> c, r -> r.flashDataDelay(DIR == null ? 2 : 12));
        var ports = List.of(new PortInfo("ttyUSB0", "/dev/ttyUSB0", 0x10C4, 0xEA60, "CP2102"),
                new PortInfo("ttyUSB1", "/dev/ttyUSB1", 0x1A86, 0x55D4, "USB Single Serial"));
        Map<String, SimBoard> byPort = Map.of("/dev/ttyUSB0", fast, "/dev/ttyUSB1", slow);
        LinkOpener opener = (port, baud) -> byPort.get(port).access.opener().open(port, baud);
        window = new MainWindow(store, new TestLiveFeed(store), new ConsoleInfo("test broker", false, store.location()),
                background, new FlashBackend(new BoardAccess(opener, 2), () -> ports, FlashViewModel.dedicatedThread()));
        scene = new Scene(window.root(), 1366, 768);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(window::close).get();
        background.shutdownNow();
        background.awaitTermination(5, TimeUnit.SECONDS);
        fast.close();
        slow.close();
        store.close();
    }

    @Test
    void twoTickedBoardsAreFlashedAtOnceEachWithItsVerdict(FxRobot robot) throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT5).release(KeyCode.DIGIT5, KeyCode.CONTROL);
        FlashView view = robot.lookup("#flash-view").queryAs(FlashView.class);
        FlashViewModel vm = view.viewModel();
        Fx.waitUntil(20, () -> vm.boards().size() == 2);
        byte[] image = TestFirmware.app(DIR == null ? 120_000 : 600_000);
        Path file = dir.resolve("edgedeck_probe.bin");
        Files.write(file, image);
        WaitForAsyncUtils.asyncFx(() -> vm.load(file)).get();

        robot.clickOn("#flash-several");
        @SuppressWarnings("unchecked")
        ComboBox<PortChoice> port = robot.lookup("#flash-port").queryAs(ComboBox.class);
        assertThat(port.isDisabled()).isTrue();
        Label gate = robot.lookup("#flash-gate").queryAs(Label.class);
        Fx.waitUntil(20, () -> gate.getText().equals("Tick the boards to flash."));
        robot.clickOn("#flash-tick-all");
        assertThat(robot.lookup("#flash-board-dev-ttyUSB1").queryAs(CheckBox.class).isSelected()).isTrue();
        Button flash = robot.lookup("#flash-start").queryAs(Button.class);
        Fx.waitUntil(20, () -> !flash.isDisabled());
        WaitForAsyncUtils.asyncFx(() -> vm.compressProperty().set(DIR == null)).get();

        robot.clickOn("#flash-start");
        if (DIR != null) {
            Fx.waitUntil(60, () -> vm.boards().get(0).stateProperty().get() == FlashState.VERIFIED
                    && vm.boards().get(1).progressProperty().get() > 0.3);
            WaitForAsyncUtils.waitForFxEvents();
            var png = WaitForAsyncUtils.asyncFx(() -> PngSnapshot.take(scene)).get();
            PngSnapshot.write(png, Path.of(DIR, "edgedeck-flash-several.png"));
        }
        Label first = robot.lookup("#flash-board-verdict-dev-ttyUSB0").queryAs(Label.class);
        Label second = robot.lookup("#flash-board-verdict-dev-ttyUSB1").queryAs(Label.class);
        Fx.waitUntil(60, () -> !vm.stateProperty().get().busy());
        String md5 = TestFirmware.md5Hex(image, 0, image.length);
        assertThat(first.getText()).isEqualTo("Verified — MD5 " + md5);
        assertThat(second.getText()).isEqualTo("Verified — MD5 " + md5);
        assertThat(TestFirmware.md5Hex(slow.rom.flash(), 0x10000, image.length)).isEqualTo(md5);
        assertThat(robot.lookup("#flash-result").queryAs(Label.class).getText()).isEqualTo("2 of 2 boards verified.");
    }
}
