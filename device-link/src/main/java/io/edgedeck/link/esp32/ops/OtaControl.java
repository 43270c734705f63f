package io.edgedeck.link.esp32.ops;

import io.edgedeck.link.esp32.flash.CancelToken;
import io.edgedeck.link.esp32.flash.FlashJob;
import io.edgedeck.link.esp32.flash.FlashProgress;
import io.edgedeck.link.esp32.flash.FlashResult;
import io.edgedeck.link.esp32.flash.FlashSession;
import io.edgedeck.link.esp32.flash.Flasher;
import io.edgedeck.link.esp32.flash.Region;
import io.edgedeck.link.esp32.flash.WriteOptions;
import io.edgedeck.link.esp32.image.ImageFormatException;
import io.edgedeck.link.esp32.image.OtaData;
import io.edgedeck.link.esp32.image.Partition;
import io.edgedeck.link.esp32.image.PartitionTable;
import io.edgedeck.link.esp32.loader.AfterReset;
import io.edgedeck.link.esp32.loader.ChipInfo;
import io.edgedeck.link.esp32.loader.FlashException;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OTA rollback from the bench: reads the partition table (0x8000) and otadata from the board, reports which slot
 * boots, and writes the otadata sector that makes another slot boot ({@link OtaData#select}), reading it back to
 * confirm. Reads use READ_FLASH_SLOW (about 11 KiB: quick).
 */
public final class OtaControl {

    private static final Pattern SLOT = Pattern.compile("(?:ota_?)?(\\d{1,2})");

    private final BoardAccess access;

    public OtaControl(BoardAccess access) {
        this.access = access;
    }

    /** {@code ota_1}, {@code ota1} or {@code 1} → 1. */
    public static int parseSlot(String name) {
        Matcher m = SLOT.matcher(name.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + name + "' is not an OTA slot; use ota_0, ota_1, ...");
        }
        return Integer.parseInt(m.group(1));
    }

    /** Read-only: which slot boots. */
    public OtaStatus status(String port, ConnectOptions options, FlashProgress progress, CancelToken cancel) {
        try (FlashSession session = open(port, options, progress)) {
            OtaStatus status = read(session, progress, cancel);
            session.finish(options.after());
            return status;
        }
    }

    /**
     * Makes ota_{@code slot} boot: writes one otadata sector (erase + write, MD5-verified), reads otadata back and
     * checks the boot slot. Nothing is written when that slot already boots.
     *
     * @throws BoardStateException no partition table, no otadata, no such slot, or no app in it
     */
    public OtaSwitch select(String port, int slot, ConnectOptions options, FlashProgress progress, CancelToken cancel) {
        FlashProgress p = progress == null ? FlashProgress.NONE : progress;
        try (FlashSession session = open(port, options, p)) {
            OtaStatus before = read(session, p, cancel);
            Optional<Partition> slotPartition = before.otaSlots().stream().filter(s -> s.otaIndex() == slot).findFirst();
            if (slotPartition.isEmpty()) {
                throw new BoardStateException(String.format("ota_%d does not exist on the board on %s: its partition "
                        + "table has %s", slot, port, names(before.otaSlots())));
            }
            if (!before.boots().isFactory() && before.boots().otaSlot() == slot) {
                boolean reset = resetAfter(session, options);
                return new OtaSwitch(before, before.boots(), Optional.empty(), reset);
            }
            Partition target = slotPartition.get();
            byte[] head = flasher(session, p, cancel).read((int) target.offset(), 4);
            if ((head[0] & 0xFF) != 0xE9) {
                throw new BoardStateException(String.format("%s (0x%X) holds no app (it starts with 0x%02X, not 0xE9): "
                        + "the board would not boot; flash an app there first", target.label(), target.offset(),
                        head[0] & 0xFF));
            }
            OtaData.SectorWrite write = before.otaData().select(slot, before.otaSlots().size());
            int at = (int) (before.otadataPartition().offset() + write.offset());
            FlashResult r = flasher(session, p, cancel).write(List.of(new Region(at, write.sector())),
                    new WriteOptions(false, true));
            if (!r.completed()) {
                throw new CancellationException("Cancelled before otadata was written");
            }
            OtaData readBack = readOtaData(session, before.otadataPartition(), p, cancel);
            OtaData.BootSlot after = readBack.bootSlot(before.otaSlots().size());
            if (after.otaSlot() != slot) {
                throw new FlashException(FlashException.Code.MD5_MISMATCH, String.format("otadata was written at 0x%X "
                        + "but reading it back the board would still boot %s", at, after.name()));
            }
            boolean reset = resetAfter(session, options);
            return new OtaSwitch(before, after, Optional.of(write), reset);
        }
    }

    private static boolean resetAfter(FlashSession session, ConnectOptions options) {
        return options.after() != AfterReset.NO_RESET && session.finish(options.after());
    }

    private FlashSession open(String port, ConnectOptions options, FlashProgress progress) {
        return FlashSession.open(access.opener(), port, options.baud(), options.before(), FlashJob.DEFAULT_FLASH_SIZE,
                access.connectAttempts(), progress == null ? FlashProgress.NONE : progress);
    }

    private static Flasher flasher(FlashSession session, FlashProgress p, CancelToken cancel) {
        return session.flasher(p, cancel);
    }

    private static OtaStatus read(FlashSession session, FlashProgress p, CancelToken cancel) {
        ChipInfo chip = session.chip();
        byte[] tableBytes = flasher(session, p, cancel).read((int) PartitionTable.DEFAULT_OFFSET, PartitionTable.MAX_LENGTH);
        if (!PartitionTable.looksLikePartitionTable(tableBytes, 0)) {
            throw new BoardStateException("The board has no partition table at 0x8000 (the flash there starts with "
                    + String.format("0x%02X%02X", tableBytes[0], tableBytes[1]) + "): it was never flashed with an "
                    + "ESP-IDF app, so it has no OTA slots");
        }
        PartitionTable table;
        try {
            table = PartitionTable.parse(tableBytes);
        } catch (ImageFormatException e) {
            throw new BoardStateException("The board's partition table cannot be read: " + e.getMessage());
        }
        Partition otadata = table.otaData().orElseThrow(() -> new BoardStateException(
                "The board's partition table has no otadata partition: it boots its factory app and has no OTA slots"));
        List<Partition> slots = table.otaSlots();
        if (slots.isEmpty()) {
            throw new BoardStateException("The board's partition table has an otadata partition but no ota_N app slots");
        }
        if (otadata.size() < OtaData.LENGTH) {
            throw new BoardStateException(String.format("The otadata partition is 0x%X bytes, less than the two 4 KiB "
                    + "sectors the bootloader uses", otadata.size()));
        }
        OtaData data = readOtaData(session, otadata, p, cancel);
        return new OtaStatus(chip, table, otadata, data, slots, data.bootSlot(slots.size()));
    }

    private static OtaData readOtaData(FlashSession session, Partition otadata, FlashProgress p, CancelToken cancel) {
        return OtaData.parse(flasher(session, p, cancel).read((int) otadata.offset(), OtaData.LENGTH));
    }

    private static String names(List<Partition> slots) {
        return slots.stream().map(Partition::label).toList().toString();
    }
}
