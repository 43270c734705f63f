package io.edgedeck.views.flash;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Random;

/**
 * Valid ESP32 app images built byte by byte as ESP-IDF lays them out: 24-byte header (magic 0xE9, extended header
 * with chip id 0 = ESP32, SHA-256 appended), a DROM segment opening with esp_app_desc_t, an IRAM segment, the XOR
 * checksum in the last byte of a 16-byte block, then the SHA-256 of everything before it.
 */
final class TestFirmware {
    static final String PROJECT = "edgedeck_probe";
    static final String VERSION = "v1.2.3";
    static final String IDF = "v5.2.2";

    private TestFirmware() {
    }

    /** An app whose DROM segment carries {@code payload} random-ish bytes after the app descriptor. */
    static byte[] app(int payload) {
        var out = new ByteArrayOutputStream();
        var header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.put((byte) 0xE9).put((byte) 2).put((byte) 2).put((byte) 0x20).putInt(0x40080400);
        header.put((byte) 0xEE).put(new byte[3]);     // WP pin disabled, drive settings
        header.putShort((short) 0);                  // chip id: ESP32
        header.put((byte) 0).putShort((short) 0).putShort((short) 399); // min rev, min/max rev full
        header.put(new byte[4]).put((byte) 1);       // reserved, hash appended
        out.writeBytes(header.array());

        byte[] drom = new byte[256 + payload];
        var d = ByteBuffer.wrap(drom).order(ByteOrder.LITTLE_ENDIAN);
        d.putInt(0, 0xABCD5432).putInt(4, 1);
        text(drom, 16, VERSION);
        text(drom, 48, PROJECT);
        text(drom, 80, "12:34:56");
        text(drom, 96, "Nov 25 2026");
        text(drom, 112, IDF);
        var rnd = new Random(payload);
        for (int i = 256; i < drom.length; i++) {
            drom[i] = (byte) (i % 7 == 0 ? rnd.nextInt(256) : i >> 4); // compressible, but not trivially
        }
        byte[] iram = new byte[96];
        Arrays.fill(iram, (byte) 0x22);

        int checksum = 0xEF;
        for (byte[] seg : new byte[][]{drom, iram}) {
            for (byte b : seg) {
                checksum ^= b & 0xFF;
            }
        }
        segment(out, 0x3F400020, drom);
        segment(out, 0x40080400, iram);
        while (out.size() % 16 != 15) {
            out.write(0);
        }
        out.write(checksum);
        byte[] image = out.toByteArray();
        out.writeBytes(sha256(image));
        return out.toByteArray();
    }

    private static void segment(ByteArrayOutputStream out, int load, byte[] data) {
        var h = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(load).putInt(data.length);
        out.writeBytes(h.array());
        out.writeBytes(data);
    }

    private static void text(byte[] b, int at, String s) {
        byte[] t = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(t, 0, b, at, t.length);
    }

    static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String md5Hex(byte[] b, int from, int length) {
        try {
            var md = MessageDigest.getInstance("MD5");
            md.update(b, from, length);
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A 0xC00-byte partition table (entries, MD5 entry, 0xFF) in ESP-IDF's "two OTA" layout: nvs, otadata at 0xD000,
     * phy_init, ota_0 at 0x10000, ota_1 at 0x110000.
     */
    static byte[] twoOtaTable() {
        byte[][] entries = {entry(1, 0x02, 0x9000, 0x4000, "nvs"), entry(1, 0x00, 0xD000, 0x2000, "otadata"),
                entry(1, 0x01, 0xF000, 0x1000, "phy_init"), entry(0, 0x10, 0x10000, 0x100000, "ota_0"),
                entry(0, 0x11, 0x110000, 0x100000, "ota_1")};
        byte[] t = new byte[0xC00];
        java.util.Arrays.fill(t, (byte) 0xFF);
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
        t[at] = (byte) 0xEB;
        t[at + 1] = (byte) 0xEB;
        System.arraycopy(md5, 0, t, at + 16, 16);
        return t;
    }

    private static byte[] entry(int type, int subtype, int offset, int size, String label) {
        ByteBuffer e = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        e.put((byte) 0xAA).put((byte) 0x50).put((byte) type).put((byte) subtype).putInt(offset).putInt(size);
        e.put(java.util.Arrays.copyOf(label.getBytes(StandardCharsets.US_ASCII), 16)).putInt(0);
        return e.array();
    }
}
