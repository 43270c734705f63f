package io.edgedeck.app.console;

import io.edgedeck.db.LocalStore;
import io.edgedeck.link.codec.TopicMapping;
import io.edgedeck.link.mqtt.BrokerSettings;
import io.edgedeck.link.mqtt.ConnectionEvent;
import io.edgedeck.link.mqtt.IngestPipeline;
import io.edgedeck.link.mqtt.IngestStats;
import io.edgedeck.link.mqtt.LinkWarning;
import io.edgedeck.link.sim.FleetSimulator;
import io.edgedeck.services.CommandPublisher;
import io.edgedeck.services.links.ConnectionPhase;
import io.edgedeck.services.links.ConnectionSnapshot;
import io.edgedeck.services.links.DeviceOrigins;
import io.edgedeck.services.links.LiveConnections;
import io.edgedeck.services.links.RoutedCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The console's broker connections, up at the same time: the primary one ("Connect" replaces it, as before) and those
 * added with "Connect as well". Each is a {@link FleetLink} of its own — its own ingest pipeline into the one store,
 * its own reconnect loop, its own command channel; the demo fleet is just one of them. Devices remember which
 * connection they were heard on ({@link #origins()}), and relay commands go out through it ({@link #commands()}).
 */
final class FleetLinks implements LiveConnections, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FleetLinks.class);

    /** What the window hears: the primary connection's switches and failures, and the others' failures. */
    interface Events extends FleetLink.Events {
        /** A connection added as well could not connect; {@code retrying} when it keeps trying. */
        void otherFailed(String connection, String header, String message, boolean retrying);
    }

    /** One live connection. */
    private static final class Slot {
        final FleetLink link;
        final ConsoleCommandLink commands;
        volatile ConsoleConnection wanted;
        volatile String failure = "";

        Slot(FleetLink link, ConsoleCommandLink commands, ConsoleConnection wanted) {
            this.link = link;
            this.commands = commands;
            this.wanted = wanted;
        }

        String name() {
            return wanted == null ? "" : wanted.name();
        }
    }

    private final LocalStore store;
    private final Function<BrokerSettings, FleetSimulator> demoFleet;
    private final Events events;
    private final Duration connectTimeout;
    private final DeviceOrigins origins;
    private final Slot primary;
    private final MergedFeed feed;
    /** The connections added with "Connect as well", by lower-case name. */
    private final Map<String, Slot> others = new LinkedHashMap<>();
    private volatile Duration firstRetry;

    /**
     * @param events what the window hears: the primary connection's switches and failures, the others' failures
     */
    FleetLinks(LocalStore store, Function<BrokerSettings, FleetSimulator> demoFleet, Events events,
               Duration connectTimeout) {
        this(store, new DeviceOrigins(), demoFleet, events, connectTimeout);
    }

    /**
     * @param origins where each device was heard, remembered from before the restart ({@code RememberedOrigins}), so a
     *                device on a connection added as well is switched through its broker before it is heard again
     */
    FleetLinks(LocalStore store, DeviceOrigins origins, Function<BrokerSettings, FleetSimulator> demoFleet,
               Events events, Duration connectTimeout) {
        this.store = store;
        this.origins = origins;
        this.demoFleet = demoFleet;
        this.events = events;
        this.connectTimeout = connectTimeout;
        this.primary = newSlot(null, true);
        this.feed = new MergedFeed(primary.link.feed());
    }

    private Slot newSlot(ConsoleConnection wanted, boolean isPrimary) {
        var commands = new ConsoleCommandLink();
        Slot[] self = new Slot[1];
        FleetLink.Events slotEvents = new FleetLink.Events() {
            @Override
            public void switched(ConsoleConnection connection, String description) {
                self[0].failure = "";
                if (isPrimary) events.switched(connection, description);
            }

            @Override
            public void linkUp(ConsoleConnection connection, BrokerSettings actual, TopicMapping mapping) {
                events.linkUp(connection, actual, mapping); // every connection: the topic explorer has a root each
            }

            @Override
            public void linkDown(ConsoleConnection connection) {
                events.linkDown(connection);
            }

            @Override
            public void failed(String header, String message, boolean retrying) {
                if (!retrying) self[0].failure = message;
                if (isPrimary) {
                    events.failed(header, message, retrying);
                } else {
                    events.otherFailed(self[0].name(), header, message, retrying);
                }
            }
        };
        var link = new FleetLink(store, commands, demoFleet, slotEvents, connectTimeout);
        if (firstRetry != null) link.firstRetryAfter(firstRetry);
        Slot slot = new Slot(link, commands, wanted);
        self[0] = slot;
        link.feed().addListener((batch, result) -> origins.listenerFor(slot.name()).committed(batch, result));
        return slot;
    }

    /** Everything the window listens to: the commits of every connection, the primary one's state. */
    MergedFeed feed() {
        return feed;
    }

    DeviceOrigins origins() {
        return origins;
    }

    /** Relay commands through the connection each device was heard on. */
    CommandPublisher commands() {
        return new RoutedCommands(origins, name -> slotNamed(name).map(s -> (CommandPublisher) s.commands),
                () -> primary.commands);
    }

    /** Cancel on "Connecting to X…": the primary connection stops trying (false when it is already connected). */
    boolean stopConnectingPrimary() {
        return primary.link.stopConnecting();
    }

    /** The primary connection, or null before the first switch. */
    ConsoleConnection primaryConnection() {
        return primary.wanted;
    }

    /** The names of the connections added with "Connect as well", in the order they were added. */
    synchronized List<String> alsoConnected() {
        return others.values().stream().map(Slot::name).toList();
    }

    /** Tests: first retry sooner. */
    void firstRetryAfter(Duration d) {
        firstRetry = d;
        primary.link.firstRetryAfter(d);
    }

    /** The pipeline of the named connection (tests), or null. */
    IngestPipeline pipeline(String name) {
        return slotNamed(name).map(s -> s.link.pipeline()).orElse(null);
    }

    /**
     * "Connect": the primary connection becomes {@code next} (blocking, off the FX thread; see
     * {@link FleetLink#switchTo}). A connection added as well under the same name is disconnected first.
     */
    boolean switchPrimary(ConsoleConnection next) throws InterruptedException {
        disconnect(next.name());
        primary.wanted = next;
        return primary.link.switchTo(next);
    }

    /**
     * "Connect as well": {@code next} comes up beside the others (blocking until it is connected, or failed for good;
     * it keeps trying in the background while the broker is unreachable).
     *
     * @param added  runs once the connection is listed (before it is up)
     * @return false when a connection of that name is up already (nothing changes) or it did not come up
     */
    boolean connectAlso(ConsoleConnection next, Runnable added) throws InterruptedException {
        if (!add(next)) return false;
        added.run();
        return bringUp(next.name());
    }

    /**
     * Lists {@code next} among the connections, not up yet (the chips keep the order of these calls); false when a
     * connection of that name is listed already.
     */
    boolean add(ConsoleConnection next) {
        Slot slot;
        synchronized (this) {
            if (slotNamed(next.name()).isPresent()) return false;
            slot = newSlot(next, false);
            others.put(key(next.name()), slot);
        }
        feed.add(slot.link.feed());
        return true;
    }

    /** The live connection of that name (primary or added as well), if any. */
    Optional<ConsoleConnection> connection(String name) {
        return slotNamed(name).map(s -> s.wanted);
    }

    /**
     * The named connection goes down and comes up again as {@code next} (same name, e.g. a new topic mapping), in its
     * place — primary or added as well. Blocking, off the FX thread; false when no connection has that name.
     */
    boolean reconnect(ConsoleConnection next) throws InterruptedException {
        Optional<Slot> slot = slotNamed(next.name());
        if (slot.isEmpty()) return false;
        slot.get().wanted = next;
        return slot.get().link.switchTo(next);
    }

    /** Brings a connection {@link #add added} before up (blocking, like {@link #connectAlso}). */
    boolean bringUp(String name) throws InterruptedException {
        Slot slot;
        synchronized (this) {
            slot = others.get(key(name));
        }
        if (slot == null) return false;
        LOG.info("Connecting '{}' as well", name);
        return slot.link.switchTo(slot.wanted);
    }

    /** Takes the named connection down, unless it is the primary one; false when there was none of that name. */
    boolean disconnect(String name) {
        Slot slot;
        synchronized (this) {
            slot = others.remove(key(name));
        }
        if (slot == null) return false;
        LOG.info("Disconnecting '{}'", name);
        slot.link.close();
        slot.commands.close();
        feed.remove(slot.link.feed());
        return true;
    }

    private synchronized Optional<Slot> slotNamed(String name) {
        if (name == null) return Optional.empty();
        if (primary.wanted != null && primary.name().equalsIgnoreCase(name)) return Optional.of(primary);
        return Optional.ofNullable(others.get(key(name)));
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    // ---- LiveConnections

    @Override
    public List<ConnectionSnapshot> connections() {
        List<Slot> all = new ArrayList<>();
        synchronized (this) {
            if (primary.wanted != null) all.add(primary);
            all.addAll(others.values());
        }
        return all.stream().map(s -> snapshot(s, s == primary)).toList();
    }

    private static ConnectionSnapshot snapshot(Slot s, boolean isPrimary) {
        IngestPipeline p = s.link.pipeline();
        if (p == null) {
            boolean failed = !s.failure.isEmpty();
            return new ConnectionSnapshot(s.name(), "", isPrimary, failed ? ConnectionPhase.FAILED : ConnectionPhase.CONNECTING,
                    failed ? s.failure : "", 0, Optional.empty(), 0);
        }
        List<ConnectionEvent> log = p.connectionLog();
        IngestStats stats = p.stats();
        BrokerSettings b = p.settings();
        String address = b.host() + ":" + b.port() + (b.tls().isPresent() ? " (TLS)" : "");
        return new ConnectionSnapshot(s.name(), address, isPrimary, ConnectionPhase.of(stats.state(), log, false),
                log.isEmpty() ? "" : log.getLast().cause(), stats.messages(),
                stats.lastCommitMillis() == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(stats.lastCommitMillis())),
                stats.dropWarnings());
    }

    @Override
    public List<ConnectionEvent> log(String name) {
        return slotNamed(name).map(s -> s.link.pipeline()).map(IngestPipeline::connectionLog).orElse(List.of());
    }

    @Override
    public List<LinkWarning> dropWarnings(String name) {
        return slotNamed(name).map(s -> s.link.pipeline()).map(IngestPipeline::dropWarnings).orElse(List.of());
    }

    @Override
    public void close() {
        List<String> names;
        synchronized (this) {
            names = List.copyOf(others.keySet());
        }
        names.forEach(this::disconnect);
        primary.link.close();
        primary.commands.close();
    }
}
