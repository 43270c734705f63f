package io.edgedeck.link.esp32.loader;

import io.edgedeck.link.esp32.sim.SimulatedRom;
import io.edgedeck.link.serial.MemorySerialPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoaderConnectionTest {

    private final MemorySerialPair pair = new MemorySerialPair(115_200);
    private SimulatedRom rom;
    private LoaderConnection conn;

    private LoaderConnection connect(SimulatedRom sim, ResetStrategy reset, int attempts) {
        rom = sim.start();
        pair.onHostControlLines(rom::controlLines);
        conn = new LoaderConnection(pair.host());
        conn.connect(reset, attempts);
        return conn;
    }

    @AfterEach
    void tearDown() {
        if (conn != null) {
            conn.close();
        }
        if (rom != null) {
            rom.close();
        }
    }

    @Test
    void syncsDrainsTheEightRepliesAndDetectsAnEsp32() {
        connect(new SimulatedRom(pair.device()), ResetStrategy.none(), 1);
        assertThat(rom.count(Opcode.SYNC)).isEqualTo(1);
        assertThat(conn.detectChip()).isEqualTo(Chip.ESP32);
        ChipInfo info = conn.describe();
        assertThat(info.mac()).isEqualTo("24:0a:a1:b2:c3:d4");
        assertThat(info.crystalMhz()).isEqualTo(40);
    }

    @Test
    void classicResetBringsARunningBoardIntoTheLoader() {
        connect(new SimulatedRom(pair.device()).runningFirmware(), ResetStrategy.classic(), 2);
        assertThat(rom.inLoader()).isTrue();
        assertThat(conn.bootText()).contains("waiting for download");
        assertThat(conn.readReg(Chip.DETECT_REGISTER)).isEqualTo(SimulatedRom.ESP32_MAGIC);
    }

    @Test
    void usbJtagSerialResetAlsoEntersTheLoader() {
        connect(new SimulatedRom(pair.device()).runningFirmware().usbJtagSerial(), ResetStrategy.usbJtagSerial(), 1);
        assertThat(rom.inLoader()).isTrue();
    }

    @Test
    void aBoardThatBootsItsFirmwareIsExplained() {
        assertThatThrownBy(() -> connect(new SimulatedRom(pair.device()).runningFirmware().gpio0StuckHigh(),
                ResetStrategy.classic(), 2))
                .isInstanceOfSatisfying(FlashException.class, e -> {
                    assertThat(e.code()).isEqualTo(FlashException.Code.NO_ANSWER);
                    assertThat(e.getMessage()).contains("boot:0x13").contains("GPIO0").contains("hold BOOT");
                });
    }

    @Test
    void silentBoardGivesNoAnswerWithAHint() {
        assertThatThrownBy(() -> connect(new SimulatedRom(pair.device()).silent(), ResetStrategy.none(), 1))
                .isInstanceOfSatisfying(FlashException.class, e -> {
                    assertThat(e.code()).isEqualTo(FlashException.Code.NO_ANSWER);
                    assertThat(e.getMessage()).contains("did not answer").contains("hold BOOT while pressing EN");
                });
    }

    @Test
    void aPortWithoutControlLinesStillSyncsWithABoardAlreadyInTheLoader() {
        pair.withoutControlLines();
        connect(new SimulatedRom(pair.device()), ResetStrategy.classic(), 1);
        assertThat(conn.detectChip()).isEqualTo(Chip.ESP32);
        assertThat(conn.hardReset()).isFalse();
    }

    @Test
    void esp8266IsNamedAndRefused() {
        connect(new SimulatedRom(pair.device()).withMagic(SimulatedRom.ESP8266_MAGIC), ResetStrategy.none(), 1);
        Chip chip = conn.detectChip();
        assertThat(chip).isEqualTo(Chip.ESP8266);
        assertThat(chip.flashable()).isFalse();
    }

    @Test
    void unknownMagicIsWrongChip() {
        connect(new SimulatedRom(pair.device()).withMagic(0x12345678), ResetStrategy.none(), 1);
        assertThatThrownBy(conn::detectChip).isInstanceOfSatisfying(FlashException.class,
                e -> assertThat(e.code()).isEqualTo(FlashException.Code.WRONG_CHIP));
    }

    @Test
    void changeBaudSwitchesBothEndsAndTheLinkKeepsWorking() {
        connect(new SimulatedRom(pair.device()), ResetStrategy.none(), 1);
        conn.changeBaud(921_600);
        assertThat(pair.host().baudRate()).isEqualTo(921_600);
        assertThat(pair.device().baudRate()).isEqualTo(921_600);
        assertThat(conn.detectChip()).isEqualTo(Chip.ESP32);
    }

    @Test
    void changeBaudOn26MhzCrystalsSendsTheRateAsIs() {
        connect(new SimulatedRom(pair.device()).withCrystal(26), ResetStrategy.none(), 1);
        assertThat(conn.crystalMhz()).isEqualTo(26);
        conn.changeBaud(460_800);
        assertThat(Math.abs(pair.device().baudRate() - 460_800)).isLessThan(460_800 / 100);
        assertThat(conn.detectChip()).isEqualTo(Chip.ESP32);
    }

    @Test
    void changeBaudCorrectsForTheRomsDriftingCrystalEstimate() {
        // the ROM believes its 40 MHz crystal runs at 40.8 MHz: told 921600 as is, its UART would run 2 % slow
        connect(new SimulatedRom(pair.device()).withRomCrystalEstimate(40.8e6), ResetStrategy.none(), 1);
        assertThat(new Esp32Efuses(conn).romCalculatedCrystalHz()).isCloseTo(40.8e6, org.assertj.core.data.Offset.offset(2e4));
        conn.changeBaud(921_600);
        assertThat(Math.abs(pair.device().baudRate() - 921_600)).isLessThan(921_600 / 500);
        assertThat(conn.detectChip()).isEqualTo(Chip.ESP32);
    }

    @Test
    void romBaudFollowsEsptoolsRule() {
        assertThat(LoaderConnection.romBaudFor(921_600, 40e6)).isEqualTo(921_600);
        assertThat(LoaderConnection.romBaudFor(921_600, 40.8e6)).isEqualTo(940_032);
        assertThat(LoaderConnection.romBaudFor(115_200, 25.74e6)).isEqualTo(114_048);
        assertThat(LoaderConnection.romBaudFor(115_200, 0)).isEqualTo(115_200);
    }

    @Test
    void describeReadsTheRevisionAndPackageFromTheEfuses() {
        connect(new SimulatedRom(pair.device()).withRevision(1, 0), ResetStrategy.none(), 1);
        ChipInfo v1 = conn.describe();
        assertThat(v1.revision()).contains(new ChipRevision(1, 0));
        assertThat(v1.model()).isEqualTo("ESP32-D0WD");
    }

    @Test
    void aV3ChipIsNamedWithItsV3Package() {
        connect(new SimulatedRom(pair.device()).withRevision(3, 1), ResetStrategy.none(), 1);
        ChipInfo v3 = conn.describe();
        assertThat(v3.revision()).hasValueSatisfying(r -> {
            assertThat(r.toString()).isEqualTo("v3.1");
            assertThat(r.full()).isEqualTo(301);
        });
        assertThat(v3.model()).isEqualTo("ESP32-D0WD-V3");
    }

    @Test
    void readFlashSlowReturnsTheRequestedBytes() {
        SimulatedRom sim = new SimulatedRom(pair.device());
        sim.preload(0x1000, new byte[] {1, 2, 3, 4, 5});
        connect(sim, ResetStrategy.none(), 1);
        conn.spiAttach();
        assertThat(conn.readFlashSlow(0x1001, 3)).containsExactly(2, 3, 4);
    }

    @Test
    void failureStatusIsBadStatusWithTheRomErrorName() {
        connect(new SimulatedRom(pair.device()), ResetStrategy.none(), 1);
        // FLASH_BEGIN without SPI_ATTACH fails in the simulated ROM
        assertThatThrownBy(() -> conn.execute(new Command.FlashBegin(0x1000, 4, 0x400, 0x10000)))
                .isInstanceOfSatisfying(FlashException.class, e -> {
                    assertThat(e.code()).isEqualTo(FlashException.Code.BAD_STATUS);
                    assertThat(e.getMessage()).contains("FLASH_BEGIN").contains("FAILED");
                });
    }

    @Test
    void garbledRepliesAreReportedAsSuch() {
        connect(new SimulatedRom(pair.device()).corruptRepliesFrom(8), ResetStrategy.none(), 1);
        assertThatThrownBy(conn::detectChip).isInstanceOfSatisfying(FlashException.class,
                e -> assertThat(e.code()).isEqualTo(FlashException.Code.CORRUPT_REPLY));
    }
}
