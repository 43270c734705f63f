package io.edgedeck.link.esp32.flash;

import io.edgedeck.link.esp32.loader.AfterReset;
import io.edgedeck.link.esp32.loader.BeforeReset;
import io.edgedeck.link.esp32.loader.LoaderConnection;

import java.util.List;

/**
 * Everything {@code edgedeck flash} needs: where, how fast, how to reset, how to write, what. Images must have been
 * validated by the caller (io.edgedeck.link.esp32.image) — the flasher takes raw bytes.
 * <p>
 * {@code flashSize} is the board's flash in bytes, or {@link #DETECT_FLASH_SIZE} to read it from the flash chip's JEDEC
 * id after connecting (the regions are then checked against the detected size before anything is written; an id
 * that names no size falls back to {@link #DEFAULT_FLASH_SIZE} with a warning). The default stays an explicit 4 MB:
 * with detection, regions beyond the real flash are refused only after the port was opened.
 */
public record FlashJob(String port, int baud, BeforeReset before, AfterReset after, boolean compress, boolean verify,
                       int flashSize, List<Region> regions) {

    public static final int DEFAULT_BAUD = 460_800;
    public static final int DEFAULT_FLASH_SIZE = 4 * 1024 * 1024;
    /** {@code flashSize} value meaning "ask the flash chip" (esptool's {@code --flash-size detect}). */
    public static final int DETECT_FLASH_SIZE = 0;

    public FlashJob {
        if (flashSize < 0) {
            throw new IllegalArgumentException("flash size " + flashSize);
        }
        regions = List.copyOf(regions);
    }

    /** Defaults: 460800 baud, classic reset before, hard reset after, compressed, verified, 4 MB flash. */
    public static FlashJob of(String port, List<Region> regions) {
        return new FlashJob(port, DEFAULT_BAUD, BeforeReset.DEFAULT_RESET, AfterReset.HARD_RESET, true, true,
                DEFAULT_FLASH_SIZE, regions);
    }

    public FlashJob withBaud(int baud) {
        return new FlashJob(port, baud, before, after, compress, verify, flashSize, regions);
    }

    public FlashJob withReset(BeforeReset before, AfterReset after) {
        return new FlashJob(port, baud, before, after, compress, verify, flashSize, regions);
    }

    public FlashJob withCompress(boolean compress) {
        return new FlashJob(port, baud, before, after, compress, verify, flashSize, regions);
    }

    /** An explicit size in bytes, or {@link #DETECT_FLASH_SIZE}. */
    public FlashJob withFlashSize(int flashSize) {
        return new FlashJob(port, baud, before, after, compress, verify, flashSize, regions);
    }

    public FlashJob withDetectedFlashSize() {
        return withFlashSize(DETECT_FLASH_SIZE);
    }

    public boolean detectsFlashSize() {
        return flashSize == DETECT_FLASH_SIZE;
    }

    public FlashJob withVerify(boolean verify) {
        return new FlashJob(port, baud, before, after, compress, verify, flashSize, regions);
    }

    public int connectBaud() {
        return LoaderConnection.ROM_BAUD;
    }
}
