package io.edgedeck.link.esp32.image;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * An ESP-IDF partition table (flashed at 0x8000): up to 0xC00 bytes of 32-byte entries, optionally an MD5
 * entry ({@code EB EB}, 14 × FF, MD5 of the entries before it), then 0xFF.
 */
public final class PartitionTable {
    /** Where ESP-IDF puts the table by default. */
    public static final long DEFAULT_OFFSET = 0x8000;
    /** The most bytes a table may use. */
    public static final int MAX_LENGTH = 0xC00;
    private static final int ENTRY = 32;

    private final List<Partition> entries;
    private final String md5Stored;
    private final String md5Calculated;
    private final int length;

    private PartitionTable(List<Partition> entries, String md5Stored, String md5Calculated, int length) {
        this.entries = List.copyOf(entries);
        this.md5Stored = md5Stored;
        this.md5Calculated = md5Calculated;
        this.length = length;
    }

    /** True when the bytes start like a partition table entry ({@code AA 50}). */
    public static boolean looksLikePartitionTable(byte[] b, int at) {
        return at + 2 <= b.length && Bytes.u8(b, at) == 0xAA && Bytes.u8(b, at + 1) == 0x50;
    }

    /**
     * Parses a table starting at byte 0; bytes past 0xC00 are ignored.
     *
     * @throws ImageFormatException when an entry slot holds something that is neither an entry, the MD5
     *                              entry nor 0xFF
     */
    public static PartitionTable parse(byte[] b) {
        if (b.length == 0) {
            throw new ImageFormatException(ImageFormatException.Reason.EMPTY, "The partition table file is empty.");
        }
        if (!looksLikePartitionTable(b, 0)) {
            throw new ImageFormatException(ImageFormatException.Reason.WRONG_MAGIC, String.format(
                    "The data starts with 0x%02X, not 0xAA 0x50: it is not a partition table.", Bytes.u8(b, 0)));
        }
        List<Partition> entries = new ArrayList<>();
        String stored = null;
        String calculated = null;
        int limit = Math.min(b.length, MAX_LENGTH);
        int at = 0;
        for (; at + ENTRY <= limit; at += ENTRY) {
            if (looksLikePartitionTable(b, at)) {
                entries.add(new Partition(Bytes.u8(b, at + 2), Bytes.u8(b, at + 3), Bytes.u32(b, at + 4),
                        Bytes.u32(b, at + 8), Bytes.cString(b, at + 12, 16), Bytes.u32(b, at + 28)));
            } else if (Bytes.u8(b, at) == 0xEB && Bytes.u8(b, at + 1) == 0xEB && Bytes.allEqual(b, at + 2, at + 16, 0xFF)) {
                stored = Bytes.hex(b, at + 16, at + 32);
                calculated = Bytes.hex(Bytes.md5(b, 0, at));
            } else if (Bytes.allEqual(b, at, at + ENTRY, 0xFF)) {
                break;
            } else {
                throw new ImageFormatException(ImageFormatException.Reason.BAD_PARTITION_TABLE, String.format(
                        "Partition table entry %d (byte 0x%X) is neither a partition, the MD5 entry nor empty.",
                        at / ENTRY, at));
            }
        }
        return new PartitionTable(entries, stored, calculated, at);
    }

    public List<Partition> entries() {
        return entries;
    }

    /** The stored MD5 (hex) when the table has an MD5 entry. */
    public Optional<String> md5Stored() {
        return Optional.ofNullable(md5Stored);
    }

    /** MD5 (hex) of the entries before the MD5 entry, when there is one. */
    public Optional<String> md5Calculated() {
        return Optional.ofNullable(md5Calculated);
    }

    /** True when there is no MD5 entry or it matches. */
    public boolean md5Valid() {
        return md5Stored == null || md5Stored.equals(md5Calculated);
    }

    /** Bytes used by entries and the MD5 entry. */
    public int usedLength() {
        return length;
    }

    /** factory, ota_n and test partitions, by offset. */
    public List<Partition> appSlots() {
        return entries.stream().filter(Partition::isAppSlot).sorted(Comparator.comparingLong(Partition::offset)).toList();
    }

    /** The app slot that starts exactly at {@code offset}. */
    public Optional<Partition> appSlotAt(long offset) {
        return entries.stream().filter(p -> p.isAppSlot() && p.offset() == offset).findFirst();
    }

    /** The partition that contains {@code address}. */
    public Optional<Partition> partitionContaining(long address) {
        return entries.stream().filter(p -> p.contains(address)).findFirst();
    }

    public Optional<Partition> find(String label) {
        return entries.stream().filter(p -> p.label().equals(label)).findFirst();
    }

    public Optional<Partition> factory() {
        return entries.stream().filter(p -> p.isApp() && p.subtype() == Partition.SUBTYPE_FACTORY).findFirst();
    }

    public Optional<Partition> otaData() {
        return entries.stream().filter(Partition::isOtaData).findFirst();
    }

    /** The ota_n partitions, by n. */
    public List<Partition> otaSlots() {
        return entries.stream().filter(Partition::isOtaSlot).sorted(Comparator.comparingInt(Partition::otaIndex)).toList();
    }

    @Override
    public String toString() {
        return "PartitionTable" + Arrays.toString(entries.toArray());
    }
}
