package io.edgedeck.views.flash;

import io.edgedeck.link.esp32.testing.TestFirmware;
import io.edgedeck.db.LocalStore;
import io.edgedeck.link.esp32.sim.SimBoard;
import io.edgedeck.link.serial.PortInfo;
import io.edgedeck.views.ConsoleInfo;
import io.edgedeck.views.MainWindow;
import io.edgedeck.views.TestLiveFeed;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import io.edgedeck.views.common.PngSnapshot;
import io.edgedeck.views.testing.Fx;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Renders the Flash tab at 1366×768 into PNGs, to look at. Runs only with {@code -Dedgedeck.screenshots=DIR}. */
@ExtendWith(ApplicationExtension.class)
class FlashScreenshotTest {
    static final String DIR = System.getProperty("edgedeck.screenshots");
    @TempDir
    Path tmp;
    LocalStore store;
    ExecutorService background;
    SimBoard board;
    MainWindow window;
    Scene scene;

    @Start
    void start(Stage stage) {
        if (DIR == null) {
            return;
        }
        store = LocalStore.inMemory();
        background = Executors.newFixedThreadPool(2);
        board = new SimBoard();
        var ports = List.of(new PortInfo("ttyUSB0", "/dev/ttyUSB0", 0x10C4, 0xEA60, "CP2102"),
                new PortInfo("ttyACM0", "/dev/ttyACM0", 0x303A, 0x1001, "USB JTAG/serial debug unit"));
        window = new MainWindow(store, new TestLiveFeed(store), new ConsoleInfo("built-in broker localhost:1883", false,
                store.location()), background, new FlashBackend(board.access, () -> ports, FlashViewModel.dedicatedThread()));
        scene = new Scene(window.root(), 1366, 768);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        if (window != null) {
            WaitForAsyncUtils.asyncFx(window::close).get();
            background.shutdownNow();
            background.awaitTermination(5, TimeUnit.SECONDS);
            board.close();
            store.close();
        }
    }

    static void waitUntil(BooleanSupplier c) throws Exception {
        Fx.waitUntil(20, c);
    }

    void shoot(String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        var image = WaitForAsyncUtils.asyncFx(() -> PngSnapshot.take(scene)).get();
        Path file = Path.of(DIR, "edgedeck-" + name + ".png");
        PngSnapshot.write(image, file);
        assertThat(image.getWidth()).isEqualTo(1366);
    }

    @Test
    void renderTheFlashScreen(FxRobot robot) throws Exception {
        assumeTrue(DIR != null, "set -Dedgedeck.screenshots=DIR to render screenshots");
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT5).release(KeyCode.DIGIT5, KeyCode.CONTROL);
        FlashView view = robot.lookup("#flash-view").queryAs(FlashView.class);
        FlashViewModel vm = view.viewModel();
        waitUntil(() -> vm.ports().size() == 2);
        shoot("flash-empty");

        Path fixtures = Path.of("").toAbsolutePath().getParent().resolveSibling("shared/fixtures/esp32");
        Path app = tmp.resolve("edgedeck_probe.bin");
        Files.write(app, TestFirmware.app(300_000));
        WaitForAsyncUtils.asyncFx(() -> {
            vm.presetProperty().set(LayoutPreset.FULL);
            vm.load(ImageSlot.Role.BOOTLOADER, fixtures.resolve("bootloader_idf5.2.2.bin"));
            vm.load(ImageSlot.Role.PARTITION_TABLE, fixtures.resolve("partition-table_singleapp_3k.bin"));
            vm.load(ImageSlot.Role.APP, app);
        }).get();
        waitUntil(() -> vm.canFlashProperty().get());
        WaitForAsyncUtils.asyncFx(vm::flash).get();
        waitUntil(() -> vm.stateProperty().get() == FlashState.VERIFIED);
        shoot("flash-full-verified");

        byte[] damaged = TestFirmware.app(2000);
        damaged[100] ^= 0x40;
        Path bad = tmp.resolve("damaged.bin");
        Files.write(bad, damaged);
        WaitForAsyncUtils.asyncFx(() -> {
            vm.presetProperty().set(LayoutPreset.APP_ONLY);
            vm.load(bad);
        }).get();
        waitUntil(() -> vm.slot(ImageSlot.Role.APP).status() == ImageSlot.Status.REFUSED);
        shoot("flash-refused");
    }
}
