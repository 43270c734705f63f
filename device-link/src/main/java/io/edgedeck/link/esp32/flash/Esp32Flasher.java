package io.edgedeck.link.esp32.flash;

import io.edgedeck.link.esp32.loader.AfterReset;
import io.edgedeck.link.esp32.loader.BeforeReset;
import io.edgedeck.link.esp32.loader.ChipInfo;
import io.edgedeck.link.esp32.loader.Errors;
import io.edgedeck.link.esp32.loader.LoaderConnection;
import io.edgedeck.link.serial.PortInfo;
import io.edgedeck.link.serial.SerialException;
import io.edgedeck.link.serial.SerialLink;
import io.edgedeck.link.serial.SerialPorts;

/**
 * The flasher's public entry point for the CLI and the UI: flash, read flash, chip info. Every failure is a
 * {@link io.edgedeck.link.esp32.loader.FlashException}; the port is released in every case.
 */
public final class Esp32Flasher {

    private final LinkOpener opener;
    private final int connectAttempts;

    /** Real serial ports (jSerialComm), esptool's 7 connection attempts. */
    public Esp32Flasher() {
        this(new SystemPorts(), LoaderConnection.DEFAULT_CONNECT_ATTEMPTS);
    }

    public Esp32Flasher(LinkOpener opener, int connectAttempts) {
        this.opener = opener;
        this.connectAttempts = connectAttempts;
    }

    /** Validated regions in, per-region MD5s out; a cancelled job returns with outcome CANCELLED. */
    public FlashResult flash(FlashJob job, FlashProgress progress, CancelToken cancel) {
        FlashProgress p = progress == null ? FlashProgress.NONE : progress;
        Flasher.checkRegions(job.regions(), job.flashSize());
        try (FlashSession session = FlashSession.open(opener, job.port(), job.baud(), job.before(), job.flashSize(),
                connectAttempts, p)) {
            FlashResult result = session.flasher(p, cancel).write(job.regions(), new WriteOptions(job.compress(), job.verify()));
            if (result.completed()) {
                p.onProgress(Progress.phase(Phase.RESETTING));
                session.finish(job.after());
            }
            return result;
        }
    }

    /** Reads {@code length} bytes at {@code offset} (a backup before overwriting). */
    public byte[] readFlash(String port, int baud, BeforeReset before, AfterReset after, int offset, int length,
                            FlashProgress progress, CancelToken cancel) {
        FlashProgress p = progress == null ? FlashProgress.NONE : progress;
        try (FlashSession session = FlashSession.open(opener, port, baud, before, FlashJob.DEFAULT_FLASH_SIZE,
                connectAttempts, p)) {
            byte[] data = session.flasher(p, cancel).read(offset, length);
            session.finish(after);
            return data;
        }
    }

    /** Connects, identifies the chip and resets it back to its firmware. */
    public ChipInfo chipInfo(String port, BeforeReset before) {
        SerialLink link;
        try {
            link = opener.open(port, LoaderConnection.ROM_BAUD);
        } catch (SerialException e) {
            throw Errors.fromSerial(e);
        }
        try (LoaderConnection conn = new LoaderConnection(link)) {
            conn.connect(before.strategy(opener.isUsbJtagSerial(port)), connectAttempts);
            ChipInfo info = conn.describe();
            if (before != BeforeReset.NO_RESET) {
                conn.hardReset();
            }
            return info;
        }
    }

    /**
     * The real serial ports (and pseudo-terminals by path) through jSerialComm, recognising Espressif's
     * USB-Serial/JTAG by its USB id (it needs its own reset). Shared with the ops package's {@code BoardAccess}.
     */
    public static LinkOpener systemPorts() {
        return new SystemPorts();
    }

    /** jSerialComm ports; recognises Espressif's USB-Serial/JTAG by its USB id. */
    private static final class SystemPorts implements LinkOpener {
        @Override
        public SerialLink open(String port, int baud) {
            return LinkOpener.SYSTEM.open(port, baud);
        }

        @Override
        public boolean isUsbJtagSerial(String port) {
            for (PortInfo p : SerialPorts.list()) {
                if (p.path().equals(port) || p.systemName().equals(port)) {
                    return p.bridge().map(b -> b.isUsbJtagSerial()).orElse(false);
                }
            }
            return false;
        }
    }
}
