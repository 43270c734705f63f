package io.edgedeck.link.esp32.ops;

import io.edgedeck.link.esp32.flash.FlashJob;
import io.edgedeck.link.esp32.loader.AfterReset;
import io.edgedeck.link.esp32.loader.BeforeReset;

/**
 * How to talk to a board: the baud rate after connecting at 115200 (0 = stay at 115200), and the reset before and
 * after ({@code --before no-reset} / {@code --after no-reset} for links without DTR/RTS).
 */
public record ConnectOptions(int baud, BeforeReset before, AfterReset after) {

    public ConnectOptions {
        if (baud < 0) {
            throw new IllegalArgumentException("baud rate " + baud + " is negative");
        }
        if (before == null || after == null) {
            throw new IllegalArgumentException("before and after reset must be given");
        }
    }

    /** 460800 baud, classic reset into the loader, hard reset afterwards: what esptool does. */
    public static ConnectOptions defaults() {
        return new ConnectOptions(FlashJob.DEFAULT_BAUD, BeforeReset.DEFAULT_RESET, AfterReset.HARD_RESET);
    }

    public ConnectOptions withBaud(int baud) {
        return new ConnectOptions(baud, before, after);
    }

    public ConnectOptions withReset(BeforeReset before, AfterReset after) {
        return new ConnectOptions(baud, before, after);
    }
}
