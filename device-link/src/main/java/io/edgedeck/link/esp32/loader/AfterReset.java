package io.edgedeck.link.esp32.loader;

/** What to do after the work is done ({@code --after}). */
public enum AfterReset {
    /** Pulse RTS (EN) so the new firmware boots. */
    HARD_RESET,
    /** Leave the chip in the loader. */
    NO_RESET
}
