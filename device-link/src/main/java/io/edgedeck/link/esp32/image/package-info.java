/**
 * ESP32 flash images: parsing ({@link io.edgedeck.link.esp32.image.Esp32Image},
 * {@link io.edgedeck.link.esp32.image.PartitionTable}, {@link io.edgedeck.link.esp32.image.OtaData}),
 * the gate before anything is written ({@link io.edgedeck.link.esp32.image.ImageValidator}) and the
 * {@code image-info} report ({@link io.edgedeck.link.esp32.image.ImageInfo},
 * {@link io.edgedeck.link.esp32.image.ImageInfoFormatter}).
 *
 * <p>Layouts follow ESP-IDF's {@code esp_app_format.h}, {@code esp_bootloader_desc.h}, the partition table
 * and otadata formats, and the Secure Boot V1/V2 signature formats; the parser was checked against
 * esptool's {@code image-info} on real images (see the fixture tests). Nothing here does I/O except
 * {@link io.edgedeck.link.esp32.image.ImageInfo#describe(java.nio.file.Path)}.
 */
package io.edgedeck.link.esp32.image;
