package io.edgedeck.link.esp32.ops;

import io.edgedeck.link.esp32.flash.Region;
import io.edgedeck.link.esp32.flash.WriteOptions;
import io.edgedeck.link.esp32.image.ValidationPolicy;

import java.util.List;
import java.util.Optional;

/**
 * What to write to a board and how: the files at their offsets, the link settings, compressed or plain writes,
 * MD5 verification, the image policy (signatures) and whether to back up flash before writing — the span the files
 * will overwrite, or, when {@code backupPartition} names one, that partition of the table already on the board.
 */
public record FlashPlan(List<ImageFile> files, ConnectOptions connect, WriteOptions write, ValidationPolicy policy,
                        boolean backup, Optional<String> backupPartition) {

    public FlashPlan {
        files = List.copyOf(files);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("nothing to flash: give at least one OFFSET FILE pair");
        }
        if (connect == null || write == null || policy == null) {
            throw new IllegalArgumentException("connect options, write options and policy must be given");
        }
        backupPartition = backupPartition == null ? Optional.empty() : backupPartition.filter(n -> !n.isBlank());
        backup |= backupPartition.isPresent();
    }

    /** A plan whose backup, if any, covers the span of the files. */
    public FlashPlan(List<ImageFile> files, ConnectOptions connect, WriteOptions write, ValidationPolicy policy,
                     boolean backup) {
        this(files, connect, write, policy, backup, Optional.empty());
    }

    /** Defaults: esptool's link settings, compressed and verified, unsigned images accepted, no backup. */
    public static FlashPlan of(List<ImageFile> files) {
        return new FlashPlan(files, ConnectOptions.defaults(), WriteOptions.DEFAULT, ValidationPolicy.permissive(), false);
    }

    public FlashPlan withConnect(ConnectOptions connect) {
        return new FlashPlan(files, connect, write, policy, backup, backupPartition);
    }

    public FlashPlan withWrite(WriteOptions write) {
        return new FlashPlan(files, connect, write, policy, backup, backupPartition);
    }

    public FlashPlan withPolicy(ValidationPolicy policy) {
        return new FlashPlan(files, connect, write, policy, backup, backupPartition);
    }

    /** Back up (or not) the span the files cover. */
    public FlashPlan withBackup(boolean backup) {
        return new FlashPlan(files, connect, write, policy, backup, Optional.empty());
    }

    /** Back up the partition called {@code label} in the board's partition table (e.g. {@code factory}, {@code ota_0}). */
    public FlashPlan withBackupPartition(String label) {
        return new FlashPlan(files, connect, write, policy, true, Optional.of(label));
    }

    public List<Region> regions() {
        return files.stream().map(ImageFile::region).toList();
    }

    /** The flash range the files cover, from the lowest offset to the highest end rounded up to a 4 KiB sector. */
    public int backupOffset() {
        return files.stream().mapToInt(ImageFile::offset).min().orElseThrow();
    }

    public int backupLength() {
        long end = files.stream().mapToLong(f -> (long) f.offset() + f.data().length).max().orElseThrow();
        long rounded = (end + 0xFFF) / 0x1000 * 0x1000;
        return (int) (rounded - backupOffset());
    }
}
