package io.edgedeck.link.esp32.flash;

/** Bytes to write at a flash offset (4 KiB aligned: the ROM erases whole sectors). */
public record Region(int offset, byte[] data) {
    public Region {
        if (data == null) {
            throw new IllegalArgumentException("no data");
        }
    }

    public int length() {
        return data.length;
    }

    public long end() {
        return (long) offset + data.length;
    }

    @Override
    public String toString() {
        return String.format("0x%06X (%,d bytes)", offset, data.length);
    }
}
