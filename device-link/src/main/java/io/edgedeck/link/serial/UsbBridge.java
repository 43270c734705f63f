package io.edgedeck.link.serial;

import java.util.Optional;

/** The USB-serial bridges found on ESP32 boards, by USB vendor and product id. */
public enum UsbBridge {
    CP210X(0x10C4, 0xEA60, "Silicon Labs CP210x"),
    CH340(0x1A86, 0x7523, "WCH CH340"),
    CH9102(0x1A86, 0x55D4, "WCH CH9102"),
    FT232R(0x0403, 0x6001, "FTDI FT232R"),
    FT2232(0x0403, 0x6010, "FTDI FT2232"),
    FT231X(0x0403, 0x6015, "FTDI FT231X"),
    FT232H(0x0403, 0x6014, "FTDI FT232H"),
    ESPRESSIF_USB_JTAG(0x303A, 0x1001, "Espressif USB-Serial/JTAG");

    private final int vendorId;
    private final int productId;
    private final String friendlyName;

    UsbBridge(int vendorId, int productId, String friendlyName) {
        this.vendorId = vendorId;
        this.productId = productId;
        this.friendlyName = friendlyName;
    }

    public int vendorId() {
        return vendorId;
    }

    public int productId() {
        return productId;
    }

    public String friendlyName() {
        return friendlyName;
    }

    /** The Espressif USB-Serial/JTAG needs its own reset sequence. */
    public boolean isUsbJtagSerial() {
        return this == ESPRESSIF_USB_JTAG;
    }

    public static Optional<UsbBridge> of(int vendorId, int productId) {
        for (UsbBridge b : values()) {
            if (b.vendorId == vendorId && b.productId == productId) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }
}
