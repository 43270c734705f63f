package io.edgedeck.app.cli;

import io.edgedeck.link.esp32.flash.FlashJob;
import io.edgedeck.link.esp32.loader.AfterReset;
import io.edgedeck.link.esp32.loader.BeforeReset;
import io.edgedeck.link.esp32.loader.LoaderConnection;
import io.edgedeck.link.esp32.ops.BoardAccess;
import io.edgedeck.link.esp32.ops.ConnectOptions;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

import java.util.Locale;

/** The serial options every board command shares (esptool's names): --baud, --before, --after, --connect-attempts. */
final class LinkOptions {
    @Option(names = {"-b", "--baud"}, paramLabel = "B", defaultValue = "" + FlashJob.DEFAULT_BAUD,
            description = "Baud rate after connecting at 115200 (default ${DEFAULT-VALUE}).")
    int baud;

    @Option(names = "--before", paramLabel = "RESET", defaultValue = "default-reset", converter = BeforeConverter.class,
            description = "default-reset (DTR/RTS into the loader), usb-reset (USB-Serial/JTAG) or no-reset "
                    + "(board already in download mode; links without control lines, e.g. a pty; default: ${DEFAULT-VALUE}).")
    BeforeReset before;

    @Option(names = "--after", paramLabel = "RESET", defaultValue = "hard-reset", converter = AfterConverter.class,
            description = "hard-reset (boot the firmware) or no-reset (stay in the loader; default: ${DEFAULT-VALUE}).")
    AfterReset after;

    @Option(names = "--connect-attempts", paramLabel = "N", defaultValue = "" + LoaderConnection.DEFAULT_CONNECT_ATTEMPTS,
            description = "Resets and SYNC rounds before giving up (default ${DEFAULT-VALUE}).")
    int connectAttempts;

    ConnectOptions connect() {
        if (baud < 9600 || baud > 5_000_000) {
            throw new IllegalArgumentException("--baud " + baud + " is not a serial baud rate (try 115200 or 460800)");
        }
        return new ConnectOptions(baud, before, after);
    }

    BoardAccess access() {
        if (connectAttempts < 1) {
            throw new IllegalArgumentException("--connect-attempts must be at least 1");
        }
        return BoardAccess.system(connectAttempts);
    }

    static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static final class BeforeConverter implements ITypeConverter<BeforeReset> {
        @Override
        public BeforeReset convert(String value) {
            try {
                return BeforeReset.valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--before takes default-reset, usb-reset or no-reset, not '" + value + "'");
            }
        }
    }

    static final class AfterConverter implements ITypeConverter<AfterReset> {
        @Override
        public AfterReset convert(String value) {
            try {
                return AfterReset.valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--after takes hard-reset or no-reset, not '" + value + "'");
            }
        }
    }
}
