package io.edgedeck.link.esp32.flash;

/** What the flasher is doing, for progress displays. */
public enum Phase {
    CONNECTING, ERASING, WRITING, VERIFYING, READING, RESETTING, DONE
}
