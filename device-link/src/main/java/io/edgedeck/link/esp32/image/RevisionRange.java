package io.edgedeck.link.esp32.image;

import java.util.Optional;

/**
 * Which chip revisions an image runs on, read from its extended header the way esptool's {@code write-flash} reads it
 * (esptool {@code cmds.py}, the chip-revision check before writing):
 * <ul>
 *   <li>max_rev_full = 0: an image from before the "full" fields (IDF &lt; 5.0): only the legacy min_rev, a major
 *       revision, counts;</li>
 *   <li>max_rev_full = 0xFFFF (no maximum): min_rev_full counts, unless it is 0 while the legacy min_rev is set (an
 *       image that only sets the legacy field);</li>
 *   <li>any other max_rev_full: the range [min_rev_full, max_rev_full].</li>
 * </ul>
 * Revisions "full" are major × 100 + minor: v3.1 = 301.
 */
public record RevisionRange(int minFull, int maxFull, boolean legacyMajorOnly) {

    public static final int NO_MAXIMUM = 0xFFFF;

    public static RevisionRange of(ExtendedHeader header) {
        int max = header.maxChipRevFull();
        if (max == 0 || max == NO_MAXIMUM && header.minChipRevFull() == 0 && header.minChipRev() != 0) {
            return new RevisionRange(header.minChipRev() * 100, NO_MAXIMUM, true);
        }
        return new RevisionRange(header.minChipRevFull(), max, false);
    }

    /** Whether a chip of revision {@code boardFull} (major × 100 + minor) may run the image. */
    public boolean admits(int boardFull) {
        if (legacyMajorOnly) {
            return boardFull / 100 >= minFull / 100;
        }
        return boardFull >= minFull && boardFull <= maxFull;
    }

    /** A sentence saying why a board of revision {@code boardFull} cannot run the image, empty when it can. */
    public Optional<String> refusal(int boardFull) {
        if (admits(boardFull)) {
            return Optional.empty();
        }
        String board = ExtendedHeader.revision(boardFull);
        if (legacyMajorOnly || maxFull == NO_MAXIMUM) {
            return Optional.of("The image needs chip revision ≥ " + ExtendedHeader.revision(minFull) + "; this board is "
                    + board + ". Build it for the older revision (ESP-IDF menuconfig: Component config → Hardware "
                    + "Settings → Chip revision → Minimum supported ESP32 revision) or flash another board.");
        }
        return Optional.of("The image runs on chip revisions " + ExtendedHeader.revision(minFull) + " to "
                + ExtendedHeader.revision(maxFull) + "; this board is " + board + ". Build it for this revision or "
                + "flash another board.");
    }
}
