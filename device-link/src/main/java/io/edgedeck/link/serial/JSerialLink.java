package io.edgedeck.link.serial;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** A {@link SerialLink} on a real port or a pseudo-terminal, through jSerialComm. */
public final class JSerialLink implements SerialLink {

    private static final int EPERM = 1;
    private static final int ENOENT = 2;
    private static final int ENXIO = 6;
    private static final int EAGAIN = 11;
    private static final int EACCES = 13;
    private static final int EBUSY = 16;
    private static final int ENODEV = 19;

    /** POSIX errno for a system call interrupted by a signal (4 on Linux and macOS). */
    static final int EINTR = 4;
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT)
            .startsWith("windows");

    private final SerialPort port;
    private final String name;
    private final boolean controlLines;
    private int readTimeoutMs = -1;
    private volatile boolean closed;

    private JSerialLink(SerialPort port, String name, boolean controlLines) {
        this.port = port;
        this.name = name;
        this.controlLines = controlLines;
    }

    /**
     * Opens a port by system name ({@code ttyUSB0}, {@code COM3}) or by any path, pseudo-terminals and symlinks
     * included, at 8N1 without flow control.
     *
     * @throws SerialException NOT_FOUND, BUSY, PERMISSION (with the dialout/udev hint) or IO
     */
    public static JSerialLink open(String portOrPath, int baud) {
        boolean isPath = portOrPath.contains("/") || portOrPath.contains("\\");
        Path path = isPath ? Path.of(portOrPath) : Path.of("/dev", portOrPath);
        boolean onPosixFs = isPath || Files.exists(path);
        if (isPath && !Files.exists(path)) {
            throw notFound(portOrPath);
        }
        if (onPosixFs && Files.exists(path) && (!Files.isReadable(path) || !Files.isWritable(path))) {
            throw permission(portOrPath);
        }
        SerialPort port;
        try {
            port = SerialPort.getCommPort(portOrPath);
        } catch (SerialPortInvalidPortException e) {
            throw notFound(portOrPath);
        }
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        if (!port.openPort(0)) {
            int errno = port.getLastErrorCode();
            if ((errno == ENOENT || errno == ENXIO) && Files.exists(path)) {
                // jSerialComm 2.11 reports a port held by another process (its exclusive lock) this way
                errno = EBUSY;
            }
            throw switch (errno) {
                case EACCES, EPERM -> permission(portOrPath);
                case EBUSY, EAGAIN -> new SerialException(SerialException.Reason.BUSY, "The port " + portOrPath
                        + " is in use by another program (a serial monitor, another flasher, ModemManager?). Close it and try again.");
                case ENOENT, ENXIO, ENODEV -> notFound(portOrPath);
                default -> new SerialException(SerialException.Reason.IO,
                        "Could not open " + portOrPath + " (system error " + errno + ").");
            };
        }
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, 100, 0);
        String real = realPath(path);
        boolean pty = real.startsWith("/dev/pts/") || real.startsWith("/dev/ptmx") || real.startsWith("/dev/pty");
        return new JSerialLink(port, portOrPath, !pty);
    }

    private static String realPath(Path p) {
        try {
            return p.toRealPath().toString();
        } catch (IOException e) {
            return p.toString();
        }
    }

    private static SerialException notFound(String port) {
        return new SerialException(SerialException.Reason.NOT_FOUND,
                "There is no serial port " + port + ". Is the board plugged in? Pick the port again from the list.");
    }

    /** What a user reads when the port exists but is not theirs to open. */
    static SerialException permission(String port) {
        return new SerialException(SerialException.Reason.PERMISSION, "Permission denied on " + port
                + ". On Linux add yourself to the dialout group (sudo usermod -aG dialout $USER, then log in again)"
                + " or install EdgeDeck's udev rule (70-edgedeck-serial.rules; the .deb and .rpm install it).");
    }

    @Override
    public int read(byte[] buf, int off, int len, Duration timeout) {
        ensureOpen();
        int ms = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        if (ms != readTimeoutMs) {
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, ms, 0);
            readTimeoutMs = ms;
        }
        int n = port.readBytes(buf, len, off);
        if (n < 0) {
            if (interruptedBySignal(WINDOWS, port.getLastErrorCode(), port.bytesAvailable())) {
                return 0; // a signal (Ctrl+C, SIGWINCH…) cut the wait short: no data yet, the caller reads again
            }
            throw lost();
        }
        return n;
    }

    /**
     * Whether a failed read was only cut short by a signal (POSIX {@code EINTR}) on a port that still answers
     * ({@code bytesAvailable} not negative), so it means "no data yet" rather than a pulled cable. On Windows the
     * error codes are not errno values and a failed read is always treated as lost.
     */
    static boolean interruptedBySignal(boolean windows, int lastErrorCode, int bytesAvailable) {
        return !windows && lastErrorCode == EINTR && bytesAvailable >= 0;
    }

    @Override
    public void write(byte[] data, int off, int len) {
        ensureOpen();
        int done = 0;
        while (done < len) {
            int n = port.writeBytes(data, len - done, off + done);
            if (n <= 0) {
                throw lost();
            }
            done += n;
        }
    }

    @Override
    public void flushInput() {
        ensureOpen();
        byte[] junk = new byte[4096];
        int avail;
        while ((avail = port.bytesAvailable()) > 0) {
            if (port.readBytes(junk, Math.min(avail, junk.length)) < 0) {
                throw lost();
            }
        }
        if (avail < 0) {
            throw lost();
        }
    }

    @Override
    public void setBaudRate(int baud) {
        ensureOpen();
        if (!port.setBaudRate(baud)) {
            throw new SerialException(SerialException.Reason.UNSUPPORTED, name + " does not accept " + baud + " baud.");
        }
    }

    @Override
    public int baudRate() {
        return port.getBaudRate();
    }

    @Override
    public boolean hasControlLines() {
        return controlLines;
    }

    @Override
    public void setControlLines(boolean dtr, boolean rts) {
        ensureOpen();
        if (!controlLines || !port.setDTRandRTS(dtr, rts)) {
            throw new SerialException(SerialException.Reason.UNSUPPORTED,
                    name + " has no DTR/RTS lines (a pseudo-terminal or a bridge without them): the board cannot be reset from here.");
        }
    }

    @Override
    public String description() {
        return name;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            port.closePort();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new SerialException(SerialException.Reason.LOST, name + " is closed.");
        }
    }

    private SerialException lost() {
        return new SerialException(SerialException.Reason.LOST,
                "The connection on " + name + " was lost (cable unplugged or the board reset).");
    }
}
