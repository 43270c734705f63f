package io.edgedeck.link.esp32.ops;

/**
 * The board answered, but its flash does not hold what the operation needs (no partition table at 0x8000, no
 * otadata partition, no such OTA slot). Nothing was written.
 */
public final class BoardStateException extends RuntimeException {
    public BoardStateException(String message) {
        super(message);
    }
}
