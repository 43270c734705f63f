package io.edgedeck.link.esp32.image;

/** {@code esp_bootloader_desc_t} (ESP-IDF 5.2 and later): magic byte 0x50, version, IDF version, build time. */
public record BootloaderDescriptor(int magicByte, long version, String idfVersion, String dateTime) {
    public static final int MAGIC = 0x50;
    static final int SIZE = 80;

    /** Returns null when the bytes at {@code at} do not start with the descriptor magic. */
    static BootloaderDescriptor parseAt(byte[] b, int at, int available) {
        if (available < SIZE || Bytes.u8(b, at) != MAGIC) {
            return null;
        }
        return new BootloaderDescriptor(Bytes.u8(b, at), Bytes.u32(b, at + 4), Bytes.cString(b, at + 8, 32),
                Bytes.cString(b, at + 40, 24));
    }
}
