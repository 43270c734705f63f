package io.edgedeck.link.esp32.flash;

/** One written region: its MD5 (lowercase hex) as computed locally and, when verified, confirmed by the ROM. */
public record RegionResult(int offset, int length, String md5, boolean verified) {
}
