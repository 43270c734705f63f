package io.edgedeck.link.mqtt;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Sees every message the connection sees, for the topic explorer: its own MQTT client with the connection's broker
 * settings (TLS and login included), the client id {@code <id>-explorer}, a clean session and a QoS 0 subscription to
 * {@code #} — so topics the ingest mapping does not subscribe to show up too. {@code $SYS/#} is not covered by
 * {@code #} (MQTT says so); {@link #showSys} watches it on request, on a client of its own ({@code <id>-explorer-sys})
 * so that a broker which refuses it, or drops the client that asks, leaves the {@code #} tap alone.
 *
 * <h2>Memory and threads</h2>
 * The MQTT client's thread only copies the first {@value #MAX_PAYLOAD_BYTES} bytes of the payload and offers the
 * message to a bounded queue ({@value #QUEUE_CAPACITY}); when the queue is full the message is counted in
 * {@link #dropped()} and left out — the explorer is a view, it never slows the client down. One daemon thread,
 * {@code edgedeck-topic-tap}, hands the messages to the listeners in arrival order. It reconnects by itself
 * (0.5 s → 30 s); nothing here touches the ingest pipeline.
 */
public final class TopicTap implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopicTap.class);
    /** Bytes of a payload kept for display. */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;
    static final int QUEUE_CAPACITY = 50_000;
    /** The broker's own statistics topics, which {@code #} does not match. */
    public static final String SYS_FILTER = "$SYS/#";

    private final BrokerSettings settings;
    private final BlockingQueue<TappedMessage> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final List<Consumer<TappedMessage>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong seen = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final List<Consumer<SysStatus>> sysListeners = new CopyOnWriteArrayList<>();
    private final Thread dispatcher;
    private volatile ExplorerClient client;
    private volatile boolean includeSys;
    private volatile boolean started;
    private volatile long timeoutMillis = 10_000;
    private SysTopicsWatch sysWatch;
    private volatile boolean closed;

    /** The connection's broker with {@code #} only. */
    public TopicTap(BrokerSettings connection) {
        this(connection, false);
    }

    /** @param includeSys watch {@value #SYS_FILTER} as well ({@link #showSys}) */
    public TopicTap(BrokerSettings connection, boolean includeSys) {
        Objects.requireNonNull(connection, "connection");
        this.settings = connection.withClientId(explorerClientId(connection.clientId())).withCleanStart(true);
        this.includeSys = includeSys;
        this.dispatcher = new Thread(this::dispatch, "edgedeck-topic-tap");
        this.dispatcher.setDaemon(true);
    }

    /** {@code <id>-explorer}: the connection's own id stays with the ingest pipeline's persistent session. */
    public static String explorerClientId(String connectionClientId) {
        return connectionClientId + "-explorer";
    }

    /** The filters the tap subscribes to ({@value #SYS_FILTER} on a client of its own). */
    public List<String> filters() {
        return includeSys ? List.of("#", SYS_FILTER) : List.of("#");
    }

    /** Called on the tap's thread with every message, in arrival order; add before {@link #start}. Keep it quick. */
    public void addListener(Consumer<TappedMessage> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** The client id the tap connects with. */
    public String clientId() {
        return settings.clientId();
    }

    /**
     * Connects and subscribes to {@code #}; throws {@link LinkException} in words when the broker cannot be reached or
     * refuses the subscription (some brokers, AWS IoT Core with a tight policy for one, do not allow {@code #}). With
     * {@link #showSys} on, the {@code $SYS/#} watch starts after it, on a client of its own, without waiting.
     */
    public void start(Duration timeout) {
        if (closed) throw new IllegalStateException("the topic tap is closed");
        long ms = Math.max(1, timeout.toMillis());
        timeoutMillis = ms;
        ExplorerClient c = new ExplorerClient(settings, ms, this::offer, null, null);
        client = c;
        try {
            c.connect().get(ms + 2_000, TimeUnit.MILLISECONDS);
            var refusal = c.subscribe(List.of("#")).get(ms, TimeUnit.MILLISECONDS);
            if (refusal.isPresent()) throw refused(refusal.get().filter(), refusal.get().code());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            c.disconnect();
            throw new LinkException("Interrupted while the topic explorer connected to " + where(), e);
        } catch (Exception e) {
            c.disconnect();
            Throwable cause = LinkErrors.unwrap(e);
            if (cause instanceof LinkException le) throw le;
            throw LinkErrors.connectFailure(settings, e, timeout);
        }
        if (!dispatcher.isAlive()) dispatcher.start();
        started = true;
        LOG.info("Topic explorer watching {} as '{}': #", where(), settings.clientId());
        if (includeSys) startSys();
    }

    /**
     * Shows the broker's {@value #SYS_FILTER} topics, or stops. On: a client of its own ({@code <id>-explorer-sys})
     * subscribes, now if the tap has started, else with {@link #start}; its outcome goes to the
     * {@linkplain #addSysListener sys listeners} (a broker that refuses is said once and not asked again). The
     * {@code #} subscription is never touched. Any thread.
     */
    public synchronized void showSys(boolean on) {
        includeSys = on;
        if (closed) return;
        if (!on) {
            stopSys();
            notifySys(new SysStatus(SysState.OFF, ""));
        } else if (started && sysWatch == null) {
            startSys();
        }
    }

    /** Whether {@value #SYS_FILTER} is asked for. */
    public boolean showsSys() {
        return includeSys;
    }

    /** Told how the {@value #SYS_FILTER} watch goes (any thread); add before {@link #start}. */
    public void addSysListener(Consumer<SysStatus> listener) {
        sysListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private synchronized void startSys() {
        if (sysWatch != null || closed) return;
        BrokerSettings sys = settings.withClientId(settings.clientId() + "-sys");
        SysTopicsWatch w = new SysTopicsWatch(sys, timeoutMillis, this::offer, this::notifySys);
        sysWatch = w;
        w.start();
    }

    private synchronized void stopSys() {
        if (sysWatch != null) {
            SysTopicsWatch w = sysWatch;
            sysWatch = null;
            w.close();
        }
    }

    private void notifySys(SysStatus status) {
        for (Consumer<SysStatus> l : sysListeners) {
            try {
                l.accept(status);
            } catch (RuntimeException e) {
                LOG.warn("A $SYS listener failed: {}", e.toString());
            }
        }
    }

    private LinkException refused(String filter, String code) {
        return new LinkException("The MQTT broker at " + where() + " does not let the topic explorer subscribe to '"
                + filter + "' (" + code + "); the broker's access rules (ACL or policy) must allow client '"
                + settings.clientId() + "' to subscribe to it");
    }

    /** How the {@value #SYS_FILTER} watch goes. */
    public enum SysState {
        /** Not asked for. */
        OFF,
        /** Connecting and subscribing. */
        STARTING,
        /** Subscribed (brokers publish their statistics every few seconds; some never do). */
        WATCHING,
        /** The broker refused the subscription or dropped the client that asked; not asked again. */
        REFUSED,
        /** The watch could not connect. */
        UNAVAILABLE
    }

    /** @param message a sentence for the Topics tab when something went wrong, else "" */
    public record SysStatus(SysState state, String message) {
        public SysStatus {
            Objects.requireNonNull(state, "state");
            message = message == null ? "" : message;
        }
    }

    /** On the client's thread: copy at most MAX_PAYLOAD_BYTES and queue, never wait. */
    private void offer(String topic, ByteBuffer payload, boolean retained, int qos) {
        if (closed) return;
        seen.incrementAndGet();
        int size = payload == null ? 0 : payload.remaining();
        byte[] kept = new byte[Math.min(size, MAX_PAYLOAD_BYTES)];
        if (payload != null) payload.duplicate().get(kept);
        if (!queue.offer(new TappedMessage(topic, kept, size, retained, qos, System.currentTimeMillis()))) {
            dropped.incrementAndGet();
        }
    }

    private void dispatch() {
        List<TappedMessage> chunk = new ArrayList<>(1_024);
        try {
            while (!closed) {
                TappedMessage first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                chunk.add(first);
                queue.drainTo(chunk, 1_023);
                for (TappedMessage m : chunk) {
                    for (Consumer<TappedMessage> l : listeners) {
                        try {
                            l.accept(m);
                        } catch (RuntimeException e) {
                            LOG.warn("A topic explorer listener failed on {}: {}", m.topic(), e.toString());
                        }
                    }
                }
                chunk.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Messages received so far (including dropped ones). */
    public long seen() {
        return seen.get();
    }

    /** Messages left out because the listeners fell behind by {@value #QUEUE_CAPACITY} messages. */
    public long dropped() {
        return dropped.get();
    }

    private String where() {
        return settings.host() + ":" + settings.port();
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        stopSys();
        if (client != null) client.disconnect();
        dispatcher.interrupt();
        queue.clear();
    }
}
