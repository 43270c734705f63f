package io.edgedeck.link.esp32.flash;

import io.edgedeck.link.esp32.loader.FlashException;
import io.edgedeck.link.esp32.loader.Opcode;
import io.edgedeck.link.esp32.sim.SimBoard;
import io.edgedeck.link.serial.SerialException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A data block whose reply is lost or garbled is resent with the same sequence number, up to 3 tries. */
class BlockRetryTest {

    private static final byte[] APP = SimBoard.firmware(60_000, 7);
    private SimBoard board;

    @AfterEach
    void tearDown() {
        if (board != null) {
            board.close();
        }
    }

    private static FlashJob job() {
        return FlashJob.of("sim", List.of(new Region(0x10000, APP))).withBaud(921_600);
    }

    private byte[] written() {
        return Arrays.copyOfRange(board.rom.flash(), 0x10000, 0x10000 + APP.length);
    }

    @Test
    void compressedFlashCompletesAndVerifiesAfterOneLostReply() {
        board = new SimBoard(c -> c, r -> r.dropReplyToBlock(3));
        int blocks = (Flasher.deflate(APP).length + 0x3FF) / 0x400;

        FlashResult r = board.flasher.flash(job(), null, null);

        assertThat(r.completed()).isTrue();
        assertThat(r.regions().getFirst().verified()).isTrue();
        assertThat(written()).isEqualTo(APP);
        assertThat(board.rom.count(Opcode.FLASH_DEFL_DATA)).isEqualTo(blocks + 1);
        assertThat(board.rom.resentBlocks()).isEqualTo(1); // answered again, not inflated twice
    }

    @Test
    void uncompressedFlashCompletesAfterOneLostReply() {
        board = new SimBoard(c -> c, r -> r.dropReplyToBlock(5));
        FlashResult r = board.flasher.flash(job().withCompress(false), null, null);

        assertThat(r.completed()).isTrue();
        assertThat(r.regions().getFirst().verified()).isTrue();
        assertThat(written()).isEqualTo(APP);
        assertThat(board.rom.count(Opcode.FLASH_DATA)).isEqualTo((APP.length + 0x3FF) / 0x400 + 1);
        assertThat(board.rom.resentBlocks()).isEqualTo(1);
    }

    @Test
    void aGarbledReplyIsRetriedToo() {
        board = new SimBoard(c -> c, r -> r.garbleReplyToBlock(2));
        FlashResult r = board.flasher.flash(job(), null, null);
        assertThat(r.completed()).isTrue();
        assertThat(written()).isEqualTo(APP);
        assertThat(board.rom.resentBlocks()).isEqualTo(1);
    }

    @Test
    void aBlockResentAfterALostReplyForcesVerificationEvenWhenItWasOff() {
        board = new SimBoard(c -> c, r -> r.dropReplyToBlock(1));
        FlashResult r = board.flasher.flash(job().withVerify(false), null, null);
        assertThat(r.completed()).isTrue();
        assertThat(r.regions().getFirst().verified()).isTrue();
        assertThat(board.rom.count(Opcode.SPI_FLASH_MD5)).isEqualTo(1);
        board.close();

        board = new SimBoard(c -> c, r2 -> r2.dropReplyToBlock(1));
        r = board.flasher.flash(job().withVerify(false).withCompress(false), null, null);
        assertThat(r.regions().getFirst().verified()).isTrue();
        assertThat(board.rom.count(Opcode.SPI_FLASH_MD5)).isEqualTo(1);
    }

    @Test
    void aBlockWhoseRepliesAreLostFourTimesStillFailsWithTimeout() {
        board = new SimBoard(c -> c, r -> r.dropReplyToBlock(2, 4));
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> board.flasher.flash(job(), null, null))
                .isInstanceOfSatisfying(FlashException.class, e -> {
                    assertThat(e.code()).isEqualTo(FlashException.Code.TIMEOUT);
                    assertThat(e.getMessage()).contains("No answer to FLASH_DEFL_DATA")
                            .contains("block 2 of the region at 0x10000").contains("tried 3 times")
                            .contains("stopped answering");
                });
        // three tries of esptool's 3 s floor each, and no fourth
        assertThat((System.nanoTime() - t0) / 1e9).isGreaterThanOrEqualTo(9.0);
        assertThat(board.rom.count(Opcode.FLASH_DEFL_DATA)).isEqualTo(3 + 2);
        assertThat(board.rom.count(Opcode.SPI_FLASH_MD5)).isZero();
        assertThatThrownBy(() -> board.cable.host().write(new byte[1])).isInstanceOf(SerialException.class);
    }

    @Test
    void anyFailureStatusIsRetriedLikeEsptoolAndForcesVerification() {
        // esptool's flash_block retries on every FatalError, a write-error status included (loader.py)
        board = new SimBoard(c -> c, r -> r.failBlock(2, 2));
        FlashResult r = board.flasher.flash(job().withVerify(false), null, null);
        assertThat(r.completed()).isTrue();
        assertThat(written()).isEqualTo(APP);
        assertThat(r.regions().getFirst().verified()).as("the ROM may have written part of the block").isTrue();
        assertThat(board.rom.count(Opcode.SPI_FLASH_MD5)).isEqualTo(1);
        board.close();

        board = new SimBoard(c -> c, r2 -> r2.failBlock(2, 3));
        assertThatThrownBy(() -> board.flasher.flash(job(), null, null))
                .isInstanceOfSatisfying(FlashException.class, e -> {
                    assertThat(e.code()).isEqualTo(FlashException.Code.BAD_STATUS);
                    assertThat(e.getMessage()).contains("FLASH_WRITE").contains("block 2").contains("tried 3 times");
                });
    }

    @Test
    void aBlockRefusedForItsChecksumIsResentAndTheThirdRefusalIsFinal() {
        board = new SimBoard(c -> c, r -> r.damageBlock(4, 2));
        FlashResult r = board.flasher.flash(job(), null, null);
        assertThat(r.completed()).isTrue();
        assertThat(written()).isEqualTo(APP);
        assertThat(board.rom.resentBlocks()).isZero(); // refused blocks were not taken: the resend is new to the ROM
        board.close();

        board = new SimBoard(c -> c, r2 -> r2.damageBlock(4, 3));
        assertThatThrownBy(() -> board.flasher.flash(job(), null, null))
                .isInstanceOfSatisfying(FlashException.class, e -> {
                    assertThat(e.code()).isEqualTo(FlashException.Code.BAD_STATUS);
                    assertThat(e.getMessage()).contains("BAD_CHECKSUM").contains("block 4").contains("tried 3 times");
                });
    }
}
