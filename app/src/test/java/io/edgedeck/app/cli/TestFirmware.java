package io.edgedeck.app.cli;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Random;

/** ESP32 images and partition tables built byte by byte for the flashing commands' tests (ESP-IDF's layouts). */
final class TestFirmware {
    static final int ESP32 = 0;
    static final int ESP32_S3 = 9;

    private TestFirmware() {
    }

    /**
     * A valid app: 24-byte header (magic 0xE9, one segment, SHA-256 appended), one DROM segment of {@code payload}
     * pseudo-random bytes (flash-mapped, so it is an application), checksum, SHA-256.
     */
    static byte[] app(int chipId, int payload, long seed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer h = le(24);
        h.put((byte) 0xE9).put((byte) 1).put((byte) 2).put((byte) 0x20).putInt(0x400D0000);
        h.put((byte) 0xEE).put(new byte[3]).putShort((short) chipId).put((byte) 0).putShort((short) 0)
                .putShort((short) 399).put(new byte[4]).put((byte) 1);
        out.writeBytes(h.array());
        byte[] data = new byte[payload];
        new Random(seed).nextBytes(data);
        for (int i = 0; i < data.length; i += 7) {
            data[i] = 0; // some redundancy, so compression has something to do
        }
        out.writeBytes(le(8).putInt(0x3F400020).putInt(payload).array());
        out.writeBytes(data);
        int checksum = 0xEF;
        for (byte b : data) {
            checksum ^= b & 0xFF;
        }
        while (out.size() % 16 != 15) {
            out.write(0);
        }
        out.write(checksum);
        byte[] image = out.toByteArray();
        out.writeBytes(sha256(image));
        return out.toByteArray();
    }

    /** Offset of the checksum byte: 32 bytes (the SHA-256) before the end, minus one. */
    static int checksumOffset(byte[] app) {
        return app.length - 33;
    }

    /** One 32-byte partition table entry. */
    static byte[] entry(int type, int subtype, int offset, int size, String label) {
        ByteBuffer e = le(32);
        e.put((byte) 0xAA).put((byte) 0x50).put((byte) type).put((byte) subtype).putInt(offset).putInt(size);
        e.put(Arrays.copyOf(label.getBytes(StandardCharsets.US_ASCII), 16)).putInt(0);
        return e.array();
    }

    /** A 0xC00-byte partition table: the entries, the MD5 entry, 0xFF. */
    static byte[] partitionTable(byte[]... entries) {
        byte[] t = new byte[0xC00];
        Arrays.fill(t, (byte) 0xFF);
        int at = 0;
        for (byte[] e : entries) {
            System.arraycopy(e, 0, t, at, 32);
            at += 32;
        }
        byte[] md5;
        try {
            MessageDigest d = MessageDigest.getInstance("MD5");
            d.update(t, 0, at);
            md5 = d.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Arrays.fill(t, at, at + 16, (byte) 0xFF);
        t[at] = (byte) 0xEB;
        t[at + 1] = (byte) 0xEB;
        System.arraycopy(md5, 0, t, at + 16, 16);
        return t;
    }

    /** ESP-IDF's "two OTA" layout: nvs, otadata at 0xD000, phy_init, ota_0 at 0x10000, ota_1 at 0x110000. */
    static byte[] twoOtaTable() {
        return partitionTable(
                entry(1, 0x02, 0x9000, 0x4000, "nvs"),
                entry(1, 0x00, 0xD000, 0x2000, "otadata"),
                entry(1, 0x01, 0xF000, 0x1000, "phy_init"),
                entry(0, 0x10, 0x10000, 0x100000, "ota_0"),
                entry(0, 0x11, 0x110000, 0x100000, "ota_1"));
    }

    static byte[] md5(byte[] data) {
        try {
            return MessageDigest.getInstance("MD5").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
