package io.edgedeck.link.esp32.flash;

import io.edgedeck.link.esp32.loader.AfterReset;
import io.edgedeck.link.esp32.loader.BeforeReset;
import io.edgedeck.link.esp32.loader.Chip;
import io.edgedeck.link.esp32.loader.ChipInfo;
import io.edgedeck.link.esp32.loader.Errors;
import io.edgedeck.link.esp32.loader.FlashException;
import io.edgedeck.link.esp32.loader.LoaderConnection;
import io.edgedeck.link.serial.SerialException;
import io.edgedeck.link.serial.SerialLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.OptionalInt;

/**
 * An open, initialised conversation with one board: port opened at 115200, reset into the loader, SYNC, chip
 * detected (anything but an ESP32 refused), SPI attached, SPI parameters set, baud raised. Closing releases the port,
 * whatever happened before.
 */
public final class FlashSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FlashSession.class);

    private final LoaderConnection conn;
    private final ChipInfo chip;
    private final int flashSize;

    private FlashSession(LoaderConnection conn, ChipInfo chip, int flashSize) {
        this.conn = conn;
        this.chip = chip;
        this.flashSize = flashSize;
    }

    /**
     * @param baud the rate to flash at after connecting at 115200 (0 or 115200: stay)
     * @param flashSize bytes, or {@link FlashJob#DETECT_FLASH_SIZE} to read the size from the flash chip's JEDEC id
     *                  (an unknown id falls back to {@link FlashJob#DEFAULT_FLASH_SIZE} with a warning)
     */
    public static FlashSession open(LinkOpener opener, String port, int baud, BeforeReset before, int flashSize,
                                    int connectAttempts, FlashProgress progress) {
        progress.onProgress(Progress.phase(Phase.CONNECTING));
        SerialLink link;
        try {
            link = opener.open(port, LoaderConnection.ROM_BAUD);
        } catch (SerialException e) {
            throw Errors.fromSerial(e);
        }
        LoaderConnection conn = new LoaderConnection(link);
        try {
            conn.connect(before.strategy(opener.isUsbJtagSerial(port)), connectAttempts);
            ChipInfo info = conn.describe();
            if (!info.chip().flashable()) {
                throw new FlashException(FlashException.Code.WRONG_CHIP,
                        "The board on " + port + " is an " + info.chip().displayName());
            }
            conn.spiAttach();
            int size = flashSize > 0 ? flashSize : detectFlashSize(conn, port);
            conn.spiSetParams(size);
            if (baud > 0) {
                conn.changeBaud(baud);
            }
            return new FlashSession(conn, info, size);
        } catch (RuntimeException e) {
            conn.close();
            throw e;
        }
    }

    private static int detectFlashSize(LoaderConnection conn, String port) {
        int id = conn.flashId();
        OptionalInt size = LoaderConnection.flashSizeOf(id);
        if (size.isPresent()) {
            LOG.info("{}: flash id 0x{}: {} MB flash", port, String.format("%06X", id), size.getAsInt() >> 20);
            return size.getAsInt();
        }
        LOG.warn("{}: cannot tell the flash size from flash id 0x{} (capacity byte 0x{}); assuming {} MB", port,
                String.format("%06X", id), String.format("%02X", id >>> 16 & 0xFF), FlashJob.DEFAULT_FLASH_SIZE >> 20);
        return FlashJob.DEFAULT_FLASH_SIZE;
    }

    /** The flash size in use: the explicit one, or the detected one (or the fallback). */
    public int flashSize() {
        return flashSize;
    }

    public ChipInfo chip() {
        return chip;
    }

    public Chip chipType() {
        return chip.chip();
    }

    public LoaderConnection connection() {
        return conn;
    }

    public Flasher flasher(FlashProgress progress, CancelToken cancel) {
        return new Flasher(conn, progress, cancel, flashSize);
    }

    /** Applies the after-action; false when a hard reset was asked but the port cannot do it. */
    public boolean finish(AfterReset after) {
        return after == AfterReset.NO_RESET || conn.hardReset();
    }

    @Override
    public void close() {
        conn.close();
    }
}
