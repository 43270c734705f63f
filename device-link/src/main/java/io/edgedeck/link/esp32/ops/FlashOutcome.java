package io.edgedeck.link.esp32.ops;

import io.edgedeck.link.esp32.flash.FlashResult;
import io.edgedeck.link.esp32.loader.ChipInfo;

import java.util.Optional;

/**
 * How a validate-then-flash ended on one board.
 *
 * @param gate      the image gate's report against the connected chip (warnings may be worth showing)
 * @param backup    the backup taken before writing, when one was asked for
 * @param resetDone whether the board was reset into its new firmware (false with --after no-reset, or without RTS)
 */
public record FlashOutcome(String port, ChipInfo chip, GateReport gate, Optional<Backup> backup, FlashResult result,
                           boolean resetDone) {

    public boolean completed() {
        return result.completed();
    }
}
