package io.edgedeck.views.flash;

import io.edgedeck.link.serial.PortInfo;
import io.edgedeck.link.serial.UsbBridge;

/**
 * One entry of the port picker: the path to open and a label such as
 * {@code CP210x — /dev/ttyUSB0 (10C4:EA60)}.
 */
public record PortChoice(String path, String label) {

    public static PortChoice of(PortInfo p) {
        String name = p.bridge().map(UsbBridge::friendlyName).map(PortChoice::shortName)
                .orElse(p.description() == null ? "" : p.description().strip());
        StringBuilder s = new StringBuilder();
        if (!name.isBlank()) {
            s.append(name).append(" — ");
        }
        s.append(p.path());
        if (p.isUsb()) {
            s.append(" (").append(p.usbId()).append(')');
        }
        return new PortChoice(p.path(), s.toString());
    }

    /** "Silicon Labs CP210x" → "CP210x": the chip is what people recognise on the board. */
    private static String shortName(String friendly) {
        for (String vendor : new String[]{"Silicon Labs ", "WCH ", "FTDI "}) {
            if (friendly.startsWith(vendor)) {
                return friendly.substring(vendor.length());
            }
        }
        return friendly;
    }

    @Override
    public String toString() {
        return label;
    }
}
