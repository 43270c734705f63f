package io.edgedeck.link.esp32.flash;

/** {@code compress}: zlib stream with FLASH_DEFL_* (default); {@code verify}: SPI_FLASH_MD5 per region (default). */
public record WriteOptions(boolean compress, boolean verify) {
    public static final WriteOptions DEFAULT = new WriteOptions(true, true);
}
