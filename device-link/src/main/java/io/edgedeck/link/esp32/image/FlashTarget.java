package io.edgedeck.link.esp32.image;

import java.util.Optional;

/**
 * The board an image is about to be written to: its chip, its flash size when known (0 = unknown) and its
 * partition table when known (read from the board or from the files being flashed).
 */
public record FlashTarget(ChipType chip, long flashSizeBytes, Optional<PartitionTable> partitionTable) {
    public FlashTarget {
        partitionTable = partitionTable == null ? Optional.empty() : partitionTable;
    }

    public static FlashTarget of(ChipType chip) {
        return new FlashTarget(chip, 0, Optional.empty());
    }

    public FlashTarget withFlashSize(long bytes) {
        return new FlashTarget(chip, bytes, partitionTable);
    }

    public FlashTarget withPartitionTable(PartitionTable table) {
        return new FlashTarget(chip, flashSizeBytes, Optional.of(table));
    }
}
