package io.edgedeck.link.esp32.image;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32;

/** Little-endian field access and the digests the formats use. */
final class Bytes {
    private static final HexFormat HEX = HexFormat.of();

    private Bytes() {
    }

    static int u8(byte[] b, int at) {
        return b[at] & 0xFF;
    }

    static int u16(byte[] b, int at) {
        return u8(b, at) | u8(b, at + 1) << 8;
    }

    static long u32(byte[] b, int at) {
        return (u16(b, at) | (long) u16(b, at + 2) << 16) & 0xFFFF_FFFFL;
    }

    static void putU32(byte[] b, int at, long value) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (value >>> (8 * i));
        }
    }

    /** A NUL-terminated string in a fixed-size field (bytes after the first NUL are ignored). */
    static String cString(byte[] b, int at, int size) {
        int end = at;
        while (end < at + size && b[end] != 0) {
            end++;
        }
        return new String(b, at, end - at, StandardCharsets.UTF_8);
    }

    static String hex(byte[] b) {
        return HEX.formatHex(b);
    }

    static String hex(byte[] b, int from, int to) {
        return HEX.formatHex(b, from, to);
    }

    static byte[] reversed(byte[] b, int from, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = b[from + length - 1 - i];
        }
        return out;
    }

    static boolean allEqual(byte[] b, int from, int to, int value) {
        for (int i = from; i < to; i++) {
            if (u8(b, i) != value) {
                return false;
            }
        }
        return true;
    }

    static byte[] sha256(byte[] b, int from, int to) {
        return digest("SHA-256", b, from, to);
    }

    static byte[] md5(byte[] b, int from, int to) {
        return digest("MD5", b, from, to);
    }

    static byte[] digest(String algorithm, byte[] b, int from, int to) {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            md.update(b, from, to - from);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }

    /** CRC-32 in the zlib convention (what {@code zlib.crc32} and ESP-IDF's otadata use). */
    static long crc32(byte[] b, int from, int to) {
        CRC32 crc = new CRC32();
        crc.update(b, from, to - from);
        return crc.getValue();
    }
}
