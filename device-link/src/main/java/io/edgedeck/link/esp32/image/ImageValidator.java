package io.edgedeck.link.esp32.image;

import io.edgedeck.link.esp32.image.ValidationProblem.Code;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static io.edgedeck.link.esp32.image.ValidationProblem.error;
import static io.edgedeck.link.esp32.image.ValidationProblem.warning;

/**
 * The gate before anything is written to flash: given where a file goes, its bytes and the board, says
 * whether to write it and, if not, why — in sentences an installer understands. Knows app images,
 * bootloaders, partition tables and merged whole-flash files. Never throws for bad input.
 */
public final class ImageValidator {
    private static final long SECTOR = 0x1000;

    private final ValidationPolicy policy;

    public ImageValidator(ValidationPolicy policy) {
        this.policy = policy;
    }

    /** An {@link ImageValidator} that accepts unsigned images. */
    public static ImageValidator permissive() {
        return new ImageValidator(ValidationPolicy.permissive());
    }

    public Verdict validate(long offset, byte[] bytes, FlashTarget target) {
        List<ValidationProblem> problems = new ArrayList<>();
        if (bytes == null || bytes.length == 0) {
            problems.add(error(Code.EMPTY_FILE, "The file is empty: there is nothing to write."));
            return new Verdict(problems, Optional.empty());
        }
        if (offset < 0 || offset % SECTOR != 0) {
            problems.add(error(Code.MISALIGNED_OFFSET, String.format("Offset 0x%X is not a multiple of 4 KiB "
                    + "(0x1000): flash is erased in 4 KiB sectors, so writing there would wipe the bytes before it.",
                    offset)));
        }
        if (target.flashSizeBytes() > 0 && offset + bytes.length > target.flashSizeBytes()) {
            problems.add(error(Code.TOO_LARGE_FOR_FLASH, String.format("The file ends at flash address 0x%X but "
                            + "the board's flash is only %s (0x%X bytes).", offset + bytes.length,
                    sizeName(target.flashSizeBytes()), target.flashSizeBytes())));
        }
        if (PartitionTable.looksLikePartitionTable(bytes, 0)) {
            checkPartitionTable(offset, bytes, target, problems);
            return new Verdict(problems, Optional.empty());
        }
        if (offset == 0 && Bytes.u8(bytes, 0) != ImageHeader.MAGIC && bytes.length > PartitionTable.DEFAULT_OFFSET
                && PartitionTable.looksLikePartitionTable(bytes, (int) PartitionTable.DEFAULT_OFFSET)) {
            return validateMerged(bytes, target, problems);
        }
        Optional<Esp32Image> image = checkImage(offset, bytes, target, "", problems);
        return new Verdict(problems, image);
    }

    private Verdict validateMerged(byte[] bytes, FlashTarget target, List<ValidationProblem> problems) {
        int tableAt = (int) PartitionTable.DEFAULT_OFFSET;
        byte[] tableBytes = Arrays.copyOfRange(bytes, tableAt, Math.min(bytes.length, tableAt + PartitionTable.MAX_LENGTH));
        PartitionTable table = checkPartitionTable(tableAt, tableBytes, target, problems);
        long bootAt = target.chip().bootloaderOffset();
        Optional<Esp32Image> result = Optional.empty();
        if (bootAt < tableAt) {
            result = checkImage(bootAt, Arrays.copyOfRange(bytes, (int) bootAt, tableAt),
                    table == null ? target : target.withPartitionTable(table), "bootloader: ", problems);
        }
        if (table != null) {
            FlashTarget withTable = target.withPartitionTable(table);
            for (Partition slot : table.appSlots()) {
                if (slot.offset() < bytes.length && Bytes.u8(bytes, (int) slot.offset()) == ImageHeader.MAGIC) {
                    byte[] app = Arrays.copyOfRange(bytes, (int) slot.offset(), (int) Math.min(bytes.length, slot.end()));
                    Optional<Esp32Image> parsed = checkImage(slot.offset(), app, withTable,
                            "app in " + slot.label() + ": ", problems);
                    result = parsed.isPresent() ? parsed : result;
                }
            }
        }
        return new Verdict(problems, result);
    }

    private PartitionTable checkPartitionTable(long offset, byte[] bytes, FlashTarget target,
                                               List<ValidationProblem> problems) {
        PartitionTable table;
        try {
            table = PartitionTable.parse(bytes);
        } catch (ImageFormatException e) {
            problems.add(error(Code.BAD_PARTITION_TABLE, e.getMessage()));
            return null;
        }
        table.md5Stored().ifPresent(stored -> {
            if (!table.md5Valid()) {
                problems.add(error(Code.BAD_PARTITION_TABLE, "The partition table's MD5 (" + stored + ") does not "
                        + "match its entries (" + table.md5Calculated().orElse("?") + "): the bootloader would refuse it."));
            }
        });
        if (offset != PartitionTable.DEFAULT_OFFSET) {
            problems.add(warning(Code.WRONG_OFFSET_FOR_IMAGE, String.format("This is a partition table but it goes "
                    + "to 0x%X; the bootloader looks for it at 0x8000 unless it was built with another offset.", offset)));
        }
        if (target.flashSizeBytes() > 0) {
            for (Partition p : table.entries()) {
                if (p.end() > target.flashSizeBytes()) {
                    problems.add(error(Code.TOO_LARGE_FOR_FLASH, String.format("Partition %s ends at 0x%X, beyond "
                            + "the board's %s flash.", p.label(), p.end(), sizeName(target.flashSizeBytes()))));
                }
            }
        }
        return table;
    }

    private Optional<Esp32Image> checkImage(long offset, byte[] bytes, FlashTarget target, String prefix,
                                            List<ValidationProblem> problems) {
        Esp32Image image;
        try {
            image = Esp32Image.parse(bytes);
        } catch (ImageFormatException e) {
            Code code = switch (e.reason()) {
                case EMPTY -> Code.EMPTY_FILE;
                case WRONG_MAGIC -> Code.WRONG_MAGIC;
                case TRUNCATED -> Code.TRUNCATED;
                default -> Code.BAD_HEADER;
            };
            String message = e.reason() == ImageFormatException.Reason.WRONG_MAGIC
                    ? String.format("The file starts with 0x%02X, not 0xE9: it is not an ESP32 firmware image "
                    + "(nor a partition table).", Bytes.u8(bytes, 0))
                    : e.getMessage();
            problems.add(error(code, prefix + message));
            return Optional.empty();
        }
        int chipId = image.extendedHeader().chipId();
        if (chipId != target.chip().imageChipId()) {
            problems.add(error(Code.WRONG_CHIP, prefix + "The image is for " + ChipType.nameOf(chipId)
                    + " but the board is an " + target.chip().displayName() + "."));
        }
        if (chipId == target.chip().imageChipId() && target.chipRevisionFull().isPresent()) {
            RevisionRange.of(image.extendedHeader()).refusal(target.chipRevisionFull().getAsInt())
                    .ifPresent(why -> problems.add(error(Code.CHIP_REVISION, prefix + why)));
        }
        if (!image.checksumValid()) {
            problems.add(error(Code.BAD_CHECKSUM, prefix + String.format("The image checksum is 0x%02X but its "
                            + "segments add up to 0x%02X: the file is corrupt.", image.checksumStored(),
                    image.checksumCalculated())));
        }
        if (!image.sha256Valid()) {
            problems.add(error(Code.BAD_SHA256, prefix + "The SHA-256 stored in the image ("
                    + image.sha256Stored().orElse("") + ") does not match its contents ("
                    + image.sha256Calculated().orElse("") + "): the file is corrupt or was edited."));
        }
        checkPlacement(offset, image, target, prefix, problems);
        checkSignature(image, prefix, problems);
        return Optional.of(image);
    }

    private void checkPlacement(long offset, Esp32Image image, FlashTarget target, String prefix,
                                List<ValidationProblem> problems) {
        long bootloaderOffset = target.chip().bootloaderOffset();
        switch (image.kind()) {
            case BOOTLOADER -> {
                if (offset != bootloaderOffset) {
                    problems.add(error(Code.WRONG_OFFSET_FOR_IMAGE, prefix + String.format("This is a bootloader; "
                            + "on an %s it goes to 0x%X, not 0x%X.", target.chip().displayName(), bootloaderOffset, offset)));
                }
            }
            case APP -> {
                if (offset == bootloaderOffset || offset < PartitionTable.DEFAULT_OFFSET + SECTOR) {
                    problems.add(error(Code.WRONG_OFFSET_FOR_IMAGE, prefix + String.format("This is an application "
                            + "but 0x%X is where the bootloader and partition table live; apps go into an app "
                            + "partition (usually 0x10000).", offset)));
                } else {
                    target.partitionTable().ifPresent(table -> checkAppSlot(offset, image, table, prefix, problems));
                }
            }
            case RAM_APP -> problems.add(warning(Code.WRONG_OFFSET_FOR_IMAGE, prefix + "This image runs from RAM "
                    + "only; it is usually loaded into RAM, not written to flash."));
            case UNKNOWN -> { }
        }
    }

    private static void checkAppSlot(long offset, Esp32Image image, PartitionTable table, String prefix,
                                     List<ValidationProblem> problems) {
        Optional<Partition> slot = table.appSlotAt(offset);
        if (slot.isEmpty()) {
            String inside = table.partitionContaining(offset)
                    .map(p -> " (it is inside " + p.label() + ", a " + p.typeName() + "/" + p.subtypeName() + " partition)")
                    .orElse("");
            String slots = table.appSlots().stream()
                    .map(p -> String.format("%s at 0x%X", p.label(), p.offset())).toList().toString();
            problems.add(error(Code.NO_APP_SLOT_AT_OFFSET, prefix + String.format("The partition table has no app "
                    + "partition starting at 0x%X%s; app partitions: %s.", offset, inside, slots)));
            return;
        }
        long length = image.signedEndOffset();
        if (length > slot.get().size()) {
            problems.add(error(Code.TOO_LARGE_FOR_PARTITION, prefix + String.format("The app is %d bytes but "
                    + "partition %s holds only %d bytes.", length, slot.get().label(), slot.get().size())));
        }
    }

    private void checkSignature(Esp32Image image, String prefix, List<ValidationProblem> problems) {
        byte[] data = image.rawBytes();
        Optional<SecureBootV2Signature> v2 = image.secureBootV2();
        Optional<SecureBootV1Signature> v1 = image.secureBootV1();
        if (v2.isPresent()) {
            checkV2(data, v2.get(), prefix, problems);
        } else if (v1.isPresent()) {
            checkV1(data, v1.get(), prefix, problems);
        } else if (policy.requireSignedImages()) {
            problems.add(error(Code.UNSIGNED_IMAGE, prefix + "The image is not signed, and this installation only "
                    + "writes images signed for Secure Boot."));
        }
    }

    private void checkV2(byte[] data, SecureBootV2Signature sig, String prefix, List<ValidationProblem> problems) {
        boolean anyValid = false;
        boolean anyTrusted = false;
        List<String> failures = new ArrayList<>();
        for (SecureBootV2Block block : sig.blocks()) {
            String which = "signature block " + block.index();
            if (!block.crcOk()) {
                failures.add(which + " is damaged (CRC mismatch)");
                continue;
            }
            if (!block.digestMatches()) {
                failures.add(which + " was made for different image contents (digest mismatch)");
                continue;
            }
            SecureBootSignatures.Check check = SecureBootSignatures.verify(data, block);
            if (check == SecureBootSignatures.Check.UNSUPPORTED) {
                problems.add(warning(Code.SIGNATURE_NOT_CHECKED, prefix + which + " uses "
                        + block.scheme().description() + ", which EdgeDeck cannot check."));
                continue;
            }
            if (check == SecureBootSignatures.Check.INVALID) {
                failures.add(which + " does not verify with the key it carries");
                continue;
            }
            anyValid = true;
            anyTrusted |= policy.trustsKeyDigest(block.publicKeyDigest());
        }
        if (!anyValid) {
            String why = failures.isEmpty() ? "it has no usable signature block" : String.join("; ", failures);
            problems.add(error(Code.BAD_SIGNATURE, prefix + "The Secure Boot V2 signature is not valid: " + why
                    + ". A chip with Secure Boot enabled would refuse to boot it."));
        } else if (!anyTrusted && (policy.requireSignedImages() || policy.hasTrustedKeys())) {
            problems.add(error(Code.UNTRUSTED_KEY, prefix + "The image is correctly signed, but not with a trusted key "
                    + "(key digest " + sig.blocks().get(0).publicKeyDigest() + ")."));
        }
    }

    private void checkV1(byte[] data, SecureBootV1Signature sig, String prefix, List<ValidationProblem> problems) {
        boolean verified = false;
        boolean invalid = false;
        for (PublicKey key : policy.trustedKeys()) {
            SecureBootSignatures.Check check = SecureBootSignatures.verify(data, sig, key);
            verified |= check == SecureBootSignatures.Check.VALID;
            invalid |= check == SecureBootSignatures.Check.INVALID;
        }
        if (verified) {
            return;
        }
        if (invalid) {
            problems.add(error(Code.UNTRUSTED_KEY, prefix + "The Secure Boot V1 signature does not verify with any "
                    + "trusted key."));
        } else if (policy.requireSignedImages()) {
            problems.add(error(Code.UNTRUSTED_KEY, prefix + "The image has a Secure Boot V1 signature, which can only "
                    + "be checked with its ECDSA P-256 public key, and no such key is trusted."));
        } else {
            problems.add(warning(Code.SIGNATURE_NOT_CHECKED, prefix + "The image has a Secure Boot V1 signature; "
                    + "without its public key EdgeDeck cannot check it."));
        }
    }

    private static String sizeName(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB" : bytes + " bytes";
    }
}
