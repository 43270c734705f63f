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

/**
 * An open, initialised conversation with one board: port opened at 115200, reset into the loader, SYNC, chip
 * detected (anything but an ESP32 refused), SPI attached, SPI parameters set, baud raised. Closing releases the port,
 * whatever happened before.
 */
public final class FlashSession implements AutoCloseable {

    private final LoaderConnection conn;
    private final ChipInfo chip;

    private FlashSession(LoaderConnection conn, ChipInfo chip) {
        this.conn = conn;
        this.chip = chip;
    }

    /**
     * @param baud the rate to flash at after connecting at 115200 (0 or 115200: stay)
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
            conn.spiSetParams(flashSize);
            if (baud > 0) {
                conn.changeBaud(baud);
            }
            return new FlashSession(conn, info);
        } catch (RuntimeException e) {
            conn.close();
            throw e;
        }
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
        return new Flasher(conn, progress, cancel);
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
