package io.edgedeck.link.esp32.ops;

import io.edgedeck.link.esp32.image.ChipType;
import io.edgedeck.link.esp32.image.FlashTarget;
import io.edgedeck.link.esp32.image.ImageFormatException;
import io.edgedeck.link.esp32.image.ImageValidator;
import io.edgedeck.link.esp32.image.PartitionTable;
import io.edgedeck.link.esp32.image.ValidationPolicy;
import io.edgedeck.link.esp32.image.Verdict;
import io.edgedeck.link.esp32.loader.Chip;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Validates every file of a job with the image package's {@link ImageValidator} before a byte is written. The
 * partition table the apps are checked against is the one the job itself writes at 0x8000, if it writes one.
 */
public final class ImageGate {

    private final ValidationPolicy policy;

    public ImageGate(ValidationPolicy policy) {
        this.policy = policy == null ? ValidationPolicy.permissive() : policy;
    }

    /** The image package's chip for a chip the loader detected (an ESP32 when the loader's chip has no image id). */
    public static ChipType chipType(Chip chip) {
        return ChipType.fromImageChipId(chip.imageChipId()).orElse(ChipType.ESP32);
    }

    /**
     * @param chip          the board's chip (ESP32 before connecting)
     * @param flashSizeBytes the board's flash size, 0 when unknown
     */
    public GateReport check(List<ImageFile> files, ChipType chip, long flashSizeBytes) {
        return check(files, chip, flashSizeBytes, Optional.empty());
    }

    /**
     * @param boardTable the partition table already on the board, used when the job writes none itself
     */
    public GateReport check(List<ImageFile> files, ChipType chip, long flashSizeBytes,
                            Optional<PartitionTable> boardTable) {
        return check(files, chip, flashSizeBytes, boardTable, OptionalInt.empty());
    }

    /**
     * @param boardTable        the partition table already on the board, used when the job writes none itself
     * @param chipRevisionFull the board's chip revision (major × 100 + minor): images whose revision range excludes
     *                          it are refused
     */
    public GateReport check(List<ImageFile> files, ChipType chip, long flashSizeBytes,
                            Optional<PartitionTable> boardTable, OptionalInt chipRevisionFull) {
        Optional<PartitionTable> table = partitionTableOf(files);
        FlashTarget target = new FlashTarget(chip, flashSizeBytes, table.isPresent() ? table : boardTable,
                chipRevisionFull);
        ImageValidator validator = new ImageValidator(policy);
        List<GateReport.FileVerdict> verdicts = new ArrayList<>();
        for (ImageFile f : files) {
            Verdict v = validator.validate(f.offset(), f.data(), target);
            verdicts.add(new GateReport.FileVerdict(f, v));
        }
        return new GateReport(verdicts);
    }

    /** The table a job writes at 0x8000, when it writes a parsable one. */
    public static Optional<PartitionTable> partitionTableOf(List<ImageFile> files) {
        for (ImageFile f : files) {
            if (f.offset() == PartitionTable.DEFAULT_OFFSET && PartitionTable.looksLikePartitionTable(f.data(), 0)) {
                try {
                    return Optional.of(PartitionTable.parse(f.data()));
                } catch (ImageFormatException e) {
                    return Optional.empty(); // the validator reports it
                }
            }
        }
        return Optional.empty();
    }
}
