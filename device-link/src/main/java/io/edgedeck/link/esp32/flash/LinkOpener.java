package io.edgedeck.link.esp32.flash;

import io.edgedeck.link.serial.JSerialLink;
import io.edgedeck.link.serial.SerialLink;

/** Opens the serial link for a port name or path; tests pass an in-memory pair. */
@FunctionalInterface
public interface LinkOpener {

    LinkOpener SYSTEM = JSerialLink::open;

    SerialLink open(String port, int baud);

    /** Whether the port is Espressif's USB-Serial/JTAG (it needs its own reset sequence). */
    default boolean isUsbJtagSerial(String port) {
        return false;
    }
}
