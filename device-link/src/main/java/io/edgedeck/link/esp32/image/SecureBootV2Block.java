package io.edgedeck.link.esp32.image;

/**
 * One 1216-byte Secure Boot V2 signature block. Its integrity (CRC-32 of bytes 0..1195) and whether its
 * image digest matches the bytes before the signature sector are checked when parsing; the signature itself
 * is checked by {@link SecureBootSignatures#verify(byte[], SecureBootV2Block)}.
 *
 * @param offset          file offset of the block
 * @param imageDigest     the digest stored in the block (hex)
 * @param publicKeyDigest SHA-256 of the block's public-key fields, the value burnt into eFuse for the key
 */
public record SecureBootV2Block(int index, long offset, int magic, int version, SignatureScheme scheme,
                                String imageDigest, boolean digestMatches, long blockCrc, long computedCrc,
                                String publicKeyDigest) {
    public static final int MAGIC = 0xE7;
    public static final int VERSION_RSA = 0x02;
    public static final int VERSION_ECDSA = 0x03;
    static final int SIZE = 1216;
    static final int CRC_COVERED = 1196;

    public boolean crcOk() {
        return blockCrc == computedCrc;
    }

    static boolean looksLikeBlock(byte[] b, int at) {
        return at + SIZE <= b.length && Bytes.u8(b, at) == MAGIC
                && (Bytes.u8(b, at + 1) == VERSION_RSA || Bytes.u8(b, at + 1) == VERSION_ECDSA);
    }

    /** Parses the block at {@code at}; {@code signedLength} is the offset of the signature sector. */
    static SecureBootV2Block parse(byte[] b, int index, int at, int signedLength) {
        int version = Bytes.u8(b, at + 1);
        SignatureScheme scheme;
        int digestLength = 32;
        int keyFrom;
        int keyTo;
        if (version == VERSION_RSA) {
            scheme = SignatureScheme.RSA_3072_PSS;
            keyFrom = at + 36;
            keyTo = at + 36 + 384 + 4 + 384 + 4;
        } else {
            boolean sha384 = Bytes.u8(b, at + 2) == 1;
            digestLength = sha384 ? 48 : 32;
            int curveAt = at + 4 + digestLength;
            scheme = SignatureScheme.ofCurveId(Bytes.u8(b, curveAt));
            keyFrom = curveAt;
            keyTo = curveAt + 1 + (sha384 ? 96 : 64);
        }
        byte[] actual = Bytes.digest(digestLength == 48 ? "SHA-384" : "SHA-256", b, 0, signedLength);
        boolean matches = java.util.Arrays.equals(actual, 0, digestLength, b, at + 4, at + 4 + digestLength);
        return new SecureBootV2Block(index, at, Bytes.u8(b, at), version, scheme,
                Bytes.hex(b, at + 4, at + 4 + digestLength), matches, Bytes.u32(b, at + CRC_COVERED),
                Bytes.crc32(b, at, at + CRC_COVERED), Bytes.hex(Bytes.sha256(b, keyFrom, keyTo)));
    }
}
