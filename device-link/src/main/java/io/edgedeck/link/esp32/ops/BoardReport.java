package io.edgedeck.link.esp32.ops;

import io.edgedeck.link.esp32.loader.FlashException;

import java.time.Duration;
import java.util.Optional;

/**
 * One board's verdict in a parallel flash.
 *
 * @param error what went wrong, for a person (empty when it worked)
 * @param code  the flasher's stable code when the link or board failed
 */
public record BoardReport(String port, Status status, Optional<FlashOutcome> outcome, Optional<String> error,
                          Optional<FlashException.Code> code, Duration elapsed) {

    public enum Status {
        /** Written and confirmed by the ROM's MD5. */
        VERIFIED,
        /** Written; verification was switched off. */
        WRITTEN,
        /** Cancelled by the user before every region was written. */
        CANCELLED,
        /** The image gate refused the files for this board's chip: nothing written. */
        REFUSED,
        /** The link or the board failed. */
        FAILED
    }

    public boolean ok() {
        return status == Status.VERIFIED || status == Status.WRITTEN;
    }
}
