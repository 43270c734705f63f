package io.edgedeck.link.esp32.loader;

/**
 * Every failure of the flasher and its loader: a stable {@link Code} for programs and exit codes, and a message a
 * person understands (what happened, then what to do).
 */
public class FlashException extends RuntimeException {

    /** Stable error codes; never renumber or rename (the CLI and logs use them). */
    public enum Code {
        /** The board never answered SYNC. */
        NO_ANSWER("The board did not answer: hold BOOT while pressing EN (or RESET), or check the cable."),
        /** The board answered before but stopped answering a command. */
        TIMEOUT("The board stopped answering: check the cable and the power supply, or try a lower baud rate."),
        /** Replies arrived garbled. */
        CORRUPT_REPLY("The board's replies arrived garbled: try another USB cable or port, or a lower baud rate."),
        /** A chip this flasher cannot write. */
        WRONG_CHIP("This flasher writes the original ESP32 only; use a tool for this chip."),
        /** The port went away in the middle. */
        LINK_LOST("The connection was lost: was the cable unplugged? Plug it back in and flash again."),
        /** The ROM answered with a failure status. */
        BAD_STATUS("The board refused the command: reset it into download mode and try again."),
        /** Flash content differs from the image after writing. */
        MD5_MISMATCH("What was written differs from the image: flash again; if it repeats, the flash chip or the power may be failing."),
        PORT_NOT_FOUND("Pick the port again: the board may have been unplugged or got another name."),
        PORT_BUSY("Close the serial monitor or other program using the port, then try again."),
        PERMISSION("On Linux add yourself to the dialout group (sudo usermod -aG dialout $USER, then log in again) or install EdgeDeck's udev rule (70-edgedeck-serial.rules; the .deb and .rpm install it)."),
        /** The request itself is wrong (region outside the flash, overlapping regions…). */
        BAD_REQUEST("Check the offsets and files."),
        /** Any other I/O failure. */
        IO("Unplug the board, plug it back in and try again.");

        private final String hint;

        Code(String hint) {
            this.hint = hint;
        }

        public String hint() {
            return hint;
        }
    }

    private final Code code;
    private final String detail;

    public FlashException(Code code, String detail) {
        this(code, detail, null);
    }

    public FlashException(Code code, String detail, Throwable cause) {
        super(detail + (detail.endsWith(".") ? " " : ". ") + code.hint(), cause);
        this.code = code;
        this.detail = detail;
    }

    public Code code() {
        return code;
    }

    /** What happened, without the hint. */
    public String detail() {
        return detail;
    }
}
