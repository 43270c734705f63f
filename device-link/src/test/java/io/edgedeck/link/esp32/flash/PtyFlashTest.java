package io.edgedeck.link.esp32.flash;

import io.edgedeck.link.esp32.loader.BeforeReset;
import io.edgedeck.link.esp32.loader.Chip;
import io.edgedeck.link.esp32.loader.ChipInfo;
import io.edgedeck.link.esp32.loader.FlashException;
import io.edgedeck.link.esp32.loader.Opcode;
import io.edgedeck.link.esp32.sim.SimBoard;
import io.edgedeck.link.esp32.sim.SimulatedRom;
import io.edgedeck.link.esp32.sim.SocatPtyPair;
import io.edgedeck.link.serial.JSerialLink;
import io.edgedeck.link.serial.SerialLink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The flasher against the simulated ROM over a real pseudo-terminal pair (socat), through jSerialComm on both ends. */
class PtyFlashTest {

    private static final byte[] APP = SimBoard.firmware(120_000, 3);
    private SocatPtyPair ptys;
    private SerialLink deviceEnd;
    private SimulatedRom rom;
    private final Esp32Flasher flasher = new Esp32Flasher(LinkOpener.SYSTEM, 2);

    @BeforeEach
    void socat() throws Exception {
        assumeTrue(SocatPtyPair.available(),
                "socat is not installed: pseudo-terminal tests skipped (apt-get install socat; .ci/run installs it)");
        ptys = SocatPtyPair.start();
    }

    private void board(UnaryOperator<SimulatedRom> setup) {
        deviceEnd = JSerialLink.open(ptys.devicePath(), 115_200);
        rom = setup.apply(new SimulatedRom(deviceEnd)).start();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (rom != null) {
            rom.close();
        }
        if (deviceEnd != null) {
            deviceEnd.close();
        }
        if (ptys != null) {
            ptys.close();
        }
    }

    private FlashJob job(boolean compress) {
        return FlashJob.of(ptys.hostPath(), List.of(new Region(0x10000, APP))).withBaud(921_600).withCompress(compress);
    }

    @Test
    void compressedWriteAndVerifyOverAPseudoTerminal() {
        board(r -> r);
        // a pty has no DTR/RTS: the default reset degrades to talking to the board as it is
        FlashResult r = flasher.flash(job(true), null, null);
        assertThat(r.completed()).isTrue();
        assertThat(r.regions().getFirst().verified()).isTrue();
        assertThat(Arrays.copyOfRange(rom.flash(), 0x10000, 0x10000 + APP.length)).isEqualTo(APP);
        assertThat(rom.count(Opcode.FLASH_DEFL_DATA)).isPositive();
    }

    @Test
    void uncompressedWriteAndVerifyOverAPseudoTerminal() {
        board(r -> r);
        FlashResult r = flasher.flash(job(false).withReset(BeforeReset.NO_RESET, io.edgedeck.link.esp32.loader.AfterReset.NO_RESET), null, null);
        assertThat(r.completed()).isTrue();
        assertThat(Arrays.copyOfRange(rom.flash(), 0x10000, 0x10000 + APP.length)).isEqualTo(APP);
        assertThat(rom.count(Opcode.FLASH_DATA)).isEqualTo((APP.length + 0x3FF) / 0x400);
    }

    @Test
    void chipInfoOverAPseudoTerminal() {
        board(r -> r);
        ChipInfo info = flasher.chipInfo(ptys.hostPath(), BeforeReset.NO_RESET);
        assertThat(info.chip()).isEqualTo(Chip.ESP32);
        assertThat(info.mac()).isEqualTo("24:0a:a1:b2:c3:d4");
    }

    @Test
    void silentBoardOverAPseudoTerminalExplainsTheMissingResetLines() {
        board(SimulatedRom::silent);
        assertThatThrownBy(() -> flasher.flash(job(true), null, null))
                .isInstanceOfSatisfying(FlashException.class, e -> {
                    assertThat(e.code()).isEqualTo(FlashException.Code.NO_ANSWER);
                    assertThat(e.getMessage()).contains("no DTR/RTS").contains("hold BOOT");
                });
    }

    @Test
    void portHeldByAnotherProgramIsPortBusy() {
        board(r -> r);
        try (SerialLink monitor = JSerialLink.open(ptys.hostPath(), 115_200)) {
            assertThatThrownBy(() -> flasher.flash(job(true), null, null))
                    .isInstanceOfSatisfying(FlashException.class, e -> {
                        assertThat(e.code()).isEqualTo(FlashException.Code.PORT_BUSY);
                        assertThat(e.getMessage()).contains(ptys.hostPath()).contains("Close the serial monitor");
                    });
        }
        assertThat(rom.opcodes()).isEmpty();
    }

    @Test
    void missingPortIsPortNotFound() {
        assertThatThrownBy(() -> flasher.flash(FlashJob.of("/dev/ttyUSB-edgedeck-none", List.of(new Region(0x10000, APP))),
                null, null)).isInstanceOfSatisfying(FlashException.class, e -> {
                    assertThat(e.code()).isEqualTo(FlashException.Code.PORT_NOT_FOUND);
                    assertThat(e.getMessage()).contains("Pick the port again");
                });
    }

    @Test
    void cablePulledMidWriteOverAPseudoTerminal() throws Exception {
        board(r -> r);
        CancelToken never = new CancelToken();
        FlashProgress pullAtHalf = p -> {
            if (p.phase() == Phase.WRITING && p.fraction() > 0.5) {
                try {
                    ptys.kill();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        assertThatThrownBy(() -> flasher.flash(job(true), pullAtHalf, never))
                .isInstanceOfSatisfying(FlashException.class, e -> {
                    assertThat(e.code()).isEqualTo(FlashException.Code.LINK_LOST);
                    assertThat(e.getMessage()).isNotBlank();
                });
    }
}
