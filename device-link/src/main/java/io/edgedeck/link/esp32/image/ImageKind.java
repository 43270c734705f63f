package io.edgedeck.link.esp32.image;

/** What an image is for, judged from its descriptors and load addresses. */
public enum ImageKind {
    /** An application: it has flash-mapped (DROM/IROM) segments; flash it into an app partition. */
    APP("application"),
    /** A second-stage bootloader: flash it at the chip's bootloader offset (0x1000 on ESP32). */
    BOOTLOADER("bootloader"),
    /** An image that runs entirely from RAM (loaded with MEM_BEGIN/DATA/END, or by esptool load-ram). */
    RAM_APP("RAM-only application"),
    /** The load addresses are on a chip whose memory map EdgeDeck does not know. */
    UNKNOWN("image");

    private final String description;

    ImageKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
