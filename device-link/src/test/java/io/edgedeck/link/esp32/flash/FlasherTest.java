package io.edgedeck.link.esp32.flash;

import io.edgedeck.link.esp32.loader.AfterReset;
import io.edgedeck.link.esp32.loader.BeforeReset;
import io.edgedeck.link.esp32.loader.FlashException;
import io.edgedeck.link.esp32.loader.Opcode;
import io.edgedeck.link.esp32.sim.SimBoard;
import io.edgedeck.link.esp32.sim.SimulatedRom;
import io.edgedeck.link.serial.SerialException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlasherTest {

    private static final byte[] BOOTLOADER = SimBoard.firmware(24_001, 1);   // odd length: padded to 4 bytes
    private static final byte[] APP = SimBoard.firmware(150_000, 2);
    private SimBoard board;

    @AfterEach
    void tearDown() {
        if (board != null) {
            board.close();
        }
    }

    private static FlashJob job(Region... regions) {
        return FlashJob.of("sim", List.of(regions)).withBaud(921_600);
    }

    private static byte[] slice(byte[] flash, int offset, int length) {
        return Arrays.copyOfRange(flash, offset, offset + length);
    }

    @Test
    void compressedWriteLandsInFlashAndIsVerified() {
        board = new SimBoard();
        List<Progress> seen = new ArrayList<>();
        FlashResult r = board.flasher.flash(job(new Region(0x1000, BOOTLOADER), new Region(0x10000, APP)),
                seen::add, new CancelToken());

        assertThat(r.completed()).isTrue();
        assertThat(slice(board.rom.flash(), 0x1000, BOOTLOADER.length)).isEqualTo(BOOTLOADER);
        assertThat(slice(board.rom.flash(), 0x10000, APP.length)).isEqualTo(APP);
        assertThat(board.rom.flash()[0x1000 + BOOTLOADER.length]).isEqualTo((byte) 0xFF); // padding
        assertThat(r.regions()).extracting(RegionResult::verified).containsExactly(true, true);
        assertThat(r.regions().get(1).md5()).isEqualTo(Flasher.md5Hex(APP));
        assertThat(board.rom.count(Opcode.FLASH_DEFL_BEGIN)).isEqualTo(2);
        assertThat(board.rom.count(Opcode.FLASH_DATA)).isZero();
        assertThat(board.rom.count(Opcode.SPI_FLASH_MD5)).isEqualTo(2);
        assertThat(board.rom.count(Opcode.SPI_ATTACH)).isEqualTo(1);
        assertThat(board.rom.count(Opcode.CHANGE_BAUDRATE)).isEqualTo(1);
        assertThat(board.cable.device().baudRate()).isEqualTo(115_200); // the hard reset after flashing rebooted it
        // compressed: fewer bytes on the wire than the image
        assertThat(board.cable.bytesHostToDevice()).isLessThan(APP.length);
        // progress: monotonic, ends at DONE with everything counted
        long last = 0;
        for (Progress p : seen) {
            if (p.phase() != Phase.CONNECTING && p.phase() != Phase.RESETTING) {
                assertThat(p.done()).isGreaterThanOrEqualTo(last).isLessThanOrEqualTo(p.total());
                last = p.done();
            }
        }
        assertThat(seen).extracting(Progress::phase).contains(Phase.CONNECTING, Phase.ERASING, Phase.WRITING,
                Phase.VERIFYING, Phase.DONE, Phase.RESETTING);
        Progress done = seen.stream().filter(p -> p.phase() == Phase.DONE).findFirst().orElseThrow();
        assertThat(done.done()).isEqualTo(done.total()).isEqualTo(BOOTLOADER.length + APP.length);
    }

    @Test
    void uncompressedWriteUsesFullPaddedBlocks() {
        board = new SimBoard();
        FlashResult r = board.flasher.flash(job(new Region(0x10000, BOOTLOADER)).withCompress(false), null, null);

        assertThat(r.completed()).isTrue();
        assertThat(slice(board.rom.flash(), 0x10000, BOOTLOADER.length)).isEqualTo(BOOTLOADER);
        assertThat(board.rom.count(Opcode.FLASH_DATA)).isEqualTo((BOOTLOADER.length + 0x3FF) / 0x400);
        assertThat(board.rom.count(Opcode.FLASH_DEFL_DATA)).isZero();
        assertThat(r.regions().getFirst().verified()).isTrue();
    }

    @Test
    void md5MismatchIsAnError() {
        board = new SimBoard(c -> c, SimulatedRom::corruptFlashBeforeMd5);
        assertThatThrownBy(() -> board.flasher.flash(job(new Region(0x10000, APP)), null, null))
                .isInstanceOfSatisfying(FlashException.class, e -> {
                    assertThat(e.code()).isEqualTo(FlashException.Code.MD5_MISMATCH);
                    assertThat(e.getMessage()).contains("0x10000").contains(Flasher.md5Hex(APP)).contains("flash again");
                });
        assertPortReleased();
    }

    @Test
    void withoutVerifyNoMd5IsAsked() {
        board = new SimBoard(c -> c, SimulatedRom::corruptFlashBeforeMd5);
        FlashResult r = board.flasher.flash(job(new Region(0x10000, BOOTLOADER)).withVerify(false), null, null);
        assertThat(r.regions().getFirst().verified()).isFalse();
        assertThat(board.rom.count(Opcode.SPI_FLASH_MD5)).isZero();
    }

    @Test
    void cancelMidWriteIsANormalOutcome() {
        board = new SimBoard();
        CancelToken cancel = new CancelToken();
        FlashResult r = board.flasher.flash(job(new Region(0x10000, APP)), p -> {
            if (p.phase() == Phase.WRITING && p.fraction() > 0.3) {
                cancel.cancel();
            }
        }, cancel);

        assertThat(r.outcome()).isEqualTo(FlashResult.Outcome.CANCELLED);
        long sent = board.rom.count(Opcode.FLASH_DEFL_DATA);
        assertThat(sent).isPositive().isLessThan(Flasher.deflate(APP).length / 0x400);
        assertThat(board.rom.count(Opcode.SPI_FLASH_MD5)).isZero();
        assertPortReleased();
    }

    @Test
    void esp8266IsRefusedBeforeAnythingIsWritten() {
        board = new SimBoard(c -> c, r -> r.withMagic(SimulatedRom.ESP8266_MAGIC));
        assertThatThrownBy(() -> board.flasher.flash(job(new Region(0x10000, APP)), null, null))
                .isInstanceOfSatisfying(FlashException.class, e -> {
                    assertThat(e.code()).isEqualTo(FlashException.Code.WRONG_CHIP);
                    assertThat(e.getMessage()).contains("ESP8266").contains("original ESP32 only");
                });
        assertThat(board.rom.opcodes()).doesNotContain(Opcode.FLASH_BEGIN.code(), Opcode.FLASH_DEFL_BEGIN.code(),
                Opcode.SPI_ATTACH.code());
        assertPortReleased();
    }

    @Test
    void readFlashBackupRoundTrip() {
        board = new SimBoard();
        byte[] original = SimBoard.firmware(5_000, 9);
        board.rom.preload(0x9000, original);
        byte[] backup = board.flasher.readFlash("sim", 921_600, BeforeReset.DEFAULT_RESET, AfterReset.NO_RESET,
                0x9000, original.length, null, null);
        assertThat(backup).isEqualTo(original);
        assertThat(board.rom.count(Opcode.READ_FLASH_SLOW)).isEqualTo((original.length + 63) / 64);

        // restore it elsewhere and read it back
        board.close();
        board = new SimBoard();
        board.flasher.flash(job(new Region(0x20000, backup)), null, null);
        assertThat(slice(board.rom.flash(), 0x20000, backup.length)).isEqualTo(original);
    }

    @Test
    void hardResetAfterFlashingBootsTheFirmware() {
        board = new SimBoard(c -> c, SimulatedRom::runningFirmware);
        board.flasher.flash(job(new Region(0x10000, BOOTLOADER)), null, null);
        assertThat(board.rom.inLoader()).isFalse(); // RTS pulse with GPIO0 high: the new firmware runs
    }

    @Test
    void badRegionsAreRefusedBeforeThePortIsOpened() {
        board = new SimBoard();
        assertThatThrownBy(() -> board.flasher.flash(job(new Region(0x10100, APP)), null, null))
                .isInstanceOfSatisfying(FlashException.class, e -> {
                    assertThat(e.code()).isEqualTo(FlashException.Code.BAD_REQUEST);
                    assertThat(e.getMessage()).contains("0x10100").contains("4 KiB");
                });
        assertThatThrownBy(() -> board.flasher.flash(job(new Region(0x10000, APP), new Region(0x30000, APP)), null, null))
                .isInstanceOfSatisfying(FlashException.class, e -> assertThat(e.getMessage()).contains("overlap"));
        assertThatThrownBy(() -> board.flasher.flash(job(new Region(0x3F0000, APP)), null, null))
                .isInstanceOfSatisfying(FlashException.class, e -> assertThat(e.getMessage()).contains("beyond"));
        assertThat(board.rom.opcodes()).isEmpty();
    }

    // ---- faults ----------------------------------------------------------------------------------------------------

    @Test
    void silentBoardIsNoAnswer() {
        board = new SimBoard(c -> c, SimulatedRom::silent);
        assertThatThrownBy(() -> board.flasher.flash(job(new Region(0x10000, APP)), null, null))
                .isInstanceOfSatisfying(FlashException.class, e -> {
                    assertThat(e.code()).isEqualTo(FlashException.Code.NO_ANSWER);
                    assertThat(e.getMessage()).contains("did not answer").contains("hold BOOT while pressing EN");
                });
        assertPortReleased();
    }

    @Test
    void garbledReplyMidWriteIsCorruptReply() {
        board = new SimBoard(c -> c, r -> r.corruptRepliesFrom(30));
        assertThatThrownBy(() -> board.flasher.flash(job(new Region(0x10000, APP)), null, null))
                .isInstanceOfSatisfying(FlashException.class, e -> {
                    assertThat(e.code()).isEqualTo(FlashException.Code.CORRUPT_REPLY);
                    assertThat(e.getMessage()).contains("garbled").contains("lower baud rate");
                });
        assertPortReleased();
    }

    @Test
    void cablePulledMidWriteIsLinkLost() {
        board = new SimBoard(c -> c.cutAfterHostBytes(20_000), r -> r);
        assertThatThrownBy(() -> board.flasher.flash(job(new Region(0x10000, APP)), null, null))
                .isInstanceOfSatisfying(FlashException.class, e -> {
                    assertThat(e.code()).isEqualTo(FlashException.Code.LINK_LOST);
                    assertThat(e.getMessage()).contains("lost").contains("unplugged");
                });
        assertThat(board.rom.count(Opcode.FLASH_DEFL_DATA)).isPositive();
    }

    @Test
    void boardThatStopsAnsweringMidWriteIsTimeout() {
        board = new SimBoard(c -> c, r -> r.stallAfterCommands(20));
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> board.flasher.flash(job(new Region(0x10000, APP)), null, null))
                .isInstanceOfSatisfying(FlashException.class, e -> {
                    assertThat(e.code()).isEqualTo(FlashException.Code.TIMEOUT);
                    assertThat(e.getMessage()).contains("FLASH_DEFL_DATA").contains("stopped answering");
                });
        // esptool's floor: 3 s before giving up on a data block
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        assertPortReleased();
    }

    @Test
    void slowLinkTakesAtLeastTheWireTimeAndStillSucceeds() {
        board = new SimBoard(c -> c.throttled(true), r -> r);
        byte[] image = SimBoard.firmware(16_384, 5);
        long t0 = System.nanoTime();
        FlashResult r = board.flasher.flash(job(new Region(0x10000, image)).withBaud(0), null, null); // stay at 115200
        double seconds = (System.nanoTime() - t0) / 1e9;
        long wire = board.cable.bytesHostToDevice() + board.cable.bytesDeviceToHost();
        assertThat(r.completed()).isTrue();
        assertThat(seconds).isGreaterThanOrEqualTo(wire / 11_520.0 * 0.95);
        assertThat(slice(board.rom.flash(), 0x10000, image.length)).isEqualTo(image);
    }

    private void assertPortReleased() {
        assertThatThrownBy(() -> board.cable.host().write(new byte[1])).isInstanceOf(SerialException.class);
    }
}
