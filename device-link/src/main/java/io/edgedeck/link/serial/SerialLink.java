package io.edgedeck.link.serial;

import java.time.Duration;

/**
 * A byte pipe to one serial port: the lowest layer of the flasher. Implementations: {@link JSerialLink} (a real port or
 * a pseudo-terminal) and {@link MemorySerialPair} (tests, benchmarks). Not thread-safe except that {@link #close()} may
 * be called from another thread to abort a blocked read. Every failure is a {@link SerialException}.
 */
public interface SerialLink extends AutoCloseable {

    /**
     * Reads up to {@code len} bytes, waiting at most {@code timeout} for the first one.
     *
     * @return the number of bytes read, 0 when the timeout passed without data
     * @throws SerialException {@link SerialException.Reason#LOST} when the port went away
     */
    int read(byte[] buf, int off, int len, Duration timeout);

    /** Writes all bytes (blocking until the driver accepted them). */
    void write(byte[] data, int off, int len);

    default void write(byte[] data) {
        write(data, 0, data.length);
    }

    /** Discards everything received but not read yet. */
    void flushInput();

    void setBaudRate(int baud);

    int baudRate();

    /** Whether {@link #setControlLines} can work here (a pseudo-terminal has no DTR/RTS). */
    boolean hasControlLines();

    /**
     * Sets DTR and RTS ({@code true} = asserted, 0 V on the wire).
     *
     * @throws SerialException {@link SerialException.Reason#UNSUPPORTED} when the port has no control lines
     */
    void setControlLines(boolean dtr, boolean rts);

    /** A short human description, e.g. {@code /dev/ttyUSB0 (CP210x)}. */
    String description();

    @Override
    void close();
}
