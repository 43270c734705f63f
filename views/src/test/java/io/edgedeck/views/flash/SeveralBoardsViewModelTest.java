package io.edgedeck.views.flash;

import io.edgedeck.link.esp32.flash.LinkOpener;
import io.edgedeck.link.esp32.ops.BoardAccess;
import io.edgedeck.link.esp32.sim.SimBoard;
import io.edgedeck.link.esp32.sim.SimulatedRom;
import io.edgedeck.link.esp32.testing.TestFirmware;
import io.edgedeck.link.serial.PortInfo;
import io.edgedeck.views.common.Tasks;
import io.edgedeck.views.flash.ImageSlot.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** Several boards flashed in parallel from the Flash screen's view-model: one simulated ESP32 per port, no window. */
class SeveralBoardsViewModelTest {
    static final PortInfo USB0 = new PortInfo("ttyUSB0", "/dev/ttyUSB0", 0x10C4, 0xEA60, "CP2102");
    static final PortInfo USB1 = new PortInfo("ttyUSB1", "/dev/ttyUSB1", 0x1A86, 0x7523, "USB Serial");
    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    final FxQueue fx = new FxQueue();
    final ExecutorService flashThread = Executors.newSingleThreadExecutor();
    final AtomicReference<List<PortInfo>> plugged = new AtomicReference<>(List.of(USB0, USB1));
    SimBoard one;
    SimBoard two;

    @AfterEach
    void close() throws Exception {
        flashThread.shutdownNow();
        flashThread.awaitTermination(5, TimeUnit.SECONDS);
        for (SimBoard b : new SimBoard[]{one, two}) {
            if (b != null) {
                b.close();
            }
        }
    }

    /** Two simulated boards, reached by port path. */
    FlashViewModel vm(UnaryOperator<SimulatedRom> first, UnaryOperator<SimulatedRom> second) {
        one = new SimBoard(c -> c, first);
        two = new SimBoard(c -> c, second);
        Map<String, SimBoard> byPort = Map.of(USB0.path(), one, USB1.path(), two);
        LinkOpener opener = (port, baud) -> byPort.get(port).access.opener().open(port, baud);
        return new FlashViewModel(new BoardAccess(opener, 2), plugged::get, new Tasks(Runnable::run, fx), flashThread,
                Clock.fixed(Instant.parse("2026-01-02T10:11:12.345Z"), ZoneOffset.UTC));
    }

    FlashViewModel ready(FlashViewModel vm, byte[] image) throws Exception {
        vm.refreshPorts();
        fx.drain();
        Path f = dir.resolve("app.bin");
        Files.write(f, image);
        vm.load(Role.APP, f);
        fx.runUntil(() -> vm.slot(Role.APP).status() != ImageSlot.Status.CHECKING, WAIT);
        vm.severalBoardsProperty().set(true);
        return vm;
    }

    BoardRow row(FlashViewModel vm, String path) {
        return vm.boards().stream().filter(b -> b.path().equals(path)).findFirst().orElseThrow();
    }

    @Test
    void aRowPerListedPortAndTicksSurviveARefresh() throws Exception {
        FlashViewModel vm = ready(vm(r -> r, r -> r), TestFirmware.app(1_000));
        assertThat(vm.boards()).extracting(BoardRow::path).containsExactly("/dev/ttyUSB0", "/dev/ttyUSB1");
        assertThat(vm.canFlashProperty().get()).isFalse();
        assertThat(vm.gateMessageProperty().get()).isEqualTo("Tick the boards to flash.");

        row(vm, "/dev/ttyUSB1").selectedProperty().set(true);
        assertThat(vm.canFlashProperty().get()).as(vm.gateMessageProperty().get()).isTrue();
        BoardRow before = row(vm, "/dev/ttyUSB1");

        plugged.set(List.of(USB1)); // ttyUSB0 unplugged
        vm.refreshPorts();
        fx.drain();
        assertThat(vm.boards()).containsExactly(before);
        assertThat(vm.selectedBoards()).containsExactly("/dev/ttyUSB1");
        vm.severalBoardsProperty().set(false);
        assertThat(vm.gateMessageProperty().get()).isEqualTo(FlashViewModel.READY); // back to the one port
    }

    @Test
    void twoBoardsAreFlashedInParallelEachWithItsOwnProgressAndVerdict() throws Exception {
        byte[] image = TestFirmware.app(150_000);
        FlashViewModel vm = ready(vm(r -> r.flashDataDelay(3), r -> r.flashDataDelay(3)), image);
        vm.boards().forEach(b -> b.selectedProperty().set(true));
        vm.compressProperty().set(false);

        vm.flash();
        assertThat(vm.stateProperty().get()).isEqualTo(FlashState.FLASHING);
        assertThat(vm.boards()).allMatch(b -> b.stateProperty().get() == FlashState.FLASHING);
        fx.runUntil(() -> vm.boards().stream().allMatch(b -> b.phaseTextProperty().get().startsWith("Writing")), WAIT);
        assertThat(vm.boards()).allSatisfy(b -> assertThat(b.progressTextProperty().get())
                .contains(" / ").contains("kbit/s").contains("ETA"));
        assertThat(vm.progressTextProperty().get()).endsWith("of 2 boards done");
        fx.runUntil(() -> !vm.stateProperty().get().busy(), WAIT);

        assertThat(vm.stateProperty().get()).as(vm.resultTextProperty().get()).isEqualTo(FlashState.VERIFIED);
        String md5 = TestFirmware.md5Hex(image, 0, image.length);
        for (SimBoard b : List.of(one, two)) {
            assertThat(TestFirmware.md5Hex(b.rom.flash(), 0x10000, image.length)).isEqualTo(md5);
        }
        assertThat(vm.boards()).allSatisfy(b -> {
            assertThat(b.stateProperty().get()).isEqualTo(FlashState.VERIFIED);
            assertThat(b.verdictTextProperty().get()).isEqualTo("Verified — MD5 " + md5);
            assertThat(b.progressProperty().get()).isEqualTo(1.0);
        });
        assertThat(vm.resultTextProperty().get()).isEqualTo("2 of 2 boards verified.");
        assertThat(vm.log()).anyMatch(l -> l.contains("/dev/ttyUSB0: Verified"))
                .anyMatch(l -> l.contains("/dev/ttyUSB1: Verified"));
    }

    @Test
    void aSilentBoardFailsAloneAndCancelStopsAll() throws Exception {
        FlashViewModel vm = ready(vm(r -> r, SimulatedRom::silent), TestFirmware.app(20_000));
        vm.boards().forEach(b -> b.selectedProperty().set(true));
        vm.flash();
        fx.runUntil(() -> !vm.stateProperty().get().busy(), WAIT);
        assertThat(vm.stateProperty().get()).isEqualTo(FlashState.FAILED);
        assertThat(row(vm, "/dev/ttyUSB0").stateProperty().get()).isEqualTo(FlashState.VERIFIED);
        assertThat(row(vm, "/dev/ttyUSB1").stateProperty().get()).isEqualTo(FlashState.FAILED);
        assertThat(row(vm, "/dev/ttyUSB1").verdictTextProperty().get()).contains("did not answer").endsWith("[NO_ANSWER]");
        assertThat(vm.resultTextProperty().get()).isEqualTo("1 of 2 boards verified; /dev/ttyUSB1: failed.");
        one.close();
        two.close();

        FlashViewModel slow = ready(vm(r -> r.flashDataDelay(30), r -> r.flashDataDelay(30)), TestFirmware.app(300_000));
        slow.boards().forEach(b -> b.selectedProperty().set(true));
        slow.compressProperty().set(false);
        slow.flash();
        fx.runUntil(() -> slow.boards().stream().allMatch(b -> b.phaseTextProperty().get().startsWith("Writing")), WAIT);
        slow.cancel();
        assertThat(slow.boards()).allMatch(b -> b.stateProperty().get() == FlashState.CANCELLING);
        fx.runUntil(() -> !slow.stateProperty().get().busy(), WAIT);
        assertThat(slow.stateProperty().get()).isEqualTo(FlashState.CANCELLED);
        assertThat(slow.boards()).allSatisfy(b -> {
            assertThat(b.stateProperty().get()).isEqualTo(FlashState.CANCELLED);
            assertThat(b.verdictTextProperty().get()).startsWith("Cancelled");
        });
    }
}
