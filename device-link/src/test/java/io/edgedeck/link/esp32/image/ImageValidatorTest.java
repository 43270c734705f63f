package io.edgedeck.link.esp32.image;

import io.edgedeck.link.esp32.image.ValidationProblem.Code;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Each refusal of the gate, on images built here; and a valid image passing. */
class ImageValidatorTest {
    private static final FlashTarget ESP32 = FlashTarget.of(ChipType.ESP32);
    private final ImageValidator validator = ImageValidator.permissive();

    @Test
    void aValidAppPasses() {
        byte[] app = TestImages.app();
        Verdict verdict = validator.validate(0x10000, app, ESP32.withPartitionTable(TestImages.twoOtaTable()).withFlashSize(4 << 20));
        assertThat(verdict.problems()).isEmpty();
        assertThat(verdict.accepted()).isTrue();
        Esp32Image image = verdict.image().orElseThrow();
        assertThat(image.kind()).isEqualTo(ImageKind.APP);
        assertThat(image.appDescriptor().orElseThrow().projectName()).isEqualTo("edgedeck_probe");
        assertThat(image.appDescriptor().orElseThrow().secureVersion()).isEqualTo(2);
        assertThat(image.segments()).extracting(s -> s.memoryTypes().get(0)).containsExactly("DROM", "BYTE_ACCESSIBLE", "IRAM");
    }

    @Test
    void wrongMagicIsRefused() {
        byte[] app = TestImages.app();
        app[0] = 0x7F;
        Verdict verdict = validator.validate(0x10000, app, ESP32);
        assertThat(verdict.accepted()).isFalse();
        assertThat(verdict.problem(Code.WRONG_MAGIC).orElseThrow().message())
                .isEqualTo("The file starts with 0x7F, not 0xE9: it is not an ESP32 firmware image (nor a partition table).");
    }

    @Test
    void wrongChipIsRefused() {
        byte[] s3app = TestImages.app(ChipType.ESP32_S3.imageChipId());
        Verdict verdict = validator.validate(0x10000, s3app, ESP32);
        assertThat(verdict.errors()).extracting(ValidationProblem::code).containsExactly(Code.WRONG_CHIP);
        assertThat(verdict.errors().get(0).message()).isEqualTo("The image is for ESP32-S3 but the board is an ESP32.");
    }

    @Test
    void badChecksumIsRefused() {
        byte[] app = TestImages.app();
        app[40] ^= 0x01; // a byte of the DROM segment: the checksum no longer adds up (nor the SHA-256)
        Verdict verdict = validator.validate(0x10000, app, ESP32);
        assertThat(verdict.has(Code.BAD_CHECKSUM)).isTrue();
        assertThat(verdict.problem(Code.BAD_CHECKSUM).orElseThrow().message()).contains("checksum").contains("corrupt");
    }

    @Test
    void badSha256IsRefusedEvenWhenTheChecksumHolds() {
        byte[] app = TestImages.app();
        app[app.length - 1] ^= 0x55; // last byte of the stored SHA-256
        Verdict verdict = validator.validate(0x10000, app, ESP32);
        assertThat(verdict.errors()).extracting(ValidationProblem::code).containsExactly(Code.BAD_SHA256);
        assertThat(verdict.errors().get(0).message()).startsWith("The SHA-256 stored in the image (");
    }

    @Test
    void truncatedFileSaysWhereItEndsAndWhatIsNeeded() {
        byte[] app = TestImages.app();
        byte[] cut = Arrays.copyOf(app, 200);
        Verdict verdict = validator.validate(0x10000, cut, ESP32);
        // segment 0 (DROM, 288 bytes of data at 32) needs 320 bytes
        assertThat(verdict.errors()).extracting(ValidationProblem::code).containsExactly(Code.TRUNCATED);
        assertThat(verdict.errors().get(0).message())
                .isEqualTo("The file ends at byte 200 but the header's segments need 320 bytes: it is truncated.");
    }

    @Test
    void appWhereThePartitionTableHasNoAppSlotIsRefused() {
        Verdict verdict = validator.validate(0x9000, TestImages.app(), ESP32.withPartitionTable(TestImages.twoOtaTable()));
        assertThat(verdict.errors()).extracting(ValidationProblem::code).containsExactly(Code.NO_APP_SLOT_AT_OFFSET);
        assertThat(verdict.errors().get(0).message()).isEqualTo("The partition table has no app partition starting "
                + "at 0x9000 (it is inside nvs, a data/nvs partition); app partitions: [ota_0 at 0x10000, ota_1 at 0x110000].");
    }

    @Test
    void appInTheSecondOtaSlotPasses() {
        Verdict verdict = validator.validate(0x110000, TestImages.app(), ESP32.withPartitionTable(TestImages.twoOtaTable()));
        assertThat(verdict.accepted()).isTrue();
    }

    @Test
    void unsignedImageIsRefusedWhenSignaturesAreRequired() {
        ImageValidator strict = new ImageValidator(ValidationPolicy.requireSignedByDigests(java.util.List.of("00".repeat(32))));
        Verdict verdict = strict.validate(0x10000, TestImages.app(), ESP32);
        assertThat(verdict.errors()).extracting(ValidationProblem::code).containsExactly(Code.UNSIGNED_IMAGE);
        assertThat(verdict.errors().get(0).message()).isEqualTo("The image is not signed, and this installation only "
                + "writes images signed for Secure Boot.");
    }

    @Test
    void misalignedOffsetIsRefused() {
        Verdict verdict = validator.validate(0x10800, TestImages.app(), ESP32);
        assertThat(verdict.problem(Code.MISALIGNED_OFFSET).orElseThrow().message())
                .startsWith("Offset 0x10800 is not a multiple of 4 KiB");
        assertThat(verdict.accepted()).isFalse();
    }

    @Test
    void tooLargeForFlashAndPartitionAreRefused() {
        byte[] big = Arrays.copyOf(TestImages.app(), 0x100000 + 0x1000); // trailing zeros after the image
        Verdict flash = validator.validate(0x110000, big, ESP32.withFlashSize(2 << 20));
        assertThat(flash.problem(Code.TOO_LARGE_FOR_FLASH).orElseThrow().message())
                .isEqualTo("The file ends at flash address 0x211000 but the board's flash is only 2 MB (0x200000 bytes).");

        PartitionTable tiny = PartitionTable.parse(TestImages.partitionTable(TestImages.entry(0, 0x00, 0x10000, 0x100, "factory")));
        Verdict slot = validator.validate(0x10000, TestImages.app(), ESP32.withPartitionTable(tiny));
        assertThat(slot.errors()).extracting(ValidationProblem::code).containsExactly(Code.TOO_LARGE_FOR_PARTITION);
    }

    @Test
    void anAppAtTheBootloaderOffsetIsRefused() {
        Verdict verdict = validator.validate(0x1000, TestImages.app(), ESP32);
        assertThat(verdict.errors()).extracting(ValidationProblem::code).containsExactly(Code.WRONG_OFFSET_FOR_IMAGE);
    }

    @Test
    void emptyFileIsRefusedNotThrown() {
        assertThat(validator.validate(0x10000, new byte[0], ESP32).errors()).extracting(ValidationProblem::code)
                .containsExactly(Code.EMPTY_FILE);
    }

    @Test
    void partitionTablesAreCheckedByTheirMd5() {
        byte[] table = TestImages.partitionTable(TestImages.entry(0, 0x00, 0x10000, 0x100000, "factory"));
        assertThat(validator.validate(0x8000, table, ESP32).accepted()).isTrue();
        table[20] ^= 1; // a byte of the label
        Verdict verdict = validator.validate(0x8000, table, ESP32);
        assertThat(verdict.errors()).extracting(ValidationProblem::code).containsExactly(Code.BAD_PARTITION_TABLE);
    }

    @Test
    void mergedFileIsCheckedPartByPart() {
        byte[] table = TestImages.partitionTable(TestImages.entry(0, 0x00, 0x10000, 0x100000, "factory"));
        byte[] app = TestImages.app();
        byte[] merged = TestImages.filled(0x10000 + app.length, 0xFF);
        byte[] boot = Fixtures.folderOrNull() == null ? null : Fixtures.read("bootloader_idf5.2.2.bin");
        if (boot != null) {
            System.arraycopy(boot, 0, merged, 0x1000, boot.length);
        }
        System.arraycopy(table, 0, merged, 0x8000, table.length);
        System.arraycopy(app, 0, merged, 0x10000, app.length);
        merged[0x10000 + 40] ^= 1; // break the app
        Verdict verdict = validator.validate(0, merged, ESP32);
        assertThat(verdict.problem(Code.BAD_CHECKSUM).orElseThrow().message()).startsWith("app in factory: ");
        if (boot != null) {
            assertThat(verdict.errors()).extracting(ValidationProblem::code).containsExactly(Code.BAD_CHECKSUM, Code.BAD_SHA256);
            assertThat(MergedImage.detect(merged).orElseThrow().bootloader().kind()).isEqualTo(ImageKind.BOOTLOADER);
        }
    }

    @Test
    void otadataBuiltHereSelectsTheOtherSlot() {
        byte[] current = TestImages.otadata(5, 0xFFFF_FFFFL); // seq 5 with 2 slots boots ota_0
        OtaData ota = OtaData.parse(current);
        assertThat(ota.bootSlot(2).name()).isEqualTo("ota_0");
        OtaData.SectorWrite write = ota.select(1, 2);
        assertThat(write.otaSeq()).isEqualTo(6);
        assertThat(write.sectorIndex()).isEqualTo(1);
        assertThat(Bytes.u32(write.sector(), 28)).isEqualTo(OtaData.crcOf(6));
        assertThat(ota.apply(write, current).bootSlot(2).name()).isEqualTo("ota_1");
        assertThat(OtaData.parse(current).select(0, 2).otaSeq()).as("back to ota_0 needs seq 7").isEqualTo(7);
        assertThat(OtaData.crcOf(1)).isEqualTo(0x4743989AL);
    }
}
