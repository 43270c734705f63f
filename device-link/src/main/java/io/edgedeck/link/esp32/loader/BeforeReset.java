package io.edgedeck.link.esp32.loader;

/** What to do before talking to the ROM ({@code --before}). */
public enum BeforeReset {
    /** Classic DTR/RTS auto-reset (the USB-Serial/JTAG sequence when the port is Espressif's own). */
    DEFAULT_RESET,
    /** Force the USB-Serial/JTAG sequence. */
    USB_RESET,
    /** Do not touch DTR/RTS: the board is already in download mode. */
    NO_RESET;

    public ResetStrategy strategy(boolean usbJtagSerialPort) {
        return switch (this) {
            case DEFAULT_RESET -> usbJtagSerialPort ? ResetStrategy.usbJtagSerial() : ResetStrategy.classic();
            case USB_RESET -> ResetStrategy.usbJtagSerial();
            case NO_RESET -> ResetStrategy.none();
        };
    }
}
