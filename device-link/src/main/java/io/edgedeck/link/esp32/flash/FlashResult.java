package io.edgedeck.link.esp32.flash;

import java.time.Duration;
import java.util.List;

/** How a flash ended: completed (every region written, verified if asked) or cancelled by the user. */
public record FlashResult(Outcome outcome, List<RegionResult> regions, long bytesWritten, Duration elapsed) {

    public enum Outcome { COMPLETED, CANCELLED }

    public boolean completed() {
        return outcome == Outcome.COMPLETED;
    }
}
