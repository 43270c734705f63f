package io.edgedeck.link.esp32.ops;

import io.edgedeck.link.esp32.flash.CancelToken;
import io.edgedeck.link.esp32.flash.FlashProgress;
import io.edgedeck.link.esp32.flash.FlashJob;
import io.edgedeck.link.esp32.flash.FlashSession;
import io.edgedeck.link.esp32.flash.Flasher;
import io.edgedeck.link.esp32.image.Partition;
import io.edgedeck.link.esp32.loader.AfterReset;

import java.nio.file.Path;

/** Reads a flash range or a named partition into a file ({@code edgedeck read-flash}): a backup that {@code flash OFFSET FILE} restores. */
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

    /**
     * Reads the partition called {@code label} (e.g. {@code factory}, {@code ota_0}, {@code nvs}) of the partition table
     * on the board into a file.
     *
     * @throws BoardStateException when the board has no partition table or no partition of that name
     */
    public Backup readPartition(String port, ConnectOptions options, String label, Path file, FlashProgress progress,
                                CancelToken cancel) {
        FlashProgress p = progress == null ? FlashProgress.NONE : progress;
        CancelToken c = cancel == null ? new CancelToken() : cancel;
        try (FlashSession session = FlashSession.open(access.opener(), port, options.baud(), options.before(),
                FlashJob.DEFAULT_FLASH_SIZE, access.connectAttempts(), p)) {
            Partition part = BoardPartitions.find(BoardPartitions.read(session, c), label);
            byte[] data = session.flasher(p, c).read((int) part.offset(), (int) part.size());
            if (options.after() != AfterReset.NO_RESET) {
                session.finish(options.after());
            }
            return Backup.save((int) part.offset(), data, Flasher.md5Hex(data), file);
        }
    }
}
