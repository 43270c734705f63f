package io.edgedeck.link.esp32.ops;

import io.edgedeck.link.esp32.flash.CancelToken;
import io.edgedeck.link.esp32.flash.FlashProgress;
import io.edgedeck.link.esp32.flash.FlashSession;
import io.edgedeck.link.esp32.image.ImageFormatException;
import io.edgedeck.link.esp32.image.Partition;
import io.edgedeck.link.esp32.image.PartitionTable;

/**
 * The partition table already on a board (at 0x8000, read with READ_FLASH_SLOW: 0xC00 bytes, 48 short reads) and
 * its partitions by name.
 */
final class BoardPartitions {

    private BoardPartitions() {
    }

    /** @throws BoardStateException when the board has no partition table or an unreadable one */
    static PartitionTable read(FlashSession session, CancelToken cancel) {
        byte[] bytes = session.flasher(FlashProgress.NONE, cancel).read((int) PartitionTable.DEFAULT_OFFSET,
                PartitionTable.MAX_LENGTH);
        if (!PartitionTable.looksLikePartitionTable(bytes, 0)) {
            throw new BoardStateException(String.format("The board has no partition table at 0x8000 (the flash there "
                    + "starts with 0x%02X%02X): it was never flashed with an ESP-IDF app, so it has no partitions to "
                    + "read by name", bytes[0], bytes[1]));
        }
        try {
            return PartitionTable.parse(bytes);
        } catch (ImageFormatException e) {
            throw new BoardStateException("The board's partition table cannot be read: " + e.getMessage());
        }
    }

    /** @throws BoardStateException when the table has no partition called {@code label} (the message lists them) */
    static Partition find(PartitionTable table, String label) {
        return table.find(label).orElseThrow(() -> new BoardStateException("The board's partition table has no "
                + "partition called '" + label + "'; it has " + table.entries().stream()
                .map(p -> String.format("%s (%s/%s at 0x%X)", p.label(), p.typeName(), p.subtypeName(), p.offset()))
                .toList()));
    }
}
