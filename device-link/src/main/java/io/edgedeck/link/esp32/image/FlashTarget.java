package io.edgedeck.link.esp32.image;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The board an image is about to be written to: its chip, its flash size when known (0 = unknown), its partition
 * table when known (read from the board or from the files being flashed) and its chip revision when known
 * (major × 100 + minor, read from the board's eFuses).
 */
public record FlashTarget(ChipType chip, long flashSizeBytes, Optional<PartitionTable> partitionTable,
                          OptionalInt chipRevisionFull) {
    public FlashTarget {
        partitionTable = partitionTable == null ? Optional.empty() : partitionTable;
        chipRevisionFull = chipRevisionFull == null ? OptionalInt.empty() : chipRevisionFull;
    }

    /** A target whose chip revision is not known (checked offline, before connecting). */
    public FlashTarget(ChipType chip, long flashSizeBytes, Optional<PartitionTable> partitionTable) {
        this(chip, flashSizeBytes, partitionTable, OptionalInt.empty());
    }

    public static FlashTarget of(ChipType chip) {
        return new FlashTarget(chip, 0, Optional.empty());
    }

    public FlashTarget withFlashSize(long bytes) {
        return new FlashTarget(chip, bytes, partitionTable, chipRevisionFull);
    }

    public FlashTarget withPartitionTable(PartitionTable table) {
        return new FlashTarget(chip, flashSizeBytes, Optional.of(table), chipRevisionFull);
    }

    public FlashTarget withChipRevision(int full) {
        return new FlashTarget(chip, flashSizeBytes, partitionTable, OptionalInt.of(full));
    }
}
