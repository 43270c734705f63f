package io.edgedeck.link.esp32.loader;

/**
 * A ROM response: {@code value} is READ_REG's result; {@code data} is the command's own response data (the MD5's 32 hex
 * characters, READ_FLASH_SLOW's 64 bytes) without the status bytes.
 */
public record Response(int opcode, long value, byte[] data, int status, int error) {

    public boolean ok() {
        return status == 0;
    }

    public RomError romError() {
        return RomError.of(error);
    }
}
