package io.edgedeck.link.esp32.image;

/**
 * {@code esp_app_desc_t}, the 256 bytes at the start of an app's first DROM segment (file offset 32).
 *
 * @param minEfuseBlkRevFull major × 100 + minor
 * @param mmuPageSizeLog2    0 when the field is not set (older IDF), else log2 of the MMU page size
 */
public record AppDescriptor(long magicWord, long secureVersion, String version, String projectName, String time,
                            String date, String idfVersion, String appElfSha256, int minEfuseBlkRevFull,
                            int maxEfuseBlkRevFull, int mmuPageSizeLog2) {
    public static final long MAGIC = 0xABCD5432L;
    static final int SIZE = 256;

    /** Returns null when the bytes at {@code at} do not start with the descriptor magic. */
    static AppDescriptor parseAt(byte[] b, int at, int available) {
        if (available < SIZE || Bytes.u32(b, at) != MAGIC) {
            return null;
        }
        return new AppDescriptor(Bytes.u32(b, at), Bytes.u32(b, at + 4), Bytes.cString(b, at + 16, 32),
                Bytes.cString(b, at + 48, 32), Bytes.cString(b, at + 80, 16), Bytes.cString(b, at + 96, 16),
                Bytes.cString(b, at + 112, 32), Bytes.hex(b, at + 144, at + 176), Bytes.u16(b, at + 176),
                Bytes.u16(b, at + 178), Bytes.u8(b, at + 180));
    }

    /** {@code 0.0} style, as esptool prints eFuse block revisions. */
    public static String blockRevision(int full) {
        return full / 100 + "." + full % 100;
    }

    /** {@code 64 KB}, or null when the descriptor does not say. */
    public String mmuPageSize() {
        return mmuPageSizeLog2 == 0 ? null : (1L << mmuPageSizeLog2) / 1024 + " KB";
    }
}
