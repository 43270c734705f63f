package io.edgedeck.link.esp32.flash;

/**
 * One progress report. Byte counts are image (uncompressed) bytes; {@code region} is 0-based, -1 outside regions.
 */
public record Progress(Phase phase, int region, int regionCount, long regionDone, long regionTotal, long done, long total) {

    public static Progress phase(Phase phase) {
        return new Progress(phase, -1, 0, 0, 0, 0, 0);
    }

    public double fraction() {
        return total == 0 ? 0 : (double) done / total;
    }
}
