package io.edgedeck.app.console;

import io.edgedeck.db.LocalStore;
import io.edgedeck.link.broker.EmbeddedBroker;
import io.edgedeck.link.codec.TopicMapping;
import io.edgedeck.link.mqtt.BrokerSettings;
import io.edgedeck.link.mqtt.IngestPipeline;
import io.edgedeck.link.mqtt.LinkException;
import io.edgedeck.link.mqtt.LinkState;
import io.edgedeck.link.sim.FleetSimulator;
import io.edgedeck.link.tls.TlsSetupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The console's link to one fleet at a time, switchable without a restart: {@link #switchTo} takes down the current
 * ingest pipeline, command channel and (for the demo fleet) built-in broker and simulator, then starts the new
 * connection and keeps trying until it is connected, replaced or closed. The window listens to {@link #feed()}, which
 * follows the current pipeline.
 */
final class FleetLink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FleetLink.class);

    /** What the console hears from the link (called on the switching thread). */
    interface Events {
        /** The old connection is down and the new one about to start: clear the fleet, show the new name. */
        void switched(ConsoleConnection connection, String description);

        /** Connecting failed; {@code retrying} when the link keeps trying in the background. */
        void failed(String header, String message, boolean retrying);

        /**
         * The connection's pipeline is connected to the broker at {@code actual} (for the demo fleet, the built-in
         * broker's address) with {@code mapping}: the topic explorer starts watching it. Must not block.
         */
        default void linkUp(ConsoleConnection connection, BrokerSettings actual, TopicMapping mapping) {
        }

        /** The connection is being taken down (before its broker stops): the explorer stops watching it. */
        default void linkDown(ConsoleConnection connection) {
        }
    }

    private record Running(ConsoleConnection connection, BrokerSettings settings, IngestPipeline pipeline,
                           EmbeddedBroker broker, FleetSimulator simulator) {
        Running withSimulator(FleetSimulator sim) {
            return new Running(connection, settings, pipeline, broker, sim);
        }
    }

    private final LocalStore store;
    private final ConsoleCommandLink commands;
    private final Function<BrokerSettings, FleetSimulator> demoFleet;
    private final Events events;
    private final Duration connectTimeout;
    private final SwitchableFeed feed = new SwitchableFeed();
    private final AtomicLong generation = new AtomicLong();
    private final Object lock = new Object();
    private Running running;
    /** The thread blocked in a connection attempt (guarded by {@link #lock}), to wake when the attempt is given up. */
    private Thread connecting;
    private volatile boolean closed;
    private volatile long firstRetryMillis = 5_000;

    /**
     * @param demoFleet makes the simulated fleet for the built-in broker at the given address (not started)
     */
    FleetLink(LocalStore store, ConsoleCommandLink commands, Function<BrokerSettings, FleetSimulator> demoFleet,
              Events events, Duration connectTimeout) {
        this.store = store;
        this.commands = commands;
        this.demoFleet = demoFleet;
        this.events = events;
        this.connectTimeout = connectTimeout;
    }

    SwitchableFeed feed() {
        return feed;
    }

    /** The connection in use, or null. */
    ConsoleConnection connection() {
        synchronized (lock) {
            return running == null ? null : running.connection();
        }
    }

    /** The current pipeline, or null (tests). */
    IngestPipeline pipeline() {
        return feed.current();
    }

    /** Tests: first retry sooner. */
    void firstRetryAfter(Duration d) {
        firstRetryMillis = d.toMillis();
    }

    /**
     * Blocking, off the FX thread: takes the current connection down and brings {@code next} up; returns once it is
     * connected (the demo fleet's simulator started), replaced by a later switch, closed, or failed for good.
     *
     * @return true when {@code next} is connected and still current
     */
    boolean switchTo(ConsoleConnection next) throws InterruptedException {
        long gen;
        Running old;
        synchronized (lock) {
            if (closed) return false;
            gen = generation.incrementAndGet();
            old = running;
            running = null;
            wakeConnecting();
        }
        feed.detach();
        commands.disconnect();
        if (old != null) events.linkDown(old.connection());
        takeDown(old);
        LOG.info("Switching to '{}'", next.name());
        Running now = null;
        try {
            BrokerSettings settings = next.settings();
            EmbeddedBroker broker = null;
            if (next.demo()) {
                int port = freePort();
                settings = new BrokerSettings(URI.create("tcp://127.0.0.1:" + port), settings.version(),
                        settings.clientId(), settings.username(), settings.password(), settings.cleanStart(),
                        settings.sessionExpirySeconds(), settings.keepAliveSeconds());
                broker = EmbeddedBroker.start(port);
            }
            TopicMapping mapping = next.topicMapping();
            now = new Running(next, settings, new IngestPipeline(settings, mapping, store.writer()), broker, null);
            synchronized (lock) {
                if (!isCurrent(gen)) {
                    takeDown(now);
                    return false;
                }
                running = now;
            }
            events.switched(next, next.describe(settings));
            feed.attach(now.pipeline(), gen);
            if (!startWithRetries(now.pipeline(), gen)) return false;
            events.linkUp(next, settings, mapping);
            BrokerSettings connected = settings;
            commands.connect(connected, connectTimeout, () -> isCurrent(gen));
            if (next.demo()) {
                FleetSimulator sim = demoFleet.apply(settings);
                synchronized (lock) {
                    if (!isCurrent(gen)) {
                        sim.close();
                        return false;
                    }
                    running = running.withSimulator(sim);
                }
                sim.start();
            }
            return isCurrent(gen);
        } catch (InterruptedException e) {
            throw e;
        } catch (RuntimeException e) {
            if (!isCurrent(gen)) return false;
            LOG.error("Switching to '{}' failed", next.name(), e);
            events.failed("EdgeDeck could not start the link to " + next.name(), String.valueOf(e.getMessage()), false);
            return false;
        }
    }

    /**
     * Cancel while connecting: when the current connection is not up (still connecting, or retrying in the
     * background), stops trying and takes it down; the console shows no fleet until the next {@link #switchTo}. A
     * {@code switchTo} blocked in a connection attempt returns false. Does nothing once connected.
     *
     * @return true when it stopped an attempt
     */
    boolean stopConnecting() {
        Running old;
        synchronized (lock) {
            if (closed || running != null && running.pipeline().state() == LinkState.CONNECTED) {
                return false;
            }
            generation.incrementAndGet();
            old = running;
            running = null;
            wakeConnecting();
        }
        LOG.info("Stopped connecting to '{}' (cancelled)", old == null ? "the next connection" : old.connection().name());
        feed.detach();
        commands.disconnect();
        takeDown(old);
        return true;
    }

    /**
     * A broker that accepts the TCP connection and never answers keeps {@code pipeline.start} waiting for the whole
     * connect time-out, holding the pipeline so that closing it waits too: interrupt the attempt. Holds {@link #lock}.
     */
    private void wakeConnecting() {
        if (connecting != null) {
            connecting.interrupt();
        }
    }

    private boolean isCurrent(long gen) {
        return !closed && generation.get() == gen;
    }

    /** A broker that is down now may be up in a minute: say so once, then keep trying while this switch is current. */
    private boolean startWithRetries(IngestPipeline pipeline, long gen) throws InterruptedException {
        long backoff = firstRetryMillis;
        boolean told = false;
        while (isCurrent(gen)) {
            try {
                synchronized (lock) {
                    if (!isCurrent(gen)) return false;
                    connecting = Thread.currentThread();
                }
                try {
                    pipeline.start(connectTimeout);
                } finally {
                    synchronized (lock) {
                        connecting = null;
                    }
                }
                return isCurrent(gen);
            } catch (TlsSetupException e) {
                if (!isCurrent(gen)) return false;
                events.failed("The TLS settings cannot be used", e.getMessage(), false);
                return false;
            } catch (LinkException | IllegalStateException e) {
                if (!isCurrent(gen)) {
                    Thread.interrupted(); // woken by wakeConnecting: the attempt was given up, nothing else to stop
                    return false;
                }
                LOG.warn("Broker connection failed: {}", e.getMessage());
                if (!told) {
                    told = true;
                    events.failed("Cannot connect to the broker", e.getMessage(), true);
                }
            }
            long until = System.currentTimeMillis() + backoff;
            while (System.currentTimeMillis() < until) {
                if (!isCurrent(gen)) return false;
                Thread.sleep(100);
            }
            backoff = Math.min(60_000, backoff * 2);
        }
        return false;
    }

    @Override
    public void close() {
        Running old;
        synchronized (lock) {
            closed = true;
            generation.incrementAndGet();
            old = running;
            running = null;
            wakeConnecting();
        }
        feed.detach();
        commands.disconnect();
        if (old != null) events.linkDown(old.connection());
        takeDown(old);
    }

    private static void takeDown(Running r) {
        if (r == null) return;
        closeQuietly(r.simulator());
        closeQuietly(r.pipeline());
        closeQuietly(r.broker());
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) return;
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("Closing {} failed: {}", c.getClass().getSimpleName(), e.getMessage());
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free local port for the built-in broker: " + e.getMessage(), e);
        }
    }
}
