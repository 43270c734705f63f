package io.edgedeck.app.cli;

import io.edgedeck.link.esp32.testing.TestFirmware;
import io.edgedeck.app.AppPaths;
import io.edgedeck.link.esp32.image.OtaData;
import io.edgedeck.link.esp32.loader.Opcode;
import io.edgedeck.link.esp32.sim.SimulatedRom;
import io.edgedeck.link.esp32.sim.SocatPtyPair;
import io.edgedeck.link.serial.JSerialLink;
import io.edgedeck.link.serial.SerialLink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The board commands as an installer runs them: flash, read-flash, chip-info, ota-status and ota-select against the
 * simulated ESP32 ROM over real pseudo-terminal pairs (socat), through jSerialComm on both ends. A pty has no
 * DTR/RTS, so the commands run with --before no-reset (the simulated board waits in download mode).
 */
class FlashCommandsTest {
    private static final byte[] APP = TestFirmware.app(TestFirmware.ESP32, 24_000, 1);

    @TempDir
    Path dir;

    private final List<Board> boards = new ArrayList<>();

    /** One simulated board on its own pseudo-terminal pair; the CLI opens {@link #port()}. */
    private record Board(SocatPtyPair ptys, SerialLink deviceEnd, SimulatedRom rom) {
        String port() {
            return ptys.hostPath();
        }

        byte[] flash(int offset, int length) {
            return Arrays.copyOfRange(rom.flash(), offset, offset + length);
        }
    }

    private record Run(int code, String out, String err) {
    }

    @BeforeEach
    void socat() {
        assumeTrue(SocatPtyPair.available(),
                "socat is not installed: the board command tests need a pseudo-terminal pair (apt-get install socat)");
    }

    @AfterEach
    void unplug() throws Exception {
        for (Board b : boards) {
            b.rom().close();
            b.deviceEnd().close();
            b.ptys().close();
        }
    }

    private Board board(UnaryOperator<SimulatedRom> setup) throws Exception {
        SocatPtyPair ptys = SocatPtyPair.start();
        SerialLink device = JSerialLink.open(ptys.devicePath(), 115_200);
        Board b = new Board(ptys, device, setup.apply(new SimulatedRom(device)).start());
        boards.add(b);
        return b;
    }

    private Board board() throws Exception {
        return board(r -> r);
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new EdgeDeckCommand(new AppPaths(dir, dir, dir)))
                .setExecutionExceptionHandler(new ErrorReporter())
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private Path file(String name, byte[] bytes) throws Exception {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return f;
    }

    private static String md5(byte[] data) {
        return HexFormat.of().formatHex(TestFirmware.md5(data));
    }

    @Test
    void flashWritesValidatesAndPrintsTheVerifiedMd5() throws Exception {
        Board b = board();
        Path app = file("app.bin", APP);
        Run r = run("flash", "--port", b.port(), "--before", "no-reset", "--after", "no-reset", "--baud", "921600",
                "0x10000", app.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(b.flash(0x10000, APP.length)).isEqualTo(APP);
        assertThat(r.out()).contains("ESP32-D0WD-V3 revision v3.0, MAC 24:0a:a1:b2:c3:d4")
                .containsPattern("writing 0x10000 \\(1/1\\): [\\d,]+ / 24,\\d+ bytes 100%")
                .contains("0x010000").contains("MD5 " + md5(APP) + "  verified")
                .contains("press EN (RESET)");
        assertThat(b.rom().count(Opcode.FLASH_DEFL_DATA)).isPositive();
    }

    @Test
    void uncompressedAndUnverifiedOnRequest() throws Exception {
        Board b = board();
        Path app = file("app.bin", APP);
        Run r = run("flash", "-p", b.port(), "--before", "no-reset", "--after", "no-reset", "--no-compress",
                "--no-verify", "65536", app.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(b.flash(0x10000, APP.length)).isEqualTo(APP);
        assertThat(r.out()).contains("not verified");
        assertThat(b.rom().count(Opcode.FLASH_DATA)).isPositive();
        assertThat(b.rom().count(Opcode.SPI_FLASH_MD5)).isZero();
    }

    @Test
    void aWrongChipOrDamagedImageIsRefusedWithExit5AndNothingWritten() throws Exception {
        Board b = board();
        Path s3 = file("s3.bin", TestFirmware.app(TestFirmware.ESP32_S3, 4_000, 2));
        byte[] damaged = APP.clone();
        damaged[TestFirmware.checksumOffset(damaged)] ^= 0x5A;
        Path bad = file("bad.bin", damaged);

        Run wrongChip = run("flash", "--port", b.port(), "--before", "no-reset", "0x10000", s3.toString());
        assertThat(wrongChip.code()).isEqualTo(ExitCodes.IMAGE_REFUSED);
        assertThat(wrongChip.err()).contains("nothing was written").contains("ESP32-S3").contains("s3.bin at 0x10000");

        Run badChecksum = run("flash", "--port", b.port(), "--before", "no-reset", "0x10000", bad.toString());
        assertThat(badChecksum.code()).isEqualTo(ExitCodes.IMAGE_REFUSED);
        assertThat(badChecksum.err()).contains("checksum").contains("corrupt");

        byte[] erased = new byte[64 * 1024];
        Arrays.fill(erased, (byte) 0xFF);
        assertThat(b.flash(0x10000, erased.length)).isEqualTo(erased);
        assertThat(b.rom().opcodes()).as("the port was never opened").isEmpty();
    }

    @Test
    void anAppOutsideTheFlashedPartitionTablesSlotsIsRefused() throws Exception {
        Board b = board();
        Path table = file("partitions.bin", TestFirmware.twoOtaTable());
        Path app = file("app.bin", APP);
        Run r = run("flash", "--port", b.port(), "--before", "no-reset", "0x8000", table.toString(),
                "0x20000", app.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.IMAGE_REFUSED);
        assertThat(r.err()).contains("no app partition starting at 0x20000").contains("ota_1 at 0x110000");
        assertThat(b.rom().opcodes()).isEmpty();
    }

    @Test
    void anAppOutsideTheBoardsPartitionTableSlotsIsRefusedBeforeWriting() throws Exception {
        Board b = board();
        b.rom().preload(0x8000, TestFirmware.twoOtaTable());
        Run r = run("flash", "--port", b.port(), "--before", "no-reset", "0x20000", file("app.bin", APP).toString());
        assertThat(r.code()).isEqualTo(ExitCodes.IMAGE_REFUSED);
        assertThat(r.err()).contains("no app partition starting at 0x20000");
        assertThat(b.rom().count(Opcode.FLASH_DEFL_BEGIN) + b.rom().count(Opcode.FLASH_BEGIN)).isZero();

        Run ok = run("flash", "--port", b.port(), "--before", "no-reset", "--after", "no-reset", "0x110000",
                file("app.bin", APP).toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(b.flash(0x110000, APP.length)).isEqualTo(APP);
    }

    @Test
    void aSilentBoardExits6WithAReadableMessage() throws Exception {
        Board b = board(SimulatedRom::silent);
        Path app = file("app.bin", APP);
        Run r = run("flash", "--port", b.port(), "--connect-attempts", "1", "0x10000", app.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.LINK);
        assertThat(r.err()).contains("edgedeck: The board on " + b.port()).contains("did not answer")
                .contains("hold BOOT").doesNotContain("Exception");
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    @Test
    void aMissingPortExits6() throws Exception {
        Path app = file("app.bin", APP);
        Run r = run("flash", "--port", "/dev/ttyUSB-edgedeck-none", "0x10000", app.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.LINK);
        assertThat(r.err()).contains("Pick the port again");
    }

    @Test
    void backupSavesTheOldContentsBeforeWriting() throws Exception {
        Board b = board();
        byte[] old = TestFirmware.app(TestFirmware.ESP32, 30_000, 9);
        b.rom().preload(0x10000, old);
        Path backup = dir.resolve("old.bin");
        Run r = run("flash", "--port", b.port(), "--before", "no-reset", "--after", "no-reset", "--backup",
                backup.toString(), "0x10000", file("app.bin", APP).toString());
        assertThat(r.code()).as(r.err()).isZero();
        byte[] saved = Files.readAllBytes(backup);
        assertThat(saved.length).isEqualTo(0x6000); // the app (24,080 bytes) rounded up to whole 4 KiB sectors
        assertThat(Arrays.copyOf(saved, APP.length)).isEqualTo(Arrays.copyOf(old, APP.length));
        assertThat(r.out()).contains("backup: 0x10000, 24,576 bytes").contains("restore: flash 0x10000");
        assertThat(b.flash(0x10000, APP.length)).isEqualTo(APP);
    }

    @Test
    void readFlashRoundTrip() throws Exception {
        Board b = board();
        byte[] data = TestFirmware.app(TestFirmware.ESP32, 5_000, 4);
        b.rom().preload(0x20000, data);
        Path out = dir.resolve("read.bin");
        Run r = run("read-flash", "--port", b.port(), "--before", "no-reset", "--after", "no-reset", "0x20000",
                String.valueOf(data.length), out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(data);
        assertThat(r.out()).contains("reading: ").contains("MD5 " + md5(data));

        Run restore = run("flash", "--port", b.port(), "--before", "no-reset", "--after", "no-reset", "0x30000",
                out.toString());
        assertThat(restore.code()).as(restore.err()).isZero();
        assertThat(b.flash(0x30000, data.length)).isEqualTo(data);
    }

    @Test
    void chipInfoPrintsTheChipAndMac() throws Exception {
        Board b = board();
        Run r = run("chip-info", "--port", b.port(), "--before", "no-reset");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Chip:       ESP32").contains("MAC:        24:0a:a1:b2:c3:d4")
                .contains("Crystal:    40 MHz").contains("Model:      ESP32-D0WD-V3").contains("Revision:   v3.0");
    }

    @Test
    void readFlashSavesANamedPartitionAndSaysWhenThereIsNone() throws Exception {
        Board b = board();
        Path out = dir.resolve("nvs.bin");
        Run none = run("read-flash", "--port", b.port(), "--before", "no-reset", "--after", "no-reset",
                "--partition", "nvs", out.toString());
        assertThat(none.code()).isEqualTo(ExitCodes.BOARD_STATE);
        assertThat(none.err()).contains("no partition table at 0x8000").doesNotContain("Exception");

        b.rom().preload(0x8000, TestFirmware.twoOtaTable());
        byte[] nvs = new byte[0x4000];
        new java.util.Random(9).nextBytes(nvs);
        b.rom().preload(0x9000, nvs);
        Run r = run("read-flash", "--port", b.port(), "--before", "no-reset", "--after", "no-reset",
                "--partition", "nvs", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(nvs);
        assertThat(r.out()).contains("Read 0x9000, 16,384 bytes, MD5 " + md5(nvs));

        Run missing = run("read-flash", "--port", b.port(), "--before", "no-reset", "--after", "no-reset",
                "--partition", "spiffs", out.toString());
        assertThat(missing.code()).isEqualTo(ExitCodes.BOARD_STATE);
        assertThat(missing.err()).contains("no partition called 'spiffs'").contains("nvs (data/nvs at 0x9000)");

        Run both = run("read-flash", "--port", b.port(), "--partition", "nvs", "0x9000", "16k", out.toString());
        assertThat(both.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.err()).contains("With --partition give only the FILE");
    }

    @Test
    void flashBacksUpANamedPartitionFirst() throws Exception {
        Board b = board();
        b.rom().preload(0x8000, TestFirmware.partitionTable(
                TestFirmware.entry(1, 0x02, 0x9000, 0x6000, "nvs"),
                TestFirmware.entry(0, 0x00, 0x10000, 0x10000, "factory")));
        byte[] old = TestFirmware.app(TestFirmware.ESP32, 9_000, 4);
        b.rom().preload(0x10000, old);
        Path app = file("app.bin", APP);
        Path saved = dir.resolve("factory-old.bin");
        Run noFile = run("flash", "--port", b.port(), "--backup-partition", "factory", "0x10000", app.toString());
        assertThat(noFile.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(noFile.err()).contains("needs --backup FILE");

        Run r = run("flash", "--port", b.port(), "--before", "no-reset", "--after", "no-reset", "--backup",
                saved.toString(), "--backup-partition", "factory", "0x10000", app.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("backup: 0x10000, 65,536 bytes");
        assertThat(Arrays.copyOf(Files.readAllBytes(saved), old.length)).isEqualTo(old);
        assertThat(b.flash(0x10000, APP.length)).isEqualTo(APP);

        Run missing = run("flash", "--port", b.port(), "--before", "no-reset", "--after", "no-reset", "--backup",
                saved.toString(), "--backup-partition", "ota_0", "0x10000", app.toString());
        assertThat(missing.code()).isEqualTo(ExitCodes.BOARD_STATE);
        assertThat(missing.err()).contains("no partition called 'ota_0'");
    }

    @Test
    void flashSizeOverridesWhatTheFlashChipReports() throws Exception {
        // the chip says 4 MB; the installer knows the module has 8 MB (the simulated flash array is 4 MB either way)
        Board b = board();
        Path app = file("app.bin", APP);
        Run r = run("flash", "--port", b.port(), "--before", "no-reset", "--after", "no-reset", "--flash-size", "8MB",
                "0x10000", app.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(b.rom().spiParamsSize()).isEqualTo(8 * 1024 * 1024);

        Board c = board();
        Run detected = run("flash", "--port", c.port(), "--before", "no-reset", "--after", "no-reset",
                "0x10000", app.toString());
        assertThat(detected.code()).as(detected.err()).isZero();
        assertThat(c.rom().spiParamsSize()).as("detect is the default").isEqualTo(4 * 1024 * 1024);

        Board d = board();
        Run tooSmall = run("flash", "--port", d.port(), "--before", "no-reset", "--after", "no-reset", "--flash-size",
                "1MB", "0x100000", app.toString());
        assertThat(tooSmall.code()).isEqualTo(ExitCodes.IMAGE_REFUSED);
        assertThat(tooSmall.err()).contains("1 MB");
        assertThat(d.rom().count(Opcode.FLASH_DEFL_BEGIN)).isZero();

        Run bad = run("flash", "--port", d.port(), "--flash-size", "3MB", "0x10000", app.toString());
        assertThat(bad.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("--flash-size takes detect, 1MB");
    }

    @Test
    void flashRefusesAnImageBuiltForANewerChipRevision() throws Exception {
        Board v1 = board(r -> r.withRevision(1, 0));
        Path app = file("v3-only.bin", TestFirmware.withChipRevisions(APP, 300, 0xFFFF));
        Run r = run("flash", "--port", v1.port(), "--before", "no-reset", "--after", "no-reset", "0x10000", app.toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.IMAGE_REFUSED);
        assertThat(r.err()).contains("The image needs chip revision ≥ v3.0; this board is v1.0");
        assertThat(v1.rom().count(Opcode.FLASH_DEFL_BEGIN) + v1.rom().count(Opcode.FLASH_BEGIN)).isZero();
    }

    @Test
    void otaSelectFlipsTheBootSlotAndReadsItBack() throws Exception {
        Board b = board();
        b.rom().preload(0x8000, TestFirmware.twoOtaTable());
        OtaData.SectorWrite bootsOta0 = OtaData.blank().select(0, 2);
        b.rom().preload(0xD000 + (int) bootsOta0.offset(), bootsOta0.sector());
        b.rom().preload(0x10000, APP);
        b.rom().preload(0x110000, TestFirmware.app(TestFirmware.ESP32, 8_000, 5));

        Run status = run("ota-status", "--port", b.port(), "--before", "no-reset", "--after", "no-reset");
        assertThat(status.code()).as(status.err()).isZero();
        assertThat(status.out()).contains("Boots: ota_0").contains("sector 0: seq 1");

        Run select = run("ota-select", "--port", b.port(), "--before", "no-reset", "--after", "no-reset", "ota_1");
        assertThat(select.code()).as(select.err()).isZero();
        assertThat(select.out()).contains("read back: boots ota_1");
        OtaData after = OtaData.parse(b.flash(0xD000, OtaData.LENGTH));
        assertThat(after.bootSlot(2).otaSlot()).isEqualTo(1);

        Run again = run("ota-status", "--port", b.port(), "--before", "no-reset", "--after", "no-reset");
        assertThat(again.out()).contains("Boots: ota_1");
    }

    @Test
    void otaSelectRefusesAnEmptySlotAndABoardWithoutPartitionTable() throws Exception {
        Board b = board();
        Run noTable = run("ota-status", "--port", b.port(), "--before", "no-reset", "--after", "no-reset");
        assertThat(noTable.code()).isEqualTo(ExitCodes.BOARD_STATE);
        assertThat(noTable.err()).contains("no partition table at 0x8000");

        b.rom().preload(0x8000, TestFirmware.twoOtaTable());
        Run empty = run("ota-select", "--port", b.port(), "--before", "no-reset", "--after", "no-reset", "ota_1");
        assertThat(empty.code()).isEqualTo(ExitCodes.BOARD_STATE);
        assertThat(empty.err()).contains("ota_1 (0x110000) holds no app");
        assertThat(b.rom().count(Opcode.FLASH_BEGIN)).isZero();
    }

    @Test
    void twoBoardsAreFlashedInParallelAndBothVerified() throws Exception {
        Board one = board();
        Board two = board();
        Path app = file("app.bin", APP);
        Run r = run("flash", "--port", one.port(), "--port", two.port(), "--before", "no-reset", "--after", "no-reset",
                "0x10000", app.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(one.flash(0x10000, APP.length)).isEqualTo(APP);
        assertThat(two.flash(0x10000, APP.length)).isEqualTo(APP);
        assertThat(r.out()).contains("[" + one.port() + "] 0x010000").contains("[" + two.port() + "] 0x010000")
                .contains("2 of 2 boards flashed");
        assertThat(r.out().lines().filter(l -> l.contains("VERIFIED"))).hasSize(2);
    }

    @Test
    void oneSilentBoardAmongTwoFailsOnlyThatBoard() throws Exception {
        Board good = board();
        Board silent = board(SimulatedRom::silent);
        Path app = file("app.bin", APP);
        Run r = run("flash", "--port", good.port(), "--port", silent.port(), "--before", "no-reset",
                "--after", "no-reset", "--connect-attempts", "1", "0x10000", app.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.LINK);
        assertThat(good.flash(0x10000, APP.length)).isEqualTo(APP);
        assertThat(r.out()).contains("1 of 2 boards flashed").contains("NO_ANSWER");
    }

    @Test
    void requireSignedRefusesAnUnsignedImageWithExit5() throws Exception {
        Board b = board();
        var key = java.security.KeyPairGenerator.getInstance("RSA").generateKeyPair().getPublic();
        Path pem = dir.resolve("trusted.pem");
        Files.writeString(pem, io.edgedeck.link.esp32.ops.TrustedKeys.toPem(key));
        Run r = run("flash", "--port", b.port(), "--before", "no-reset", "--require-signed", "--trusted-key",
                pem.toString(), "0x10000", file("app.bin", APP).toString());
        assertThat(r.code()).isEqualTo(ExitCodes.IMAGE_REFUSED);
        assertThat(r.err()).contains("not signed");
        assertThat(b.rom().opcodes()).isEmpty();

        Path notAKey = file("key.txt", "hello".getBytes());
        Run bad = run("flash", "--port", b.port(), "--trusted-key", notAKey.toString(), "0x10000",
                file("app2.bin", APP).toString());
        assertThat(bad.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("is not a PEM public key");
    }

    @Test
    void badOffsetsAndOddArgumentsAreUsageErrors() throws Exception {
        Path app = file("app.bin", APP);
        assertThat(run("flash", "--port", "x", "0xZZ", app.toString()).code()).isEqualTo(ExitCodes.USAGE);
        Run odd = run("flash", "--port", "x", "0x10000", app.toString(), "0x20000");
        assertThat(odd.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(odd.err()).contains("has no partner");
        Run signed = run("flash", "--port", "x", "--require-signed", "0x10000", app.toString());
        assertThat(signed.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(signed.err()).contains("--trusted-key");
    }
}
