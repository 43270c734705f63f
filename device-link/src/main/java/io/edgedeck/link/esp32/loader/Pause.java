package io.edgedeck.link.esp32.loader;

/** Thread.sleep that keeps the interrupt flag and turns an interrupt into a {@link FlashException}. */
final class Pause {

    private Pause() {
    }

    static void millis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlashException(FlashException.Code.IO, "Interrupted", e);
        }
    }
}
