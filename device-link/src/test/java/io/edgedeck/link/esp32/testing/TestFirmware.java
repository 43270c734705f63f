package io.edgedeck.link.esp32.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Random;

/**
 * Valid ESP32 app images and partition tables built byte by byte as ESP-IDF lays them out, for the tests of every
 * module (shared through device-link's test jar): 24-byte header (magic 0xE9, extended header with the chip id,
 * SHA-256 appended), a DROM segment opening with esp_app_desc_t, an IRAM segment, the XOR checksum in the last byte
 * of a 16-byte block, then the SHA-256 of everything before it.
 */
public final class TestFirmware {
    public static final int ESP32 = 0;
    public static final int ESP32_S3 = 9;
    public static final String PROJECT = "edgedeck_probe";
    public static final String VERSION = "v1.2.3";
    public static final String IDF = "v5.2.2";

    private TestFirmware() {
    }

    /** An ESP32 app whose DROM segment carries {@code payload} random-ish bytes after the app descriptor. */
    public static byte[] app(int payload) {
        return app(ESP32, payload, payload);
    }

    /** An app for the chip with that image chip id, {@code payload} bytes after the descriptor, from {@code seed}. */
    public static byte[] app(int chipId, int payload, long seed) {
        var out = new ByteArrayOutputStream();
        var header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.put((byte) 0xE9).put((byte) 2).put((byte) 2).put((byte) 0x20).putInt(0x40080400);
        header.put((byte) 0xEE).put(new byte[3]);     // WP pin disabled, drive settings
        header.putShort((short) chipId);             // chip id (ESP32 = 0)
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
        var rnd = new Random(seed);
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

    /**
     * A copy of {@code app} whose extended header asks for chip revisions {@code minRevFull} .. {@code maxRevFull}
     * (major × 100 + minor; 0xFFFF = no maximum), with the appended SHA-256 recomputed so the image stays valid.
     */
    public static byte[] withChipRevisions(byte[] app, int minRevFull, int maxRevFull) {
        byte[] out = Arrays.copyOf(app, app.length);
        var b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        b.put(14, (byte) (minRevFull / 100)).putShort(15, (short) minRevFull).putShort(17, (short) maxRevFull);
        byte[] hash = sha256(Arrays.copyOf(out, out.length - 32));
        System.arraycopy(hash, 0, out, out.length - 32, 32);
        return out;
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

    public static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String md5Hex(byte[] b, int from, int length) {
        try {
            var md = MessageDigest.getInstance("MD5");
            md.update(b, from, length);
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Offset of the checksum byte: 32 bytes (the SHA-256) before the end, minus one. */
    public static int checksumOffset(byte[] app) {
        return app.length - 33;
    }

    /** One 32-byte partition table entry. */
    public static byte[] entry(int type, int subtype, int offset, int size, String label) {
        ByteBuffer e = le(32);
        e.put((byte) 0xAA).put((byte) 0x50).put((byte) type).put((byte) subtype).putInt(offset).putInt(size);
        e.put(Arrays.copyOf(label.getBytes(StandardCharsets.US_ASCII), 16)).putInt(0);
        return e.array();
    }

    /** A 0xC00-byte partition table: the entries, the MD5 entry, 0xFF. */
    public static byte[] partitionTable(byte[]... entries) {
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
    public static byte[] twoOtaTable() {
        return partitionTable(
                entry(1, 0x02, 0x9000, 0x4000, "nvs"),
                entry(1, 0x00, 0xD000, 0x2000, "otadata"),
                entry(1, 0x01, 0xF000, 0x1000, "phy_init"),
                entry(0, 0x10, 0x10000, 0x100000, "ota_0"),
                entry(0, 0x11, 0x110000, 0x100000, "ota_1"));
    }

    public static byte[] md5(byte[] data) {
        try {
            return MessageDigest.getInstance("MD5").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
