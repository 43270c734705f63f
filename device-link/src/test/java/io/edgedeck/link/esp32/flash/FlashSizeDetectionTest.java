package io.edgedeck.link.esp32.flash;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.edgedeck.link.esp32.loader.FlashException;
import io.edgedeck.link.esp32.loader.LoaderConnection;
import io.edgedeck.link.esp32.loader.Opcode;
import io.edgedeck.link.esp32.loader.ResetStrategy;
import io.edgedeck.link.esp32.sim.SimBoard;
import io.edgedeck.link.esp32.sim.SimulatedRom;
import io.edgedeck.link.serial.MemorySerialPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Flash size from the flash chip's JEDEC id (RDID through SPI1's user-command registers). */
class FlashSizeDetectionTest {

    private final MemorySerialPair pair = new MemorySerialPair(115_200);
    private SimBoard board;
    private SimulatedRom rom;
    private LoaderConnection conn;

    @AfterEach
    void tearDown() {
        if (conn != null) {
            conn.close();
        }
        if (rom != null) {
            rom.close();
        }
        if (board != null) {
            board.close();
        }
    }

    private LoaderConnection connect(SimulatedRom sim) {
        rom = sim.start();
        conn = new LoaderConnection(pair.host());
        conn.connect(ResetStrategy.none(), 1);
        conn.spiAttach();
        return conn;
    }

    @ParameterizedTest
    @CsvSource({"0x1640C8, 4", "0x1740EF, 8", "0x1840EF, 16", "0x15401C, 2", "0x144020, 1"})
    void flashIdAndSizeOfSimulatedChips(String id, int megabytes) {
        int jedec = Integer.decode(id);
        connect(new SimulatedRom(pair.device()).withFlashId(jedec));
        assertThat(conn.flashId()).isEqualTo(jedec);
        assertThat(conn.detectFlashSize()).hasValue(megabytes * 1024 * 1024);
        // the register dance: only READ_REG/WRITE_REG, and USR/USR2 restored afterwards
        assertThat(rom.count(Opcode.WRITE_REG)).isPositive();
        assertThat(conn.readReg(LoaderConnection.SPI_USR_REG)).isZero();
        assertThat(conn.readReg(LoaderConnection.SPI_USR2_REG)).isZero();
    }

    @Test
    void capacityCodesBeyondTheRomsReachAreCappedAndOddIdsAreUnknown() {
        assertThat(LoaderConnection.flashSizeOf(0x1940EF)).hasValue(16 * 1024 * 1024);
        assertThat(LoaderConnection.flashSizeOf(0x36605E)).hasValue(4 * 1024 * 1024);
        assertThat(LoaderConnection.flashSizeOf(0xFFFFFF)).isEqualTo(OptionalInt.empty());
        assertThat(LoaderConnection.flashSizeOf(0x000000)).isEqualTo(OptionalInt.empty());
    }

    @ParameterizedTest
    @CsvSource({"0x1640C8, 4", "0x1740EF, 8", "0x1840EF, 16"})
    void aJobWithoutExplicitSizeUsesTheDetectedSizeForSpiParams(String id, int megabytes) {
        board = new SimBoard(c -> c, r -> r.withFlashId(Integer.decode(id)));
        byte[] app = SimBoard.firmware(20_000, 3);
        FlashResult r = board.flasher.flash(job(new Region(0x10000, app)).withDetectedFlashSize(), null, null);
        assertThat(r.completed()).isTrue();
        assertThat(board.rom.spiParamsSize()).isEqualTo(megabytes * 1024 * 1024);
    }

    @Test
    void anEightMegabyteChipTakesARegionBeyondFourMegabytes() {
        board = new SimBoard(c -> c, r -> r.withFlashId(0x1740EF));
        byte[] app = SimBoard.firmware(50_000, 4);
        FlashResult r = board.flasher.flash(job(new Region(0x500000, app)).withDetectedFlashSize(), null, null);
        assertThat(r.completed()).isTrue();
        assertThat(r.regions().getFirst().verified()).isTrue();
        assertThat(Arrays.copyOfRange(board.rom.flash(), 0x500000, 0x500000 + app.length)).isEqualTo(app);
    }

    @Test
    void aRegionBeyondTheDetectedSizeIsRefusedBeforeAnythingIsWritten() {
        board = new SimBoard(c -> c, r -> r); // 4 MB chip
        byte[] app = SimBoard.firmware(50_000, 4);
        assertThatThrownBy(() -> board.flasher.flash(job(new Region(0x500000, app)).withDetectedFlashSize(), null, null))
                .isInstanceOfSatisfying(FlashException.class, e -> {
                    assertThat(e.code()).isEqualTo(FlashException.Code.BAD_REQUEST);
                    assertThat(e.getMessage()).contains("0x500000").contains("beyond the board's 4 MB flash");
                });
        assertThat(board.rom.opcodes()).doesNotContain(Opcode.FLASH_BEGIN.code(), Opcode.FLASH_DEFL_BEGIN.code());
    }

    @Test
    void anExplicitSizeIsUsedAsGivenWithoutAskingTheChip() {
        board = new SimBoard(c -> c, r -> r.withFlashId(0x1840EF));
        byte[] app = SimBoard.firmware(20_000, 3);
        board.flasher.flash(job(new Region(0x10000, app)).withFlashSize(2 * 1024 * 1024), null, null);
        assertThat(board.rom.spiParamsSize()).isEqualTo(2 * 1024 * 1024);
        assertThat(board.rom.count(Opcode.WRITE_REG)).isZero();
        // the default job keeps its explicit 4 MB
        assertThat(FlashJob.of("sim", List.of(new Region(0, app))).flashSize()).isEqualTo(FlashJob.DEFAULT_FLASH_SIZE);
    }

    @Test
    void anUnknownIdFallsBackToTheDefaultSizeWithAWarning() {
        Logger log = (Logger) LoggerFactory.getLogger(FlashSession.class);
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        log.addAppender(seen);
        try {
            board = new SimBoard(c -> c, r -> r.withFlashId(0xFFFFFF));
            byte[] app = SimBoard.firmware(20_000, 3);
            FlashResult r = board.flasher.flash(job(new Region(0x10000, app)).withDetectedFlashSize(), null, null);
            assertThat(r.completed()).isTrue();
            assertThat(board.rom.spiParamsSize()).isEqualTo(FlashJob.DEFAULT_FLASH_SIZE);
            assertThat(seen.list).anySatisfy(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.WARN);
                assertThat(e.getFormattedMessage()).contains("FFFFFF").contains("assuming 4 MB");
            });
        } finally {
            log.detachAppender(seen);
        }
    }

    private static FlashJob job(Region... regions) {
        return FlashJob.of("sim", List.of(regions)).withBaud(921_600);
    }
}
