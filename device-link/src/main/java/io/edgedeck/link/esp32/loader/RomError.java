package io.edgedeck.link.esp32.loader;

/** The error byte of a failed ROM response. */
public enum RomError {
    INVALID_MESSAGE(0x05, "the loader does not support this command"),
    FAILED(0x06, "the operation failed"),
    BAD_CHECKSUM(0x07, "a data block arrived with a bad checksum"),
    FLASH_WRITE(0x08, "flash write failed (read-back mismatch)"),
    FLASH_READ(0x09, "flash read failed"),
    READ_LENGTH(0x0A, "bad read length"),
    INFLATE(0x0B, "decompression failed"),
    ADLER32(0x0C, "decompressed data failed its Adler-32 check"),
    INFLATE_PARAM(0x0D, "bad decompression parameter"),
    UNKNOWN(-1, "unknown error");

    private final int code;
    private final String meaning;

    RomError(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    public static RomError of(int code) {
        for (RomError e : values()) {
            if (e.code == code) {
                return e;
            }
        }
        return UNKNOWN;
    }
}
