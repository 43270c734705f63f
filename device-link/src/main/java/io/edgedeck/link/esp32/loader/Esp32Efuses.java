package io.edgedeck.link.esp32.loader;

/**
 * What an original ESP32 tells about itself through eFuse words and two registers, read with READ_REG as esptool
 * does in {@code targets/esp32.py} ({@code get_major_chip_version}, {@code get_minor_chip_version},
 * {@code get_pkg_version}, {@code get_rom_cal_crystal_freq}):
 * <ul>
 *   <li>major revision: three bits — eFuse word 3 bit 15, eFuse word 5 bit 20, APB_CTL_DATE (0x3FF6607C) bit 31 —
 *       combined b2 b1 b0 = 000 → 0, 001 → 1, 011 → 2, 111 → 3 (anything else: 0, as esptool);</li>
 *   <li>minor revision: eFuse word 5 bits 24–25;</li>
 *   <li>package: eFuse word 3 bits 9–11, plus bit 2 as bit 3; bit 0 set = single core;</li>
 *   <li>the crystal frequency the ROM calculated at boot (it sets its UART divider from it): the RTC calibration
 *       value (RTCCALICFG1 0x3FF5F06C, bits 7–31) × 15625 × the 8 MHz clock's eFuse trim (word 4, bits 0–7) / 40.</li>
 * </ul>
 * Only for {@link Chip#ESP32}: the newer chips keep these facts elsewhere.
 */
public final class Esp32Efuses {

    public static final int EFUSE_BASE = 0x3FF5A000;
    public static final int APB_CTL_DATE = 0x3FF66000 + 0x7C;
    public static final int RTCCALICFG1 = 0x3FF5F06C;

    private final LoaderConnection conn;

    public Esp32Efuses(LoaderConnection conn) {
        this.conn = conn;
    }

    public long word(int n) {
        return conn.readReg(EFUSE_BASE + 4 * n);
    }

    public ChipRevision revision() {
        long word3 = word(3);
        long word5 = word(5);
        long date = conn.readReg(APB_CTL_DATE);
        int bits = (int) ((date >>> 31 & 1) << 2 | (word5 >>> 20 & 1) << 1 | word3 >>> 15 & 1);
        int major = switch (bits) {
            case 0b001 -> 1;
            case 0b011 -> 2;
            case 0b111 -> 3;
            default -> 0;
        };
        return new ChipRevision(major, (int) (word5 >>> 24 & 0x3));
    }

    /** The module or chip package, e.g. {@code ESP32-D0WD-V3}, as esptool names it. */
    public String model(ChipRevision revision) {
        long word3 = word(3);
        int pkg = (int) ((word3 >>> 9 & 0x7) + ((word3 >>> 2 & 1) << 3));
        boolean singleCore = (word3 & 1) != 0;
        boolean v3 = revision.major() == 3;
        return switch (pkg) {
            case 0 -> singleCore ? "ESP32-S0WDQ6" : v3 ? "ESP32-D0WDQ6-V3" : "ESP32-D0WDQ6";
            case 1 -> singleCore ? "ESP32-S0WD" : v3 ? "ESP32-D0WD-V3" : "ESP32-D0WD";
            case 2 -> "ESP32-D2WD";
            case 4 -> "ESP32-U4WDH";
            case 5 -> v3 ? "ESP32-PICO-V3" : "ESP32-PICO-D4";
            case 6 -> "ESP32-PICO-V3-02";
            case 7 -> "ESP32-D0WDR2-V3";
            default -> "ESP32 (package " + pkg + ")";
        };
    }

    /** The crystal frequency in Hz the ROM calculated at boot (a few per cent off the real 40 or 26 MHz). */
    public double romCalculatedCrystalHz() {
        long cali = conn.readReg(RTCCALICFG1) >>> 7 & 0x01FFFFFF;
        long ck8m = word(4) & 0xFF;
        return cali * 15625.0 * ck8m / 40;
    }
}
