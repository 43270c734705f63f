package io.edgedeck.link.esp32.image;

import java.util.List;

/**
 * The 16-byte extended header (bytes 8–23): WP pin, SPI pin drive strengths, chip id, chip revisions and
 * whether a SHA-256 is appended. Revisions "full" are major × 100 + minor.
 *
 * @param spiPinDrive the raw drive-strength bytes 9–11 (two 4-bit fields each: clk/q, d/cs0, hd/wp)
 */
public record ExtendedHeader(int wpPin, List<Integer> spiPinDrive, int chipId, int minChipRev, int minChipRevFull,
                             int maxChipRevFull, boolean hashAppended) {
    /** The WP pin value that tells the ROM the pin is not remapped. */
    public static final int WP_PIN_DISABLED = 0xEE;

    public ExtendedHeader {
        spiPinDrive = List.copyOf(spiPinDrive);
    }

    public String chipName() {
        return ChipType.nameOf(chipId);
    }

    public int clkDrv() {
        return spiPinDrive.get(0) & 0xF;
    }

    public int qDrv() {
        return spiPinDrive.get(0) >> 4 & 0xF;
    }

    public int dDrv() {
        return spiPinDrive.get(1) & 0xF;
    }

    public int cs0Drv() {
        return spiPinDrive.get(1) >> 4 & 0xF;
    }

    public int hdDrv() {
        return spiPinDrive.get(2) & 0xF;
    }

    public int wpDrv() {
        return spiPinDrive.get(2) >> 4 & 0xF;
    }

    /** {@code v3.99} for 399. */
    public static String revision(int full) {
        return "v" + full / 100 + "." + full % 100;
    }
}
