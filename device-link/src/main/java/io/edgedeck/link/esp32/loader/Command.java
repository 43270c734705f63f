package io.edgedeck.link.esp32.loader;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;

/** One ROM loader request. Each knows its opcode, payload, checksum and how long the ROM may take to answer. */
public sealed interface Command {

    /** esptool's floor for every timeout that scales with size. */
    Duration MIN_SCALED_TIMEOUT = Duration.ofSeconds(3);
    /** Block size of FLASH_DATA / FLASH_DEFL_DATA on the ROM. */
    int FLASH_BLOCK = 0x400;

    Opcode opcode();

    byte[] payload();

    /** XOR checksum over the data after the 16-byte header, seeded 0xEF; 0 for commands without data. */
    default int checksum() {
        return 0;
    }

    default Duration timeout() {
        return opcode().defaultTimeout();
    }

    /** {@code max(3 s, secondsPerMb × size)}, as esptool sizes erase and MD5 timeouts. */
    static Duration perMegabyte(double secondsPerMb, long bytes) {
        long ms = (long) (secondsPerMb * 1000.0 * bytes / 1_000_000.0);
        return Duration.ofMillis(Math.max(MIN_SCALED_TIMEOUT.toMillis(), ms));
    }

    static int checksumOf(byte[] data) {
        int c = 0xEF;
        for (byte b : data) {
            c ^= b & 0xFF;
        }
        return c;
    }

    private static byte[] words(int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    private static byte[] dataPacket(int seq, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(16 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(data.length).putInt(seq).putInt(0).putInt(0).put(data);
        return b.array();
    }

    /** {@code 07 07 12 20} and 32 × {@code 55}; the ROM answers it eight times. */
    record Sync() implements Command {
        public Opcode opcode() {
            return Opcode.SYNC;
        }

        public byte[] payload() {
            byte[] p = new byte[36];
            p[0] = 0x07;
            p[1] = 0x07;
            p[2] = 0x12;
            p[3] = 0x20;
            java.util.Arrays.fill(p, 4, 36, (byte) 0x55);
            return p;
        }
    }

    record ReadReg(int address) implements Command {
        public Opcode opcode() {
            return Opcode.READ_REG;
        }

        public byte[] payload() {
            return words(address);
        }
    }

    record WriteReg(int address, int value, int mask, int delayMicros) implements Command {
        public Opcode opcode() {
            return Opcode.WRITE_REG;
        }

        public byte[] payload() {
            return words(address, value, mask, delayMicros);
        }
    }

    /** 8 bytes on the ESP32 ROM: pin configuration (0 = default SPI pins) and a zero word. */
    record SpiAttach(int pinConfig) implements Command {
        public Opcode opcode() {
            return Opcode.SPI_ATTACH;
        }

        public byte[] payload() {
            return words(pinConfig, 0);
        }
    }

    record SpiSetParams(int totalSize) implements Command {
        public Opcode opcode() {
            return Opcode.SPI_SET_PARAMS;
        }

        public byte[] payload() {
            return words(0, totalSize, 64 * 1024, 4 * 1024, 256, 0xFFFF);
        }
    }

    /** The second word is 0 for the ROM (the stub wants the old rate). */
    record ChangeBaudrate(int newBaud) implements Command {
        public Opcode opcode() {
            return Opcode.CHANGE_BAUDRATE;
        }

        public byte[] payload() {
            return words(newBaud, 0);
        }
    }

    /** The ROM erases {@code eraseSize} bytes (whole 4 KiB sectors) before answering: the timeout scales, 30 s/MB. */
    record FlashBegin(int eraseSize, int blocks, int blockSize, int offset) implements Command {
        public Opcode opcode() {
            return Opcode.FLASH_BEGIN;
        }

        public byte[] payload() {
            return words(eraseSize, blocks, blockSize, offset);
        }

        public Duration timeout() {
            return perMegabyte(30, eraseSize);
        }
    }

    record FlashData(int sequence, byte[] data) implements Command {
        public Opcode opcode() {
            return Opcode.FLASH_DATA;
        }

        public byte[] payload() {
            return dataPacket(sequence, data);
        }

        public int checksum() {
            return checksumOf(data);
        }
    }

    record FlashEnd(boolean runUserCode) implements Command {
        public Opcode opcode() {
            return Opcode.FLASH_END;
        }

        public byte[] payload() {
            return words(runUserCode ? 1 : 0);
        }
    }

    /** {@code eraseSize} is the uncompressed size rounded up to 0x400 (the ROM convention); blocks count compressed data. */
    record FlashDeflBegin(int eraseSize, int blocks, int blockSize, int offset) implements Command {
        public Opcode opcode() {
            return Opcode.FLASH_DEFL_BEGIN;
        }

        public byte[] payload() {
            return words(eraseSize, blocks, blockSize, offset);
        }

        public Duration timeout() {
            return perMegabyte(30, eraseSize);
        }
    }

    /** A chunk of the zlib stream; {@code uncompressedEstimate} sizes the timeout (40 s/MB written, like esptool). */
    record FlashDeflData(int sequence, byte[] data, int uncompressedEstimate) implements Command {
        public Opcode opcode() {
            return Opcode.FLASH_DEFL_DATA;
        }

        public byte[] payload() {
            return dataPacket(sequence, data);
        }

        public int checksum() {
            return checksumOf(data);
        }

        public Duration timeout() {
            return perMegabyte(40, uncompressedEstimate);
        }
    }

    record FlashDeflEnd(boolean runUserCode) implements Command {
        public Opcode opcode() {
            return Opcode.FLASH_DEFL_END;
        }

        public byte[] payload() {
            return words(runUserCode ? 1 : 0);
        }
    }

    /** The ROM answers 32 lowercase hex characters; 8 s/MB. */
    record SpiFlashMd5(int address, int size) implements Command {
        public Opcode opcode() {
            return Opcode.SPI_FLASH_MD5;
        }

        public byte[] payload() {
            return words(address, size, 0, 0);
        }

        public Duration timeout() {
            return perMegabyte(8, size);
        }
    }

    /** At most 64 bytes per request; the ROM always answers 64 data bytes. */
    record ReadFlashSlow(int address, int length) implements Command {
        public ReadFlashSlow {
            if (length < 1 || length > 64) {
                throw new IllegalArgumentException("READ_FLASH_SLOW reads 1..64 bytes, not " + length);
            }
        }

        public Opcode opcode() {
            return Opcode.READ_FLASH_SLOW;
        }

        public byte[] payload() {
            return words(address, length);
        }
    }

    record GetSecurityInfo() implements Command {
        public Opcode opcode() {
            return Opcode.GET_SECURITY_INFO;
        }

        public byte[] payload() {
            return new byte[0];
        }
    }
}
