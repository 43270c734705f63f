package io.edgedeck.link.esp32.loader;

import io.edgedeck.link.serial.SerialLink;

/**
 * How the host puts the chip into its ROM download mode through DTR (→ GPIO0) and RTS (→ EN); asserted = 0 V, both
 * asserted = no reset. Implementations may throw {@link io.edgedeck.link.serial.SerialException} with reason
 * UNSUPPORTED on ports without control lines.
 */
public interface ResetStrategy {

    /** @param attempt 0, 1, 2 …: strategies alternate their timing between attempts */
    void enterDownloadMode(SerialLink link, int attempt);

    String name();

    /**
     * The auto-reset circuit of most dev boards: EN low with GPIO0 high, 100 ms; EN released with GPIO0 low; 50 ms
     * (550 ms on odd attempts, for boards with a slow EN capacitor); GPIO0 released.
     */
    static ResetStrategy classic() {
        return new ResetStrategy() {
            public void enterDownloadMode(SerialLink link, int attempt) {
                link.setControlLines(false, true);
                Pause.millis(100);
                link.setControlLines(true, false);
                Pause.millis(attempt % 2 == 0 ? 50 : 550);
                link.setControlLines(false, false);
            }

            public String name() {
                return "classic DTR/RTS";
            }
        };
    }

    /**
     * The Espressif USB-Serial/JTAG peripheral decodes the line states itself: idle; GPIO0 low; reset passing through
     * (DTR, RTS) = (1, 1) rather than (0, 0); release.
     */
    static ResetStrategy usbJtagSerial() {
        return new ResetStrategy() {
            public void enterDownloadMode(SerialLink link, int attempt) {
                link.setControlLines(false, false);
                Pause.millis(100);
                link.setControlLines(true, false);
                Pause.millis(100);
                link.setControlLines(true, true);
                link.setControlLines(false, true);
                Pause.millis(100);
                link.setControlLines(false, false);
            }

            public String name() {
                return "USB-Serial/JTAG";
            }
        };
    }

    /** The chip is already in download mode (BOOT held while pressing EN), or the link has no control lines. */
    static ResetStrategy none() {
        return new ResetStrategy() {
            public void enterDownloadMode(SerialLink link, int attempt) {
            }

            public String name() {
                return "no reset";
            }
        };
    }
}
