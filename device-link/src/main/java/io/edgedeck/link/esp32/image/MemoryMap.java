package io.edgedeck.link.esp32.image;

import java.util.ArrayList;
import java.util.List;

/**
 * What a load address means on a chip: the address ranges of esptool's ESP32 memory map. A segment's
 * memory types are all the ranges its load address falls in (ranges overlap: DRAM is also BYTE_ACCESSIBLE).
 * Only the original ESP32 is mapped; other chips answer an empty list.
 */
final class MemoryMap {
    static final String DROM = "DROM";
    static final String IROM = "IROM";
    static final String DRAM = "DRAM";
    static final String PADDING = "PADDING";
    static final String CACHE_APP = "CACHE_APP";
    static final String CACHE_PRO = "CACHE_PRO";

    private record Range(long start, long end, String type) {
    }

    private static final List<Range> ESP32 = List.of(
            new Range(0x0000_0000L, 0x0001_0000L, PADDING),
            new Range(0x3F40_0000L, 0x3F80_0000L, DROM),
            new Range(0x3F80_0000L, 0x3FC0_0000L, "EXTRAM_DATA"),
            new Range(0x3FF8_0000L, 0x3FF8_2000L, "RTC_DRAM"),
            new Range(0x3FF9_0000L, 0x4000_0000L, "BYTE_ACCESSIBLE"),
            new Range(0x3FFA_E000L, 0x4000_0000L, DRAM),
            new Range(0x3FFE_0000L, 0x3FFF_FFFCL, "DIRAM_DRAM"),
            new Range(0x4000_0000L, 0x4007_0000L, IROM),
            new Range(0x4007_0000L, 0x4007_8000L, CACHE_PRO),
            new Range(0x4007_8000L, 0x4008_0000L, CACHE_APP),
            new Range(0x4008_0000L, 0x400A_0000L, "IRAM"),
            new Range(0x400A_0000L, 0x400B_FFFCL, "DIRAM_IRAM"),
            new Range(0x400C_0000L, 0x400C_2000L, "RTC_IRAM"),
            new Range(0x400D_0000L, 0x4040_0000L, IROM),
            new Range(0x5000_0000L, 0x5000_2000L, "RTC_DATA"));

    private MemoryMap() {
    }

    static boolean isMapped(int chipId) {
        return chipId == ChipType.ESP32.imageChipId();
    }

    static List<String> typesOf(int chipId, long loadAddress) {
        if (!isMapped(chipId)) {
            return List.of();
        }
        List<String> types = new ArrayList<>();
        for (Range r : ESP32) {
            if (r.start <= loadAddress && loadAddress < r.end) {
                types.add(r.type);
            }
        }
        return List.copyOf(types);
    }
}
