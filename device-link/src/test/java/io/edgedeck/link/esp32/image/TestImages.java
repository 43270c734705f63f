package io.edgedeck.link.esp32.image;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;

/** Builds ESP32 images, partition tables and otadata byte by byte, the way ESP-IDF's tools lay them out. */
final class TestImages {
    private TestImages() {
    }

    /** A valid ESP32 app: DROM segment opening with esp_app_desc_t, a DRAM and an IRAM segment, checksum, SHA-256. */
    static byte[] app() {
        return app(ChipType.ESP32.imageChipId());
    }

    static byte[] app(int chipId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] header = new byte[24];
        header[0] = (byte) 0xE9;
        header[1] = 3;                 // segments
        header[2] = 2;                 // DIO
        header[3] = 0x10;              // 2MB, 40m
        Bytes.putU32(header, 4, 0x40080400L);
        header[8] = (byte) 0xEE;       // WP pin disabled
        header[12] = (byte) chipId;
        header[13] = (byte) (chipId >> 8);
        header[17] = (byte) 0x8F;      // max_chip_rev_full 399 = v3.99
        header[18] = 0x01;
        header[23] = 1;                // SHA-256 appended
        out.writeBytes(header);
        segment(out, 0x3F40_0020L, dromWithAppDescriptor());
        segment(out, 0x3FFB_0000L, filled(64, 0x11));
        segment(out, 0x4008_0400L, filled(96, 0x22));
        int checksum = 0xEF;
        byte[] sofar = out.toByteArray();
        int pos = 24;
        for (int s = 0; s < 3; s++) {
            int length = (int) Bytes.u32(sofar, pos + 4);
            for (int i = 0; i < length; i++) {
                checksum ^= sofar[pos + 8 + i] & 0xFF;
            }
            pos += 8 + length;
        }
        while (out.size() % 16 != 15) {
            out.write(0);
        }
        out.write(checksum);
        byte[] image = out.toByteArray();
        out.writeBytes(Bytes.sha256(image, 0, image.length));
        return out.toByteArray();
    }

    /** Offset of the checksum byte in {@link #app()}: 32 bytes before the end. */
    static int checksumOffset(byte[] app) {
        return app.length - 33;
    }

    private static byte[] dromWithAppDescriptor() {
        byte[] drom = filled(256 + 32, 0x33);
        Arrays.fill(drom, 0, 256, (byte) 0);
        Bytes.putU32(drom, 0, AppDescriptor.MAGIC);
        Bytes.putU32(drom, 4, 2);                      // secure_version
        text(drom, 16, "v1.2.3");
        text(drom, 48, "edgedeck_probe");
        text(drom, 80, "12:34:56");
        text(drom, 96, "Nov 25 2026");
        text(drom, 112, "v5.2.2");
        for (int i = 0; i < 32; i++) {
            drom[144 + i] = (byte) i;
        }
        return drom;
    }

    private static void text(byte[] b, int at, String s) {
        byte[] t = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(t, 0, b, at, t.length);
    }

    private static void segment(ByteArrayOutputStream out, long load, byte[] data) {
        byte[] h = new byte[8];
        Bytes.putU32(h, 0, load);
        Bytes.putU32(h, 4, data.length);
        out.writeBytes(h);
        out.writeBytes(data);
    }

    static byte[] filled(int length, int value) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) value);
        return b;
    }

    /** One partition table entry for {@link #partitionTable(byte[][])}. */
    static byte[] entry(int type, int subtype, long offset, long size, String label) {
        byte[] e = new byte[32];
        e[0] = (byte) 0xAA;
        e[1] = 0x50;
        e[2] = (byte) type;
        e[3] = (byte) subtype;
        Bytes.putU32(e, 4, offset);
        Bytes.putU32(e, 8, size);
        text(e, 12, label);
        return e;
    }

    /** A 0xC00-byte table: the entries, the MD5 entry, then 0xFF. */
    static byte[] partitionTable(byte[]... entries) {
        byte[] t = filled(PartitionTable.MAX_LENGTH, 0xFF);
        int at = 0;
        for (byte[] e : entries) {
            System.arraycopy(e, 0, t, at, 32);
            at += 32;
        }
        byte[] md5 = Bytes.md5(t, 0, at);
        t[at] = (byte) 0xEB;
        t[at + 1] = (byte) 0xEB;
        System.arraycopy(md5, 0, t, at + 16, 16);
        return t;
    }

    /** nvs, otadata, phy_init, ota_0 at 0x10000 and ota_1 at 0x110000 (1 MiB each): ESP-IDF's "two OTA" layout. */
    static PartitionTable twoOtaTable() {
        return PartitionTable.parse(partitionTable(
                entry(1, 0x02, 0x9000, 0x4000, "nvs"),
                entry(1, 0x00, 0xD000, 0x2000, "otadata"),
                entry(1, 0x01, 0xF000, 0x1000, "phy_init"),
                entry(0, 0x10, 0x10000, 0x100000, "ota_0"),
                entry(0, 0x11, 0x110000, 0x100000, "ota_1")));
    }

    /** Two otadata sectors with the given sequence numbers (0xFFFFFFFF = erased), state UNDEFINED. */
    static byte[] otadata(long seqSector0, long seqSector1) {
        byte[] b = filled(OtaData.LENGTH, 0xFF);
        for (int sector = 0; sector < 2; sector++) {
            long seq = sector == 0 ? seqSector0 : seqSector1;
            if (seq != 0xFFFF_FFFFL) {
                Bytes.putU32(b, sector * OtaData.SECTOR_SIZE, seq);
                Bytes.putU32(b, sector * OtaData.SECTOR_SIZE + 28, OtaData.crcOf(seq));
            }
        }
        return b;
    }

    /**
     * Signs {@code image} for Secure Boot V2 with an RSA-3072 key as espsecure does: 0xFF padding to 4 KiB,
     * then a 4 KiB sector whose first block holds the digest, n, e, rinv, m', the PSS signature (little-endian)
     * and a CRC-32; blocks 1 and 2 stay 0xFF.
     */
    static byte[] signSbv2(byte[] image, KeyPair rsa) throws GeneralSecurityException {
        int padded = (image.length + 4095) / 4096 * 4096;
        byte[] out = filled(padded + 4096, 0xFF);
        System.arraycopy(image, 0, out, 0, image.length);
        RSAPublicKey pub = (RSAPublicKey) rsa.getPublic();
        Signature pss = Signature.getInstance("RSASSA-PSS");
        pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        pss.initSign(rsa.getPrivate());
        pss.update(out, 0, padded);
        byte[] signature = pss.sign();
        byte[] block = new byte[1216];
        block[0] = (byte) 0xE7;
        block[1] = 0x02;
        System.arraycopy(Bytes.sha256(out, 0, padded), 0, block, 4, 32);
        byte[] key = SecureBootSignatures.keyMaterial(pub);
        System.arraycopy(key, 0, block, 36, key.length);
        System.arraycopy(SecureBootSignatures.littleEndian(new BigInteger(1, signature), 384), 0, block, 812, 384);
        Bytes.putU32(block, 1196, Bytes.crc32(block, 0, 1196));
        System.arraycopy(block, 0, out, padded, block.length);
        return out;
    }
}
