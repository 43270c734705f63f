package io.edgedeck.link.esp32.image;

/**
 * The 8-byte common image header: magic 0xE9, segment count, SPI flash mode, flash size (high nibble) and
 * frequency (low nibble), entry point.
 */
public record ImageHeader(int magic, int segmentCount, int spiMode, int flashSizeFreq, long entryPoint) {
    public static final int MAGIC = 0xE9;

    /** {@code QIO}, {@code QOUT}, {@code DIO}, {@code DOUT} (esptool's names), or {@code unknown (n)}. */
    public String spiModeName() {
        return switch (spiMode) {
            case 0 -> "QIO";
            case 1 -> "QOUT";
            case 2 -> "DIO";
            case 3 -> "DOUT";
            case 4 -> "FAST_READ";
            case 5 -> "SLOW_READ";
            default -> "unknown (" + spiMode + ")";
        };
    }

    /** High nibble of byte 3: 0 = 1MB … 4 = 16MB … 7 = 128MB. */
    public int flashSizeCode() {
        return flashSizeFreq >> 4 & 0xF;
    }

    /** Low nibble of byte 3: 0 = 40m, 1 = 26m, 2 = 20m, 0xF = 80m. */
    public int flashFreqCode() {
        return flashSizeFreq & 0xF;
    }

    /** {@code 2MB}, or null when the code is not one a chip knows. */
    public String flashSizeName() {
        int code = flashSizeCode();
        return code <= 7 ? (1 << code) + "MB" : null;
    }

    /** The flash size the header claims, in bytes, or -1 when the code is unknown. */
    public long flashSizeBytes() {
        int code = flashSizeCode();
        return code <= 7 ? (1L << code) * 1024 * 1024 : -1;
    }

    /** {@code 40m}, {@code 26m}, {@code 20m}, {@code 80m}, or null when the code is unknown. */
    public String flashFreqName() {
        return switch (flashFreqCode()) {
            case 0x0 -> "40m";
            case 0x1 -> "26m";
            case 0x2 -> "20m";
            case 0xF -> "80m";
            default -> null;
        };
    }
}
