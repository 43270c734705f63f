package io.edgedeck.link.serial;

import java.util.Optional;

/**
 * One serial port as the operating system lists it.
 *
 * @param systemName e.g. {@code ttyUSB0} or {@code COM3}
 * @param path       what to open, e.g. {@code /dev/ttyUSB0}
 * @param vendorId   USB vendor id, -1 when not a USB device
 * @param productId  USB product id, -1 when not a USB device
 * @param description the driver's description
 */
public record PortInfo(String systemName, String path, int vendorId, int productId, String description) {

    public Optional<UsbBridge> bridge() {
        return UsbBridge.of(vendorId, productId);
    }

    public boolean isUsb() {
        return vendorId >= 0 && productId >= 0;
    }

    /** {@code 10C4:EA60} or empty. */
    public String usbId() {
        return isUsb() ? String.format("%04X:%04X", vendorId, productId) : "";
    }

    /** A name for a port picker: {@code /dev/ttyUSB0 — Silicon Labs CP210x (10C4:EA60)}. */
    public String displayName() {
        String name = bridge().map(UsbBridge::friendlyName).orElse(description == null ? "" : description);
        StringBuilder s = new StringBuilder(path);
        if (!name.isBlank()) {
            s.append(" — ").append(name);
        }
        if (isUsb()) {
            s.append(" (").append(usbId()).append(')');
        }
        return s.toString();
    }
}
