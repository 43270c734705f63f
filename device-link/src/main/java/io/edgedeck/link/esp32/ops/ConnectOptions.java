package io.edgedeck.link.esp32.ops;

import io.edgedeck.link.esp32.flash.FlashJob;
import io.edgedeck.link.esp32.loader.AfterReset;
import io.edgedeck.link.esp32.loader.BeforeReset;

/**
 * How to talk to a board: the baud rate after connecting at 115200 (0 = stay at 115200), the reset before and
 * after ({@code --before no-reset} / {@code --after no-reset} for links without DTR/RTS), and the flash size to assume
 * for a write ({@link FlashJob#DETECT_FLASH_SIZE}, the default: read it from the flash chip's JEDEC id).
 */
public record ConnectOptions(int baud, BeforeReset before, AfterReset after, int flashSize) {

    public ConnectOptions {
        if (baud < 0) {
            throw new IllegalArgumentException("baud rate " + baud + " is negative");
        }
        if (before == null || after == null) {
            throw new IllegalArgumentException("before and after reset must be given");
        }
        if (flashSize < 0 || flashSize > 16 * 1024 * 1024) {
            throw new IllegalArgumentException("flash size " + flashSize + " is not 0 (detect) to 16 MB");
        }
    }

    /** The flash size is detected. */
    public ConnectOptions(int baud, BeforeReset before, AfterReset after) {
        this(baud, before, after, FlashJob.DETECT_FLASH_SIZE);
    }

    /** 460800 baud, classic reset into the loader, hard reset afterwards, flash size detected: what esptool does. */
    public static ConnectOptions defaults() {
        return new ConnectOptions(FlashJob.DEFAULT_BAUD, BeforeReset.DEFAULT_RESET, AfterReset.HARD_RESET);
    }

    public ConnectOptions withBaud(int baud) {
        return new ConnectOptions(baud, before, after, flashSize);
    }

    public ConnectOptions withReset(BeforeReset before, AfterReset after) {
        return new ConnectOptions(baud, before, after, flashSize);
    }

    /** Bytes, or {@link FlashJob#DETECT_FLASH_SIZE}: an explicit size overrides what the flash chip reports. */
    public ConnectOptions withFlashSize(int bytes) {
        return new ConnectOptions(baud, before, after, bytes);
    }
}
