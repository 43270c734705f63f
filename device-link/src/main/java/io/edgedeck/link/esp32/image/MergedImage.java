package io.edgedeck.link.esp32.image;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A whole-flash file flashed at 0x0 (esptool merge-bin): a bootloader at the chip's bootloader offset
 * (0x0, 0x1000 or 0x2000), the partition table at 0x8000 and apps at their partitions' offsets.
 */
public record MergedImage(long bootloaderOffset, Esp32Image bootloader, PartitionTable partitionTable,
                          List<AppInSlot> apps) {
    /** An app found at the start of an app partition. */
    public record AppInSlot(Partition slot, Esp32Image image) {
    }

    private static final long[] BOOTLOADER_OFFSETS = {0x0, 0x1000, 0x2000};

    public MergedImage {
        apps = List.copyOf(apps);
    }

    /** Recognises a merged file; empty when the data is not one. Never throws. */
    public static Optional<MergedImage> detect(byte[] b) {
        int tableAt = (int) PartitionTable.DEFAULT_OFFSET;
        if (b.length <= tableAt || !PartitionTable.looksLikePartitionTable(b, tableAt)) {
            return Optional.empty();
        }
        try {
            PartitionTable table = PartitionTable.parse(Arrays.copyOfRange(b, tableAt,
                    Math.min(b.length, tableAt + PartitionTable.MAX_LENGTH)));
            for (long at : BOOTLOADER_OFFSETS) {
                if (at < b.length && Bytes.u8(b, (int) at) == ImageHeader.MAGIC) {
                    Esp32Image bootloader = Esp32Image.parse(Arrays.copyOfRange(b, (int) at, tableAt));
                    List<AppInSlot> apps = new ArrayList<>();
                    for (Partition slot : table.appSlots()) {
                        if (slot.offset() < b.length && Bytes.u8(b, (int) slot.offset()) == ImageHeader.MAGIC) {
                            int end = (int) Math.min(b.length, slot.end());
                            apps.add(new AppInSlot(slot, Esp32Image.parse(Arrays.copyOfRange(b, (int) slot.offset(), end))));
                        }
                    }
                    return Optional.of(new MergedImage(at, bootloader, table, apps));
                }
            }
        } catch (ImageFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
