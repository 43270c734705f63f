package io.edgedeck.views.flash;

import io.edgedeck.link.esp32.testing.TestFirmware;
import io.edgedeck.link.esp32.flash.Phase;
import io.edgedeck.link.esp32.flash.Progress;
import io.edgedeck.link.esp32.ops.BoardAccess;
import io.edgedeck.link.esp32.sim.SimBoard;
import io.edgedeck.link.esp32.sim.SimulatedRom;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The Flash screen's view-model without a window: real images, the real validation gate, a simulated board. */
class FlashViewModelTest {
    static final PortInfo CP2102 = new PortInfo("ttyUSB0", "/dev/ttyUSB0", 0x10C4, 0xEA60, "CP2102 USB to UART Bridge Controller");
    static final PortInfo CH340 = new PortInfo("ttyUSB1", "/dev/ttyUSB1", 0x1A86, 0x7523, "USB Serial");
    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    final FxQueue fx = new FxQueue();
    final ExecutorService flashThread = Executors.newSingleThreadExecutor();
    final AtomicReference<List<PortInfo>> plugged = new AtomicReference<>(List.of(CP2102));
    SimBoard board;

    @AfterEach
    void close() throws Exception {
        flashThread.shutdownNow();
        flashThread.awaitTermination(5, TimeUnit.SECONDS);
        if (board != null) {
            board.close();
        }
    }

    FlashViewModel vm(BoardAccess boards) {
        return new FlashViewModel(boards, plugged::get, new Tasks(Runnable::run, fx), flashThread,
                Clock.fixed(Instant.parse("2026-01-02T10:11:12.345Z"), ZoneOffset.UTC));
    }

    Path file(String name, byte[] bytes) throws Exception {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return f;
    }

    void loadAndSettle(FlashViewModel vm, Role role, Path f) throws Exception {
        vm.load(role, f);
        fx.runUntil(() -> vm.slot(role).status() != ImageSlot.Status.CHECKING, WAIT);
    }

    @Test
    void portsAreListedWithFriendlyNamesAndAnyPathCanBeTyped() throws Exception {
        FlashViewModel vm = vm(BoardAccess.system());
        vm.refreshPorts();
        fx.drain();
        assertThat(vm.ports()).extracting(PortChoice::label).containsExactly("CP210x — /dev/ttyUSB0 (10C4:EA60)");
        assertThat(vm.port()).isEqualTo("/dev/ttyUSB0"); // the first port is picked when none was chosen

        plugged.set(List.of(CP2102, CH340)); // plugged in while the screen is open
        vm.refreshPorts();
        fx.drain();
        assertThat(vm.ports()).extracting(PortChoice::label).containsExactly(
                "CP210x — /dev/ttyUSB0 (10C4:EA60)", "CH340 — /dev/ttyUSB1 (1A86:7523)");
        assertThat(vm.port()).isEqualTo("/dev/ttyUSB0");
        assertThat(vm.log()).anyMatch(l -> l.endsWith("Port appeared: CH340 — /dev/ttyUSB1 (1A86:7523)"));

        vm.portTextProperty().set(" /dev/pts/7 ");
        assertThat(vm.port()).isEqualTo("/dev/pts/7");
        plugged.set(List.of());
        vm.refreshPorts();
        fx.drain();
        assertThat(vm.ports()).isEmpty();
        assertThat(vm.port()).as("a typed path survives a refresh").isEqualTo("/dev/pts/7");
        assertThat(vm.log()).anyMatch(l -> l.equals("10:11:12.345  Port gone: CP210x — /dev/ttyUSB0 (10C4:EA60)"));
    }

    @Test
    void flashIsDisabledWithTheReasonUntilPortAndAValidImage() throws Exception {
        plugged.set(List.of());
        FlashViewModel vm = vm(BoardAccess.system());
        vm.refreshPorts();
        fx.drain();
        assertThat(vm.canFlashProperty().get()).isFalse();
        assertThat(vm.gateMessageProperty().get()).startsWith("No serial port found");

        vm.portTextProperty().set("/dev/ttyUSB0");
        assertThat(vm.gateMessageProperty().get()).isEqualTo("Open the app file (.bin).");
        assertThat(vm.gateIsProblemProperty().get()).as("a step to take is not shown as an error").isFalse();

        byte[] damaged = TestFirmware.app(2000);
        damaged[100] ^= 0x40; // inside the DROM segment: the checksum and the SHA-256 no longer match
        loadAndSettle(vm, Role.APP, file("damaged.bin", damaged));
        ImageSlot app = vm.slot(Role.APP);
        assertThat(app.status()).isEqualTo(ImageSlot.Status.REFUSED);
        assertThat(vm.canFlashProperty().get()).isFalse();
        assertThat(vm.gateMessageProperty().get()).startsWith("damaged.bin is refused: ").containsIgnoringCase("checksum");
        assertThat(vm.gateIsProblemProperty().get()).isTrue();
        assertThat(app.problems()).anyMatch(p -> p.error() && p.message().toLowerCase().contains("sha-256"));
        assertThat(app.summaryProperty().get()).contains("checksum INVALID").contains("SHA-256 INVALID");

        loadAndSettle(vm, Role.APP, file("good.bin", TestFirmware.app(2000)));
        assertThat(app.status()).isEqualTo(ImageSlot.Status.READY);
        assertThat(app.summaryProperty().get()).startsWith("edgedeck_probe v1.2.3 · IDF v5.2.2 · ESP32 · ")
                .endsWith("checksum valid · SHA-256 valid");
        assertThat(vm.canFlashProperty().get()).isTrue();
        assertThat(vm.gateMessageProperty().get()).isEqualTo(FlashViewModel.READY);

        loadAndSettle(vm, Role.APP, dir.resolve("missing.bin"));
        assertThat(vm.canFlashProperty().get()).isFalse();
        assertThat(vm.gateMessageProperty().get()).isEqualTo("missing.bin is refused: Could not read missing.bin: there is no such file.");
    }

    @Test
    void eachPresetHasItsSlotsAtTheirOffsetsAndOffsetsAreEditable() throws Exception {
        FlashViewModel vm = vm(BoardAccess.system());
        assertThat(vm.slots()).extracting(s -> s.role() + "@" + s.offset()).containsExactly("APP@65536");
        vm.presetProperty().set(LayoutPreset.FULL);
        assertThat(vm.slots()).extracting(s -> s.role() + "@" + s.offsetTextProperty().get())
                .containsExactly("BOOTLOADER@0x1000", "PARTITION_TABLE@0x8000", "APP@0x10000");
        vm.presetProperty().set(LayoutPreset.MERGED);
        assertThat(vm.slots()).extracting(s -> s.role() + "@" + s.offsetTextProperty().get()).containsExactly("MERGED@0x0");

        vm.presetProperty().set(LayoutPreset.APP_ONLY);
        vm.portTextProperty().set("/dev/ttyUSB0");
        loadAndSettle(vm, Role.APP, file("app.bin", TestFirmware.app(500)));
        assertThat(vm.canFlashProperty().get()).isTrue();

        vm.slot(Role.APP).offsetTextProperty().set("0x10800");
        fx.drain();
        assertThat(vm.canFlashProperty().get()).isFalse();
        assertThat(vm.gateMessageProperty().get()).contains("0x10800 is not a multiple of 4 KiB");

        vm.slot(Role.APP).offsetTextProperty().set("ten");
        fx.drain();
        assertThat(vm.gateMessageProperty().get()).contains("The offset \"ten\" is not a number");

        vm.slot(Role.APP).offsetTextProperty().set("131072"); // decimal 0x20000
        fx.drain();
        assertThat(vm.slot(Role.APP).offset()).isEqualTo(0x20000);
        assertThat(vm.canFlashProperty().get()).isTrue();
    }

    @Test
    void progressBecomesBytesSpeedAndEta() {
        assertThat(FlashTexts.bytes(524_288, 1_048_576)).isEqualTo("524,288 / 1,048,576 bytes (50 %)");
        assertThat(FlashTexts.rate(154_250)).isEqualTo("1,234 kbit/s");
        assertThat(FlashTexts.rate(Double.NaN)).isEqualTo("– kbit/s");
        assertThat(FlashTexts.eta(700_000, 100_000)).isEqualTo("ETA 0:07");
        assertThat(FlashTexts.eta(72_500_000, 100_000)).isEqualTo("ETA 12:05");
        assertThat(FlashTexts.eta(372_300_000L, 100_000)).isEqualTo("ETA 1:02:03");
        assertThat(FlashTexts.eta(1, 0)).isEqualTo("ETA –");
        assertThat(FlashTexts.eta(0, 0)).isEqualTo("ETA 0:00");
        Progress writing = new Progress(Phase.WRITING, 1, 3, 4096, 8192, 30_000, 120_000);
        assertThat(FlashTexts.progressLine(writing, 15_000))
                .isEqualTo("30,000 / 120,000 bytes (25 %) · 120 kbit/s · ETA 0:06");
        assertThat(FlashTexts.phase(writing, "/dev/ttyUSB0", List.of(0x1000, 0x8000, 0x10000)))
                .isEqualTo("Writing region 2/3 at 0x8000");
        assertThat(FlashTexts.phase(Progress.phase(Phase.CONNECTING), "/dev/ttyUSB0", List.of()))
                .isEqualTo("Connecting to /dev/ttyUSB0…");
        assertThat(FlashTexts.parseOffset("0x8000")).isEqualTo(0x8000);
        assertThat(FlashTexts.parseOffset("0x")).isEqualTo(-1);
    }

    @Test
    void aBurstOfProgressReachesTheFxThreadOnceWithTheNewestValue() {
        var delivered = new ArrayList<Progress>();
        var changes = new ArrayList<Phase>();
        var c = new ProgressCoalescer(fx, System::nanoTime, (ch, latest) -> {
            ch.forEach(s -> changes.add(s.progress().phase()));
            delivered.add(latest.progress());
        });
        c.onProgress(Progress.phase(Phase.CONNECTING));
        for (int i = 1; i <= 10_000; i++) {
            c.onProgress(new Progress(Phase.WRITING, 0, 1, i, 10_000, i, 10_000));
        }
        assertThat(fx.pending()).as("one hand-over queued, not one per block").isEqualTo(1);
        fx.drain();
        assertThat(delivered).hasSize(1);
        assertThat(delivered.getFirst().done()).isEqualTo(10_000);
        assertThat(changes).containsExactly(Phase.CONNECTING, Phase.WRITING);
    }

    @Test
    void flashingThroughASimulatedBoardEndsVerifiedWithTheBoardsMd5() throws Exception {
        board = new SimBoard();
        FlashViewModel vm = vm(board.access);
        vm.refreshPorts();
        byte[] image = TestFirmware.app(200_000);
        loadAndSettle(vm, Role.APP, file("probe.bin", image));
        assertThat(vm.canFlashProperty().get()).as(vm.gateMessageProperty().get()).isTrue();

        vm.flash();
        assertThat(vm.stateProperty().get()).isEqualTo(FlashState.FLASHING);
        assertThat(vm.canFlashProperty().get()).isFalse();
        fx.runUntil(() -> !vm.stateProperty().get().busy(), WAIT);

        assertThat(vm.stateProperty().get()).as(vm.resultTextProperty().get()).isEqualTo(FlashState.VERIFIED);
        String onBoard = TestFirmware.md5Hex(board.rom.flash(), 0x10000, image.length);
        assertThat(onBoard).isEqualTo(TestFirmware.md5Hex(image, 0, image.length));
        assertThat(vm.resultTextProperty().get()).isEqualTo("Verified — MD5 " + onBoard);
        assertThat(vm.progressProperty().get()).isEqualTo(1.0);
        assertThat(vm.log()).anyMatch(l -> l.contains("Connecting to /dev/ttyUSB0"))
                .anyMatch(l -> l.contains("Writing region 1/1 at 0x10000"))
                .anyMatch(l -> l.contains("Verifying region 1/1"))
                .anyMatch(l -> l.contains("MD5 " + onBoard + " (verified by the board)"));
        assertThat(vm.canFlashProperty().get()).as("ready for the next board").isTrue();
    }

    @Test
    void cancellingIsACancelledStateNotAnError() throws Exception {
        board = new SimBoard(c -> c, r -> r.flashDataDelay(40));
        FlashViewModel vm = vm(board.access);
        vm.portTextProperty().set("/dev/ttyUSB0");
        loadAndSettle(vm, Role.APP, file("big.bin", TestFirmware.app(400_000)));
        vm.compressProperty().set(false); // many plain blocks: there is time to cancel between two

        vm.flash();
        fx.runUntil(() -> vm.phaseTextProperty().get().startsWith("Writing"), WAIT);
        assertThat(vm.progressTextProperty().get()).contains("kbit/s").contains("ETA");
        vm.cancel();
        assertThat(vm.stateProperty().get()).isEqualTo(FlashState.CANCELLING);
        fx.runUntil(() -> !vm.stateProperty().get().busy(), WAIT);

        assertThat(vm.stateProperty().get()).isEqualTo(FlashState.CANCELLED);
        assertThat(vm.resultTextProperty().get()).startsWith("Cancelled after ").doesNotContain("[");
        assertThat(vm.phaseTextProperty().get()).isEqualTo("Cancelled");
        assertThat(vm.log()).noneMatch(l -> l.contains("Failed"));
    }

    @Test
    void aSilentBoardShowsTheFlashersMessageAndCode() throws Exception {
        board = new SimBoard(c -> c, SimulatedRom::silent);
        FlashViewModel vm = vm(board.access);
        vm.portTextProperty().set("/dev/ttyUSB0");
        loadAndSettle(vm, Role.APP, file("app.bin", TestFirmware.app(1000)));

        vm.flash();
        fx.runUntil(() -> !vm.stateProperty().get().busy(), WAIT);

        assertThat(vm.stateProperty().get()).isEqualTo(FlashState.FAILED);
        assertThat(vm.resultTextProperty().get()).contains("did not answer").contains("hold BOOT while pressing EN")
                .endsWith("[NO_ANSWER]");
        assertThat(vm.log()).anyMatch(l -> l.contains("Failed: ") && l.contains("NO_ANSWER"));
        assertThat(vm.canFlashProperty().get()).as("the installer can try again").isTrue();
    }

    @Test
    void theFullLayoutChecksTheAppAgainstThePartitionTable() throws Exception {
        FlashViewModel vm = vm(BoardAccess.system());
        vm.portTextProperty().set("/dev/ttyUSB0");
        vm.presetProperty().set(LayoutPreset.FULL);
        loadAndSettle(vm, Role.APP, file("app.bin", TestFirmware.app(1000)));
        assertThat(vm.gateMessageProperty().get()).isEqualTo("Open the bootloader file (.bin).");
        Path fixtures = Path.of("").toAbsolutePath().getParent().resolveSibling("shared/fixtures/esp32");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(fixtures), "no ESP32 fixtures at " + fixtures);
        loadAndSettle(vm, Role.BOOTLOADER, fixtures.resolve("bootloader_idf5.2.2.bin"));
        loadAndSettle(vm, Role.PARTITION_TABLE, fixtures.resolve("partition-table_singleapp_3k.bin"));
        fx.runUntil(() -> vm.slot(Role.APP).status() != ImageSlot.Status.CHECKING, WAIT);
        assertThat(vm.slot(Role.BOOTLOADER).summaryProperty().get()).startsWith("Bootloader");
        assertThat(vm.slot(Role.PARTITION_TABLE).summaryProperty().get()).startsWith("Partition table · ");
        assertThat(vm.canFlashProperty().get()).as(vm.gateMessageProperty().get()).isTrue();

        vm.slot(Role.APP).offsetTextProperty().set("0x200000"); // no app partition there
        fx.runUntil(() -> vm.slot(Role.APP).status() != ImageSlot.Status.CHECKING, WAIT);
        assertThat(vm.canFlashProperty().get()).isFalse();
        assertThat(vm.gateMessageProperty().get()).startsWith("app.bin is refused: ");
    }

    @Test
    void aFlashRefusedByTheBoardsOwnPartitionTableShowsTheRefusalAndWritesNothing() throws Exception {
        board = new SimBoard();
        board.rom.preload(0x8000, TestFirmware.twoOtaTable()); // app slots at 0x10000 and 0x110000 only
        byte[] before = board.rom.flash().clone();
        FlashViewModel vm = vm(board.access);
        vm.portTextProperty().set("/dev/ttyUSB0");
        loadAndSettle(vm, Role.APP, file("app.bin", TestFirmware.app(1000)));
        vm.slot(Role.APP).offsetTextProperty().set("0x20000");
        fx.runUntil(() -> vm.slot(Role.APP).status() != ImageSlot.Status.CHECKING, WAIT);
        assertThat(vm.canFlashProperty().get()).as("without a table in the layout the file alone is fine: "
                + vm.gateMessageProperty().get()).isTrue();

        vm.flash();
        fx.runUntil(() -> !vm.stateProperty().get().busy(), WAIT);

        assertThat(vm.stateProperty().get()).as(vm.resultTextProperty().get()).isEqualTo(FlashState.REFUSED);
        assertThat(vm.resultTextProperty().get()).startsWith("Refused, nothing was written:")
                .contains("app.bin at 0x20000: ").contains("no app partition starting at 0x20000").doesNotEndWith("]");
        assertThat(vm.phaseTextProperty().get()).isEqualTo("Refused");
        assertThat(vm.log()).anyMatch(l -> l.contains("Refused: app.bin at 0x20000: "))
                .noneMatch(l -> l.contains("Failed"));
        assertThat(board.rom.flash()).as("nothing written").isEqualTo(before);
        assertThat(vm.canFlashProperty().get()).as("another offset can be tried").isTrue();
    }
}
