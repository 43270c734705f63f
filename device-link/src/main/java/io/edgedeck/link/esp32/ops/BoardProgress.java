package io.edgedeck.link.esp32.ops;

import io.edgedeck.link.esp32.flash.FlashProgress;
import io.edgedeck.link.esp32.flash.Progress;

/** Progress of several boards at once: which port, what happened. Called on each board's own thread. */
@FunctionalInterface
public interface BoardProgress {

    BoardProgress NONE = (port, p) -> { };

    void onProgress(String port, Progress progress);

    default FlashProgress forPort(String port) {
        return p -> onProgress(port, p);
    }
}
