package io.edgedeck.link.esp32.ops;

import io.edgedeck.link.esp32.flash.CancelToken;
import io.edgedeck.link.esp32.flash.FlashProgress;
import io.edgedeck.link.esp32.flash.FlashResult;
import io.edgedeck.link.esp32.flash.FlashSession;
import io.edgedeck.link.esp32.flash.Flasher;
import io.edgedeck.link.esp32.flash.Phase;
import io.edgedeck.link.esp32.flash.Progress;
import io.edgedeck.link.esp32.image.ChipType;
import io.edgedeck.link.esp32.image.ImageFormatException;
import io.edgedeck.link.esp32.image.Partition;
import io.edgedeck.link.esp32.image.PartitionTable;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CancellationException;

/**
 * Validate, then flash one board: every file passes the image gate (as an ESP32 before connecting, then as the
 * chip and chip revision the board reports, with apps checked against the partition table the job writes or, when it writes none,
 * the one already on the board) before a byte is written; optionally the flash about to be overwritten is saved first;
 * then the regions are written, verified by MD5 and the board reset. The port is released in every case.
 */
public final class SafeFlash {

    private final BoardAccess access;

    public SafeFlash(BoardAccess access) {
        this.access = access;
    }

    /**
     * Checks a plan without touching any port: offsets, overlaps, the ROM's 16 MB reach, and the images as for an
     * ESP32. The board's real flash size is checked once it is known (read from the flash chip).
     */
    public static GateReport precheck(FlashPlan plan) {
        Flasher.checkRegions(plan.regions(), 0);
        return new ImageGate(plan.policy()).check(plan.files(), ChipType.ESP32, 0);
    }

    /**
     * @param backupFile where to save the backup when {@link FlashPlan#backup()} is set
     * @throws ImageRefusedException when the gate refuses a file (nothing written)
     * @throws BoardStateException when the backup names a partition the board's table lacks, or there is no table
     *                             (nothing written)
     * @throws io.edgedeck.link.esp32.loader.FlashException on any link or board failure
     */
    public FlashOutcome flash(String port, FlashPlan plan, Path backupFile, FlashProgress progress, CancelToken cancel) {
        FlashProgress p = progress == null ? FlashProgress.NONE : progress;
        CancelToken c = cancel == null ? new CancelToken() : cancel;
        if (plan.backup() && backupFile == null) {
            throw new IllegalArgumentException("a backup was asked for but no backup file was given");
        }
        GateReport offline = precheck(plan);
        if (!offline.accepted()) {
            throw new ImageRefusedException(offline);
        }
        try (FlashSession session = FlashSession.open(access.opener(), port, plan.connect().baud(),
                plan.connect().before(), plan.connect().flashSize(), access.connectAttempts(), p)) {
            Optional<PartitionTable> boardTable = ImageGate.partitionTableOf(plan.files()).isPresent()
                    ? Optional.empty() : boardPartitionTable(session, c);
            OptionalInt revision = session.chip().revision().map(r -> OptionalInt.of(r.full())).orElse(OptionalInt.empty());
            GateReport gate = new ImageGate(plan.policy()).check(plan.files(), ImageGate.chipType(session.chipType()),
                    session.flashSize(), boardTable, revision);
            if (!gate.accepted()) {
                throw new ImageRefusedException(gate);
            }
            Optional<Backup> backup = Optional.empty();
            if (plan.backup()) {
                byte[] old;
                int offset;
                try {
                    int length;
                    if (plan.backupPartition().isPresent()) {
                        Partition part = BoardPartitions.find(BoardPartitions.read(session, c), plan.backupPartition().get());
                        offset = (int) part.offset();
                        length = (int) part.size();
                    } else {
                        offset = plan.backupOffset();
                        length = plan.backupLength();
                    }
                    old = session.flasher(p, c).read(offset, length);
                } catch (CancellationException e) {
                    return new FlashOutcome(port, session.chip(), gate, Optional.empty(),
                            new FlashResult(FlashResult.Outcome.CANCELLED, List.of(), 0, Duration.ZERO), false);
                }
                backup = Optional.of(Backup.save(offset, old, Flasher.md5Hex(old), backupFile));
            }
            FlashResult result = session.flasher(p, c).write(plan.regions(), plan.write());
            boolean reset = false;
            if (result.completed()) {
                p.onProgress(Progress.phase(Phase.RESETTING));
                reset = plan.connect().after() != io.edgedeck.link.esp32.loader.AfterReset.NO_RESET
                        && session.finish(plan.connect().after());
            }
            return new FlashOutcome(port, session.chip(), gate, backup, result, reset);
        }
    }

    /** The partition table at 0x8000 on the board, if there is a readable one (0xC00 bytes: 48 short reads). */
    private static Optional<PartitionTable> boardPartitionTable(FlashSession session, CancelToken c) {
        byte[] bytes;
        try {
            bytes = session.flasher(FlashProgress.NONE, c).read((int) PartitionTable.DEFAULT_OFFSET,
                    PartitionTable.MAX_LENGTH);
        } catch (CancellationException e) {
            return Optional.empty(); // the write that follows sees the cancel and stops before its first block
        }
        if (!PartitionTable.looksLikePartitionTable(bytes, 0)) {
            return Optional.empty();
        }
        try {
            return Optional.of(PartitionTable.parse(bytes));
        } catch (ImageFormatException e) {
            return Optional.empty();
        }
    }
}
