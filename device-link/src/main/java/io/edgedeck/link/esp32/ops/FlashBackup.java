package io.edgedeck.link.esp32.ops;

import io.edgedeck.link.esp32.flash.CancelToken;
import io.edgedeck.link.esp32.flash.FlashProgress;
import io.edgedeck.link.esp32.flash.Flasher;

import java.nio.file.Path;

/** Reads a flash range into a file ({@code edgedeck read-flash}): a backup that {@code flash OFFSET FILE} restores. */
public final class FlashBackup {

    private final BoardAccess access;

    public FlashBackup(BoardAccess access) {
        this.access = access;
    }

    /**
     * @throws java.util.concurrent.CancellationException when cancelled (no file is written)
     * @throws io.edgedeck.link.esp32.loader.FlashException on any link or board failure
     */
    public Backup read(String port, ConnectOptions options, int offset, int length, Path file, FlashProgress progress,
                       CancelToken cancel) {
        if (length <= 0) {
            throw new IllegalArgumentException("the length must be positive, not " + length);
        }
        byte[] data = access.flasher().readFlash(port, options.baud(), options.before(), options.after(), offset,
                length, progress, cancel);
        return Backup.save(offset, data, Flasher.md5Hex(data), file);
    }
}
