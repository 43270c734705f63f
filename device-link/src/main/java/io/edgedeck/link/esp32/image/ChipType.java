package io.edgedeck.link.esp32.image;

import java.util.Arrays;
import java.util.Optional;

/**
 * The chips an image header can name (extended header bytes 12–13, {@code esp_chip_id_t}), with the flash
 * offset where each one's ROM looks for the second-stage bootloader.
 */
public enum ChipType {
    ESP32(0, "ESP32", 0x1000),
    ESP32_S2(2, "ESP32-S2", 0x1000),
    ESP32_C3(5, "ESP32-C3", 0x0),
    ESP32_S3(9, "ESP32-S3", 0x0),
    ESP32_C2(12, "ESP32-C2", 0x0),
    ESP32_C6(13, "ESP32-C6", 0x0),
    ESP32_H2(16, "ESP32-H2", 0x0),
    ESP32_P4(18, "ESP32-P4", 0x2000),
    ESP32_C61(20, "ESP32-C61", 0x0),
    ESP32_C5(23, "ESP32-C5", 0x2000),
    ESP32_H21(25, "ESP32-H21", 0x0),
    ESP32_H4(28, "ESP32-H4", 0x2000),
    ESP32_E22(31, "ESP32-E22", 0x0),
    ESP32_S31(32, "ESP32-S31", 0x2000);

    private final int imageChipId;
    private final String displayName;
    private final long bootloaderOffset;

    ChipType(int imageChipId, String displayName, long bootloaderOffset) {
        this.imageChipId = imageChipId;
        this.displayName = displayName;
        this.bootloaderOffset = bootloaderOffset;
    }

    /** The value of the image header's chip id field. */
    public int imageChipId() {
        return imageChipId;
    }

    /** The name Espressif uses, e.g. {@code ESP32-S3}. */
    public String displayName() {
        return displayName;
    }

    /** Where the second-stage bootloader lives in flash for this chip. */
    public long bootloaderOffset() {
        return bootloaderOffset;
    }

    public static Optional<ChipType> fromImageChipId(int id) {
        return Arrays.stream(values()).filter(c -> c.imageChipId == id).findFirst();
    }

    /** {@code ESP32-S3}, or {@code unknown chip (id 77)}. */
    public static String nameOf(int imageChipId) {
        return fromImageChipId(imageChipId).map(ChipType::displayName)
                .orElse("unknown chip (id " + imageChipId + ")");
    }
}
