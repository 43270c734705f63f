package io.edgedeck.link.esp32.image;

/**
 * The Secure Boot V1 trailer of a signed app: after the appended SHA-256, a u32 version (0) and a 64-byte
 * ECDSA P-256 signature r‖s (big-endian) over every byte before {@code offset}.
 */
public record SecureBootV1Signature(long offset, long versionWord, String signatureRs) {
    static final int SIZE = 68;
}
