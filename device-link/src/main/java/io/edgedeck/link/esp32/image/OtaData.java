package io.edgedeck.link.esp32.image;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The otadata partition: two 4 KiB sectors, each opening with {@code esp_ota_select_entry_t}
 * {@code {u32 ota_seq, u8 seq_label[20], u32 ota_state, u32 crc}}. The bootloader boots
 * ota_((seq − 1) mod number of OTA slots) for the valid entry with the larger sequence number, and the
 * factory app (else ota_0) when neither entry is valid — the rules of ESP-IDF's bootloader_common_loader.c.
 */
public final class OtaData {
    public static final int SECTOR_SIZE = 4096;
    /** The size of the otadata partition this class reads and writes. */
    public static final int LENGTH = 2 * SECTOR_SIZE;
    static final int ENTRY_SIZE = 32;
    private static final long UNSET = 0xFFFF_FFFFL;

    /** {@code esp_ota_img_states_t}. */
    public enum State {
        NEW(0), PENDING_VERIFY(1), VALID(2), INVALID(3), ABORTED(4), UNDEFINED(0xFFFF_FFFFL);

        private final long value;

        State(long value) {
            this.value = value;
        }

        public long value() {
            return value;
        }

        static Optional<State> of(long value) {
            return Arrays.stream(values()).filter(s -> s.value == value).findFirst();
        }
    }

    /** One sector's entry and whether the bootloader would believe it. */
    public record Entry(int sector, long offset, long otaSeq, long otaState, long crc, long crcExpected) {
        /** seq set, state not INVALID/ABORTED, CRC right. */
        public boolean valid() {
            return otaSeq != UNSET && otaState != State.INVALID.value && otaState != State.ABORTED.value
                    && crc == crcExpected;
        }

        /** The state's name, or its number when it is not one IDF defines. */
        public String stateName() {
            return State.of(otaState).map(Enum::name).orElse(Long.toString(otaState));
        }
    }

    /**
     * Which app the bootloader starts.
     *
     * @param otaSlot the n of ota_n, or -1 for "factory (or ota_0 when there is no factory app)"
     */
    public record BootSlot(int otaSlot, Optional<Entry> entry) {
        public boolean isFactory() {
            return otaSlot < 0;
        }

        /** {@code ota_1}, or {@code factory (or ota_0 if there is no factory app)}. */
        public String name() {
            return isFactory() ? "factory (or ota_0 if there is no factory app)" : "ota_" + otaSlot;
        }
    }

    /**
     * What to write to select a slot: erase the sector at {@code offset} (relative to the otadata partition)
     * and write {@code sector} there.
     */
    public record SectorWrite(int sectorIndex, long offset, long otaSeq, byte[] sector) {
        public SectorWrite {
            sector = sector.clone();
        }

        @Override
        public byte[] sector() {
            return sector.clone();
        }
    }

    private final List<Entry> entries;

    private OtaData(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Reads both sectors ({@link #LENGTH} bytes; extra bytes are ignored). */
    public static OtaData parse(byte[] b) {
        if (b.length < LENGTH) {
            throw new ImageFormatException(ImageFormatException.Reason.BAD_OTADATA, "otadata is two 4 KiB sectors ("
                    + LENGTH + " bytes) but only " + b.length + " bytes were given.");
        }
        return new OtaData(List.of(entryAt(b, 0), entryAt(b, 1)));
    }

    /** The two erased sectors: boots the factory app. */
    public static OtaData blank() {
        byte[] b = new byte[LENGTH];
        Arrays.fill(b, (byte) 0xFF);
        return parse(b);
    }

    private static Entry entryAt(byte[] b, int sector) {
        int at = sector * SECTOR_SIZE;
        long seq = Bytes.u32(b, at);
        return new Entry(sector, at, seq, Bytes.u32(b, at + 24), Bytes.u32(b, at + 28), crcOf(seq));
    }

    /**
     * ESP-IDF's {@code crc32_le(UINT32_MAX, seq, 4)}: the reflected CRC-32 polynomial continued from the value
     * 0xFFFFFFFF (zlib's {@code crc32(seq_le, 0xFFFFFFFF)}), which differs from a plain CRC-32 of the bytes.
     */
    static long crcOf(long seq) {
        int register = ~0xFFFF_FFFF;
        for (int i = 0; i < 4; i++) {
            register ^= (int) (seq >>> (8 * i)) & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                register = (register >>> 1) ^ (0xEDB8_8320 & -(register & 1));
            }
        }
        return ~register & 0xFFFF_FFFFL;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The entry the bootloader acts on: the valid one with the larger seq. */
    public Optional<Entry> activeEntry(boolean rollbackEnabled) {
        return entries.stream()
                .filter(Entry::valid)
                // With rollback enabled, an app still PENDING_VERIFY at the next boot is aborted: the other one runs.
                .filter(e -> !(rollbackEnabled && e.otaState() == State.PENDING_VERIFY.value))
                .max((x, y) -> Long.compare(x.otaSeq(), y.otaSeq()));
    }

    /** Which slot boots with {@code otaAppCount} ota_n partitions. */
    public BootSlot bootSlot(int otaAppCount, boolean rollbackEnabled) {
        if (otaAppCount <= 0) {
            return new BootSlot(-1, Optional.empty());
        }
        return activeEntry(rollbackEnabled)
                .map(e -> new BootSlot((int) ((e.otaSeq() - 1) % otaAppCount), Optional.of(e)))
                .orElse(new BootSlot(-1, Optional.empty()));
    }

    /** {@link #bootSlot(int, boolean)} without rollback support. */
    public BootSlot bootSlot(int otaAppCount) {
        return bootSlot(otaAppCount, false);
    }

    /**
     * The sector to write so that ota_{@code slot} boots: the smallest sequence number larger than the active
     * one with (seq − 1) mod {@code otaAppCount} = slot, in the sector that does not hold the active entry
     * (sector 0 when none is active). The state is written as UNDEFINED (0xFFFFFFFF), which every bootloader
     * accepts, with or without rollback support.
     */
    public SectorWrite select(int slot, int otaAppCount) {
        return select(slot, otaAppCount, State.UNDEFINED);
    }

    /** {@link #select(int, int)} with a chosen state (NEW makes a rollback-enabled bootloader verify the app). */
    public SectorWrite select(int slot, int otaAppCount, State state) {
        if (otaAppCount <= 0 || slot < 0 || slot >= otaAppCount) {
            throw new IllegalArgumentException("ota_" + slot + " does not exist with " + otaAppCount + " OTA slots");
        }
        Optional<Entry> active = activeEntry(false);
        long current = active.map(Entry::otaSeq).orElse(0L);
        long seq = current + 1;
        while ((seq - 1) % otaAppCount != slot) {
            seq++;
        }
        if (seq >= UNSET) {
            throw new IllegalStateException("otadata sequence numbers are exhausted; erase otadata first");
        }
        int sector = active.map(e -> 1 - e.sector()).orElse(0);
        byte[] bytes = new byte[SECTOR_SIZE];
        Arrays.fill(bytes, (byte) 0xFF);
        Bytes.putU32(bytes, 0, seq);
        Bytes.putU32(bytes, 24, state.value());
        Bytes.putU32(bytes, 28, crcOf(seq));
        return new SectorWrite(sector, (long) sector * SECTOR_SIZE, seq, bytes);
    }

    /** This otadata after {@code write} was applied (to check a selection before writing it). */
    public OtaData apply(SectorWrite write, byte[] current) {
        byte[] b = Arrays.copyOf(current, LENGTH);
        System.arraycopy(write.sector(), 0, b, (int) write.offset(), SECTOR_SIZE);
        return parse(b);
    }
}
