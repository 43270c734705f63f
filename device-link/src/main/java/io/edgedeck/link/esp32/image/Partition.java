package io.edgedeck.link.esp32.image;

/** One 32-byte partition table entry: {@code AA 50 type subtype u32 offset u32 size label[16] u32 flags}. */
public record Partition(int type, int subtype, long offset, long size, String label, long flags) {
    public static final int TYPE_APP = 0x00;
    public static final int TYPE_DATA = 0x01;
    public static final int SUBTYPE_FACTORY = 0x00;
    public static final int SUBTYPE_OTA_0 = 0x10;
    public static final int SUBTYPE_TEST = 0x20;
    public static final int SUBTYPE_DATA_OTA = 0x00;

    public boolean isApp() {
        return type == TYPE_APP;
    }

    /** factory, ota_0..ota_15 or test: a partition an app image can be written to. */
    public boolean isAppSlot() {
        return isApp() && (subtype == SUBTYPE_FACTORY || isOtaSlot() || subtype == SUBTYPE_TEST);
    }

    public boolean isOtaSlot() {
        return isApp() && subtype >= SUBTYPE_OTA_0 && subtype < SUBTYPE_OTA_0 + 16;
    }

    /** n for ota_n, or -1. */
    public int otaIndex() {
        return isOtaSlot() ? subtype - SUBTYPE_OTA_0 : -1;
    }

    public boolean isOtaData() {
        return type == TYPE_DATA && subtype == SUBTYPE_DATA_OTA;
    }

    public boolean encrypted() {
        return (flags & 1) != 0;
    }

    public boolean readOnly() {
        return (flags & 2) != 0;
    }

    public long end() {
        return offset + size;
    }

    public boolean contains(long address) {
        return address >= offset && address < end();
    }

    /** {@code app}, {@code data}, or the number in hex for custom types. */
    public String typeName() {
        return switch (type) {
            case TYPE_APP -> "app";
            case TYPE_DATA -> "data";
            case 0x02 -> "bootloader";
            case 0x03 -> "partition_table";
            default -> String.format("0x%02x", type);
        };
    }

    /** {@code factory}, {@code ota_1}, {@code nvs}, {@code phy}… as in gen_esp32part.py's CSV. */
    public String subtypeName() {
        if (isApp()) {
            if (subtype == SUBTYPE_FACTORY) {
                return "factory";
            }
            if (isOtaSlot()) {
                return "ota_" + otaIndex();
            }
            if (subtype == SUBTYPE_TEST) {
                return "test";
            }
        } else if (type == TYPE_DATA) {
            String name = switch (subtype) {
                case 0x00 -> "ota";
                case 0x01 -> "phy";
                case 0x02 -> "nvs";
                case 0x03 -> "coredump";
                case 0x04 -> "nvs_keys";
                case 0x05 -> "efuse";
                case 0x06 -> "undefined";
                case 0x80 -> "esphttpd";
                case 0x81 -> "fat";
                case 0x82 -> "spiffs";
                case 0x83 -> "littlefs";
                default -> null;
            };
            if (name != null) {
                return name;
            }
        }
        return String.format("0x%02x", subtype);
    }
}
