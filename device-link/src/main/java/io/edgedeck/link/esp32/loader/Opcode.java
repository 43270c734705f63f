package io.edgedeck.link.esp32.loader;

import java.time.Duration;

/**
 * ROM loader opcodes with the default timeout for each (esptool's figures: 3 s by default, 100 ms for SYNC) and how
 * many bytes of command data precede the status bytes in the ROM's response.
 */
public enum Opcode {
    FLASH_BEGIN(0x02, 3_000, 0),
    FLASH_DATA(0x03, 3_000, 0),
    FLASH_END(0x04, 3_000, 0),
    MEM_BEGIN(0x05, 3_000, 0),
    MEM_END(0x06, 200, 0),
    MEM_DATA(0x07, 3_000, 0),
    SYNC(0x08, 100, 0),
    WRITE_REG(0x09, 3_000, 0),
    READ_REG(0x0A, 3_000, 0),
    SPI_SET_PARAMS(0x0B, 3_000, 0),
    SPI_ATTACH(0x0D, 3_000, 0),
    READ_FLASH_SLOW(0x0E, 3_000, 64),
    CHANGE_BAUDRATE(0x0F, 3_000, 0),
    FLASH_DEFL_BEGIN(0x10, 3_000, 0),
    FLASH_DEFL_DATA(0x11, 3_000, 0),
    FLASH_DEFL_END(0x12, 3_000, 0),
    SPI_FLASH_MD5(0x13, 3_000, 32),
    GET_SECURITY_INFO(0x14, 3_000, 0);

    private final int code;
    private final Duration defaultTimeout;
    private final int responseDataLength;

    Opcode(int code, long timeoutMs, int responseDataLength) {
        this.code = code;
        this.defaultTimeout = Duration.ofMillis(timeoutMs);
        this.responseDataLength = responseDataLength;
    }

    public int code() {
        return code;
    }

    public Duration defaultTimeout() {
        return defaultTimeout;
    }

    /** Bytes of response data before the ROM's 4 status bytes (32 for MD5 as ASCII hex, 64 for READ_FLASH_SLOW). */
    public int responseDataLength() {
        return responseDataLength;
    }

    public static Opcode of(int code) {
        for (Opcode o : values()) {
            if (o.code == code) {
                return o;
            }
        }
        return null;
    }
}
