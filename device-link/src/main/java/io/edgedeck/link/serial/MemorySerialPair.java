package io.edgedeck.link.serial;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;

/**
 * Two connected in-memory {@link SerialLink}s, a host end and a device end, for tests and benchmarks. Optional
 * behaviour of a real cable: bytes written at one baud rate and read at another arrive garbled; throttling to the writer's baud rate (10 bits per byte, e.g. 921600 baud = 92,160 B/s
 * each way, with a 4 KiB driver buffer), and pulling the cable after a number of bytes.
 */
public final class MemorySerialPair {

    private static final int DRIVER_BUFFER = 4096;

    private final Pipe toDevice = new Pipe();
    private final Pipe toHost = new Pipe();
    private final End host;
    private final End device;
    private volatile boolean throttled;
    private volatile boolean cut;
    private volatile long cutAfterHostBytes = Long.MAX_VALUE;
    private volatile boolean hostControlLines = true;

    public MemorySerialPair(int baud) {
        host = new End("memory:host", toHost, toDevice, baud, true);
        device = new End("memory:device", toDevice, toHost, baud, false);
    }

    public SerialLink host() {
        return host;
    }

    public SerialLink device() {
        return device;
    }

    /** Each direction carries at most baud/10 bytes per second of the writing end's baud rate. */
    public MemorySerialPair throttled(boolean on) {
        this.throttled = on;
        return this;
    }

    /** The host end reports no DTR/RTS, like a pseudo-terminal. */
    public MemorySerialPair withoutControlLines() {
        this.hostControlLines = false;
        return this;
    }

    /** Pulls the cable once the host has written this many bytes (the rest of that write is lost). */
    public MemorySerialPair cutAfterHostBytes(long bytes) {
        this.cutAfterHostBytes = bytes;
        return this;
    }

    /** Pulls the cable now: both ends fail with {@link SerialException.Reason#LOST}. */
    public void cut() {
        cut = true;
        toDevice.wake();
        toHost.wake();
    }

    /** Receives every DTR/RTS change the host makes (the device side of the auto-reset circuit). */
    public void onHostControlLines(BiConsumer<Boolean, Boolean> listener) {
        host.controlListener = listener;
    }

    public long bytesHostToDevice() {
        return toDevice.total.get();
    }

    public long bytesDeviceToHost() {
        return toHost.total.get();
    }

    private final class End implements SerialLink {
        private final String name;
        private final Pipe in;
        private final Pipe out;
        private final boolean isHost;
        private volatile int baud;
        private volatile boolean closed;
        private volatile BiConsumer<Boolean, Boolean> controlListener = (d, r) -> { };

        End(String name, Pipe in, Pipe out, int baud, boolean isHost) {
            this.name = name;
            this.in = in;
            this.out = out;
            this.baud = baud;
            this.isHost = isHost;
        }

        @Override
        public int read(byte[] buf, int off, int len, Duration timeout) {
            check();
            return in.read(buf, off, len, timeout.toNanos(), this::check, baud);
        }

        @Override
        public void write(byte[] data, int off, int len) {
            check();
            int n = len;
            if (isHost) {
                long allowed = cutAfterHostBytes - out.total.get();
                if (allowed < len) {
                    n = (int) Math.max(0, allowed);
                }
            }
            double bytesPerNano = throttled ? baud / 10.0 / 1e9 : 0;
            long endNanos = out.put(data, off, n, bytesPerNano, baud);
            if (n < len) {
                cut();
                check();
            }
            if (throttled) {
                long waitUntil = endNanos - (long) (DRIVER_BUFFER / bytesPerNano);
                sleepUntil(waitUntil);
            }
        }

        @Override
        public void flushInput() {
            check();
            in.clearAvailable();
        }

        @Override
        public void setBaudRate(int baud) {
            check();
            this.baud = baud;
        }

        @Override
        public int baudRate() {
            return baud;
        }

        @Override
        public boolean hasControlLines() {
            return !isHost || hostControlLines;
        }

        @Override
        public void setControlLines(boolean dtr, boolean rts) {
            check();
            if (!hasControlLines()) {
                throw new SerialException(SerialException.Reason.UNSUPPORTED, name + " has no DTR/RTS lines.");
            }
            controlListener.accept(dtr, rts);
        }

        @Override
        public String description() {
            return name;
        }

        @Override
        public void close() {
            closed = true;
            in.wake();
        }

        private void check() {
            if (closed) {
                throw new SerialException(SerialException.Reason.LOST, name + " is closed.");
            }
            if (cut) {
                throw new SerialException(SerialException.Reason.LOST,
                        "The connection on " + name + " was lost (cable unplugged).");
            }
        }
    }

    private static void sleepUntil(long nanoTime) {
        long wait;
        while ((wait = nanoTime - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SerialException(SerialException.Reason.IO, "Interrupted while writing.");
            }
        }
    }

    /** One direction: chunks become readable byte by byte at the rate they were written with. */
    private static final class Pipe {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
        private final AtomicLong total = new AtomicLong();
        private long lastEnd;

        long put(byte[] data, int off, int len, double bytesPerNano, int baud) {
            lock.lock();
            try {
                long now = System.nanoTime();
                long start = Math.max(now, lastEnd);
                long end = bytesPerNano > 0 ? start + (long) (len / bytesPerNano) : now;
                if (len > 0) {
                    byte[] copy = java.util.Arrays.copyOfRange(data, off, off + len);
                    chunks.add(new Chunk(copy, start, bytesPerNano, baud));
                    total.addAndGet(len);
                }
                lastEnd = bytesPerNano > 0 ? end : lastEnd;
                changed.signalAll();
                return end;
            } finally {
                lock.unlock();
            }
        }

        int read(byte[] buf, int off, int len, long timeoutNanos, Runnable check, int readerBaud) {
            long deadline = System.nanoTime() + timeoutNanos;
            lock.lock();
            try {
                while (true) {
                    check.run();
                    long now = System.nanoTime();
                    int n = take(buf, off, len, now, readerBaud);
                    if (n > 0) {
                        return n;
                    }
                    long wait = deadline - now;
                    if (wait <= 0) {
                        return 0;
                    }
                    Chunk head = chunks.peek();
                    if (head != null) {
                        wait = Math.min(wait, Math.max(10_000, head.nanosUntilNext(now)));
                    }
                    try {
                        changed.awaitNanos(wait);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new SerialException(SerialException.Reason.IO, "Interrupted while reading.");
                    }
                }
            } finally {
                lock.unlock();
            }
        }

        private int take(byte[] buf, int off, int len, long now, int readerBaud) {
            int n = 0;
            while (n < len && !chunks.isEmpty()) {
                Chunk c = chunks.peek();
                int avail = c.available(now);
                int k = Math.min(avail, len - n);
                System.arraycopy(c.data, c.pos, buf, off + n, k);
                if (Math.abs(c.baud - readerBaud) > readerBaud / 30) {
                    // the two ends disagree on the baud rate: what arrives is garbage, as on a real UART
                    for (int i = 0; i < k; i++) {
                        buf[off + n + i] ^= (byte) 0x5A;
                    }
                }
                c.pos += k;
                n += k;
                if (c.pos == c.data.length) {
                    chunks.poll();
                } else {
                    break;
                }
            }
            return n;
        }

        void clearAvailable() {
            lock.lock();
            try {
                long now = System.nanoTime();
                while (!chunks.isEmpty()) {
                    Chunk c = chunks.peek();
                    c.pos += c.available(now);
                    if (c.pos < c.data.length) {
                        break;
                    }
                    chunks.poll();
                }
            } finally {
                lock.unlock();
            }
        }

        void wake() {
            lock.lock();
            try {
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private static final class Chunk {
        final byte[] data;
        final long start;
        final double bytesPerNano;
        final int baud;
        int pos;

        Chunk(byte[] data, long start, double bytesPerNano, int baud) {
            this.data = data;
            this.start = start;
            this.bytesPerNano = bytesPerNano;
            this.baud = baud;
        }

        int available(long now) {
            if (bytesPerNano <= 0) {
                return data.length - pos;
            }
            long arrived = (long) Math.floor((now - start) * bytesPerNano);
            return (int) Math.max(0, Math.min(data.length, arrived) - pos);
        }

        long nanosUntilNext(long now) {
            if (bytesPerNano <= 0) {
                return 0;
            }
            return (long) (start + (pos + 1) / bytesPerNano - now);
        }
    }
}
