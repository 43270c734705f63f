package io.edgedeck.link.esp32.image;

import java.util.List;

/**
 * One segment: where it loads, how long it is, where its 8-byte header sits in the file, and what the load
 * address means on the chip (e.g. {@code DROM}, {@code BYTE_ACCESSIBLE, DRAM}, {@code PADDING}).
 */
public record ImageSegment(int index, long loadAddress, long length, long fileOffset, List<String> memoryTypes) {
    public ImageSegment {
        memoryTypes = List.copyOf(memoryTypes);
    }

    /** Where the segment's data starts in the file. */
    public long dataOffset() {
        return fileOffset + 8;
    }

    public boolean is(String memoryType) {
        return memoryTypes.contains(memoryType);
    }

    /** Mapped from flash through the cache (DROM or flash IROM): it stays in flash at run time. */
    public boolean isFlashMapped() {
        return is(MemoryMap.DROM) || (is(MemoryMap.IROM) && loadAddress >= 0x400D_0000L);
    }
}
