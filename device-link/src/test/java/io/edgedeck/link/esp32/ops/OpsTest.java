package io.edgedeck.link.esp32.ops;

import io.edgedeck.link.esp32.testing.TestFirmware;
import io.edgedeck.link.esp32.flash.CancelToken;
import io.edgedeck.link.esp32.flash.FlashProgress;
import io.edgedeck.link.esp32.flash.LinkOpener;
import io.edgedeck.link.esp32.flash.Phase;
import io.edgedeck.link.esp32.flash.Progress;
import io.edgedeck.link.esp32.image.ValidationPolicy;
import io.edgedeck.link.esp32.image.ValidationProblem;
import io.edgedeck.link.esp32.loader.AfterReset;
import io.edgedeck.link.esp32.loader.BeforeReset;
import io.edgedeck.link.esp32.loader.Opcode;
import io.edgedeck.link.esp32.sim.SimBoard;
import io.edgedeck.link.serial.SerialLink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared flashing operations against the simulated ROM on an in-memory cable (the pty runs are in the app's CLI tests). */
class OpsTest {
    private static final byte[] APP = app(0, 40_000);
    private static final ConnectOptions NO_RESET = new ConnectOptions(921_600, BeforeReset.NO_RESET, AfterReset.NO_RESET);

    @TempDir
    Path dir;

    private final SimBoard board = new SimBoard();
    private final BoardAccess access = new BoardAccess(opener(board), 2);

    @AfterEach
    void unplug() {
        board.close();
    }

    private static LinkOpener opener(SimBoard b) {
        return (port, baud) -> {
            SerialLink host = b.cable.host();
            host.setBaudRate(baud);
            return host;
        };
    }

    static byte[] app(int chipId, int payload) {
        return TestFirmware.app(chipId, payload, chipId + payload);
    }

    private static FlashPlan plan(byte[] image) {
        return FlashPlan.of(List.of(new ImageFile("app.bin", 0x10000, image))).withConnect(NO_RESET);
    }

    @Test
    void validatesThenFlashesAndBacksUpFirst() {
        byte[] old = new byte[0x4000];
        Arrays.fill(old, (byte) 0x5A);
        board.rom.preload(0x10000, old);
        Path backup = dir.resolve("backup.bin");
        FlashOutcome o = new SafeFlash(access).flash("sim", plan(APP).withBackup(true), backup, null, null);
        assertThat(o.completed()).isTrue();
        assertThat(o.result().regions()).allMatch(r -> r.verified());
        assertThat(Arrays.copyOfRange(board.rom.flash(), 0x10000, 0x10000 + APP.length)).isEqualTo(APP);
        assertThat(o.backup()).hasValueSatisfying(b -> {
            assertThat(b.offset()).isEqualTo(0x10000);
            assertThat(b.length()).isEqualTo(0xA000);
        });
        assertThat(Arrays.copyOf(readAll(backup), old.length)).isEqualTo(old);
    }

    @Test
    void theBoardsOwnFlashSizeDecidesWhatFits() {
        // a region at 6 MB: the ROM could reach it, a 4 MB chip cannot hold it, an 8 MB chip can
        FlashPlan high = FlashPlan.of(List.of(new ImageFile("app.bin", 0x600000, APP))).withConnect(NO_RESET);
        assertThat(SafeFlash.precheck(high).accepted()).as("offline, the size is not known yet").isTrue();
        assertThatThrownBy(() -> new SafeFlash(access).flash("sim", high, null, null, null))
                .hasMessageContaining("0x600000");

        try (SimBoard eight = new SimBoard(c -> c, r -> r.withFlashId(0x1740C8))) {
            FlashOutcome o = new SafeFlash(new BoardAccess(opener(eight), 2)).flash("sim", high, null, null, null);
            assertThat(o.result().completed()).isTrue();
        }
    }

    @Test
    void aRefusedImageNeverOpensThePort() {
        byte[] s3 = app(9, 1_000);
        assertThatThrownBy(() -> new SafeFlash(access).flash("sim", plan(s3), null, null, null))
                .isInstanceOfSatisfying(ImageRefusedException.class, e -> {
                    assertThat(e.report().accepted()).isFalse();
                    assertThat(e.getMessage()).contains("nothing was written").contains("ESP32-S3");
                });
        assertThat(board.rom.opcodes()).isEmpty();
    }

    @Test
    void anImageForANewerChipRevisionIsRefusedBeforeAnyWrite() {
        byte[] v3Only = TestFirmware.withChipRevisions(APP, 300, 399);
        assertThat(SafeFlash.precheck(plan(v3Only)).accepted()).as("offline the revision is unknown").isTrue();
        try (SimBoard v1 = new SimBoard(c -> c, r -> r.withRevision(1, 0))) {
            assertThatThrownBy(() -> new SafeFlash(new BoardAccess(opener(v1), 2)).flash("sim", plan(v3Only), null, null, null))
                    .isInstanceOfSatisfying(ImageRefusedException.class, e -> {
                        assertThat(e.report().files().getFirst().verdict().has(ValidationProblem.Code.CHIP_REVISION)).isTrue();
                        assertThat(e.getMessage()).contains("v3.0 to v3.99").contains("this board is v1.0")
                                .contains("nothing was written");
                    });
            assertThat(v1.rom.count(Opcode.FLASH_DEFL_BEGIN) + v1.rom.count(Opcode.FLASH_BEGIN)).isZero();
            assertThat(v1.rom.flash()[0x10000]).isEqualTo((byte) 0xFF);
        }
        // the same image on a v3.0 board (the simulator's default) goes through
        assertThat(new SafeFlash(access).flash("sim", plan(v3Only), null, null, null).completed()).isTrue();
    }

    @Test
    void backsUpTheNamedPartitionOfTheBoardsTableBeforeWriting() {
        byte[] table = TestFirmware.partitionTable(
                TestFirmware.entry(1, 0x02, 0x9000, 0x6000, "nvs"),
                TestFirmware.entry(0, 0x00, 0x10000, 0x20000, "factory"));
        byte[] oldApp = app(0, 30_000);
        board.rom.preload(0x8000, table);
        board.rom.preload(0x10000, oldApp);
        Path backup = dir.resolve("factory.bin");
        FlashOutcome o = new SafeFlash(access).flash("sim", plan(APP).withBackupPartition("factory"), backup, null, null);
        assertThat(o.completed()).isTrue();
        assertThat(o.backup()).hasValueSatisfying(b -> {
            assertThat(b.offset()).isEqualTo(0x10000);
            assertThat(b.length()).isEqualTo(0x20000);
        });
        byte[] saved = readAll(backup);
        assertThat(saved).hasSize(0x20000);
        assertThat(Arrays.copyOf(saved, oldApp.length)).isEqualTo(oldApp);
        assertThat(Arrays.copyOfRange(board.rom.flash(), 0x10000, 0x10000 + APP.length)).isEqualTo(APP);
    }

    @Test
    void aBackupOfAPartitionTheBoardLacksStopsBeforeAnyWrite() {
        Path backup = dir.resolve("x.bin");
        assertThatThrownBy(() -> new SafeFlash(access).flash("sim", plan(APP).withBackupPartition("factory"), backup,
                null, null))
                .isInstanceOf(BoardStateException.class).hasMessageContaining("no partition table at 0x8000");
        assertThat(board.rom.count(Opcode.FLASH_DEFL_BEGIN) + board.rom.count(Opcode.FLASH_BEGIN)).isZero();
        try (SimBoard ota = new SimBoard(c -> c, r -> r)) {
            ota.rom.preload(0x8000, TestFirmware.twoOtaTable());
            ota.rom.preload(0x10000, APP);
            assertThatThrownBy(() -> new SafeFlash(new BoardAccess(opener(ota), 2)).flash("sim",
                    plan(APP).withBackupPartition("factory"), backup, null, null))
                    .isInstanceOf(BoardStateException.class)
                    .hasMessageContaining("no partition called 'factory'").hasMessageContaining("ota_0 (app/ota_0 at 0x10000)");
            assertThat(ota.rom.count(Opcode.FLASH_DEFL_BEGIN) + ota.rom.count(Opcode.FLASH_BEGIN)).isZero();
        }
        assertThat(backup).doesNotExist();
    }

    @Test
    void readsANamedPartitionIntoAFile() {
        board.rom.preload(0x8000, TestFirmware.twoOtaTable());
        byte[] nvs = new byte[0x4000];
        new Random(3).nextBytes(nvs);
        board.rom.preload(0x9000, nvs);
        Path out = dir.resolve("nvs.bin");
        Backup b = new FlashBackup(access).readPartition("sim", NO_RESET, "nvs", out, null, null);
        assertThat(b.offset()).isEqualTo(0x9000);
        assertThat(readAll(out)).isEqualTo(nvs);
        try (SimBoard again = new SimBoard(c -> c, r -> r)) {
            again.rom.preload(0x8000, TestFirmware.twoOtaTable());
            assertThatThrownBy(() -> new FlashBackup(new BoardAccess(opener(again), 2)).readPartition("sim", NO_RESET,
                    "spiffs", out, null, null))
                    .isInstanceOf(BoardStateException.class).hasMessageContaining("no partition called 'spiffs'");
        }
    }

    @Test
    void requiringSignaturesRefusesAnUnsignedImage() throws Exception {
        PublicKey key = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPublic();
        Path pem = dir.resolve("key.pem");
        Files.writeString(pem, TrustedKeys.toPem(key));
        FlashPlan signedOnly = plan(APP).withPolicy(ValidationPolicy.requireSignedBy(List.of(TrustedKeys.readPem(pem))));
        GateReport r = SafeFlash.precheck(signedOnly);
        assertThat(r.accepted()).isFalse();
        assertThat(r.files().getFirst().verdict().has(ValidationProblem.Code.UNSIGNED_IMAGE)).isTrue();
    }

    @Test
    void cancellingStopsBetweenBlocksAndReleasesThePort() {
        CancelToken cancel = new CancelToken();
        FlashProgress cancelHalfway = p -> {
            if (p.phase() == Phase.WRITING && p.fraction() > 0.3) {
                cancel.cancel();
            }
        };
        FlashOutcome o = new SafeFlash(access).flash("sim", plan(APP).withWrite(
                new io.edgedeck.link.esp32.flash.WriteOptions(false, true)), null, cancelHalfway, cancel);
        assertThat(o.completed()).isFalse();
        assertThat(board.rom.count(Opcode.SPI_FLASH_MD5)).isZero();
    }

    @Test
    void anAppOutsideTheJobsPartitionTableIsRefused() {
        byte[] table = partitionTable();
        FlashPlan p = FlashPlan.of(List.of(new ImageFile("pt.bin", 0x8000, table), new ImageFile("app.bin", 0x20000, APP)));
        GateReport r = SafeFlash.precheck(p);
        assertThat(r.accepted()).isFalse();
        assertThat(String.join("\n", r.errorLines())).contains("app.bin at 0x20000").contains("no app partition");
        FlashPlan ok = FlashPlan.of(List.of(new ImageFile("pt.bin", 0x8000, table), new ImageFile("app.bin", 0x10000, APP)));
        assertThat(SafeFlash.precheck(ok).accepted()).isTrue();
    }

    @Test
    void parallelFlashGivesEachBoardItsVerdict() {
        try (SimBoard second = new SimBoard(c -> c, r -> r.silent())) {
            LinkOpener two = new LinkOpener() {
                @Override
                public SerialLink open(String port, int baud) {
                    return (port.equals("good") ? opener(board) : opener(second)).open(port, baud);
                }
            };
            List<BoardReport> reports = new ParallelFlash(new BoardAccess(two, 1)).flash(List.of("good", "silent"),
                    plan(APP), null, null, null);
            assertThat(reports).extracting(BoardReport::status)
                    .containsExactly(BoardReport.Status.VERIFIED, BoardReport.Status.FAILED);
            assertThat(reports.get(1).code()).hasValueSatisfying(c -> assertThat(c.name()).isEqualTo("NO_ANSWER"));
            assertThat(Arrays.copyOfRange(board.rom.flash(), 0x10000, 0x10000 + APP.length)).isEqualTo(APP);
        }
    }

    @Test
    void backupFilesAreNamedPerPortWhenSeveralBoardsAreFlashed() {
        Path base = Path.of("/tmp/old.bin");
        assertThat(ParallelFlash.backupFileFor(base, "/dev/ttyUSB0", 1)).isEqualTo(base);
        assertThat(ParallelFlash.backupFileFor(base, "/dev/ttyUSB0", 2)).isEqualTo(Path.of("/tmp/old-ttyUSB0.bin"));
        assertThat(ParallelFlash.backupFileFor(base, "COM3", 3)).isEqualTo(Path.of("/tmp/old-COM3.bin"));
    }

    @Test
    void progressMeterMeasuresRateAndTimeLeftPerRegion() {
        AtomicLong now = new AtomicLong();
        ProgressMeter m = new ProgressMeter(now::get);
        m.update(new Progress(Phase.WRITING, 0, 1, 0, 100_000, 0, 100_000));
        now.set(Duration.ofSeconds(1).toNanos());
        ProgressMeter.Reading r = m.update(new Progress(Phase.WRITING, 0, 1, 25_000, 100_000, 25_000, 100_000));
        assertThat(r.percent()).isEqualTo(25);
        assertThat(r.kbitPerSecond()).isEqualTo(200.0);
        assertThat(r.eta()).contains(Duration.ofSeconds(3));
    }

    @Test
    void slotNames() {
        assertThat(OtaControl.parseSlot("ota_1")).isEqualTo(1);
        assertThat(OtaControl.parseSlot("OTA0")).isZero();
        assertThat(OtaControl.parseSlot("2")).isEqualTo(2);
        assertThatThrownBy(() -> OtaControl.parseSlot("factory")).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] partitionTable() {
        byte[] t = new byte[0xC00];
        Arrays.fill(t, (byte) 0xFF);
        ByteBuffer b = ByteBuffer.wrap(t).order(ByteOrder.LITTLE_ENDIAN);
        entry(b, 1, 0x00, 0xD000, 0x2000, "otadata");
        entry(b, 0, 0x10, 0x10000, 0x100000, "ota_0");
        entry(b, 0, 0x11, 0x110000, 0x100000, "ota_1");
        return t;
    }

    private static void entry(ByteBuffer b, int type, int subtype, int offset, int size, String label) {
        b.put((byte) 0xAA).put((byte) 0x50).put((byte) type).put((byte) subtype).putInt(offset).putInt(size);
        b.put(Arrays.copyOf(label.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 16)).putInt(0);
    }

    private static byte[] readAll(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
