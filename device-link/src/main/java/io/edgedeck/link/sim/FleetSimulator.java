package io.edgedeck.link.sim;

import com.hivemq.client.mqtt.MqttClientSslConfig;
import io.edgedeck.db.DeviceKind;
import io.edgedeck.link.command.CommandAck;
import io.edgedeck.link.command.CommandVerifier;
import io.edgedeck.link.command.TrustedOperatorKeys;
import io.edgedeck.link.command.Verification;
import io.edgedeck.link.mqtt.BrokerSettings;
import io.edgedeck.link.mqtt.LinkErrors;
import io.edgedeck.link.mqtt.LinkException;
import io.edgedeck.link.tls.MqttTlsConfigs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A simulated fleet publishing in the product brief's formats to any broker.
 * <ul>
 *   <li>Plugs {@code sim-plug-01}… (each an {@link Appliance}) publish
 *       {@code {"voltage":..,"current":..,"power":..,"relay_state":"on","energy":..}} on
 *       {@code smartplug/{id}/telemetry} at {@code rateHz}; relay changes go to {@code smartplug/{id}/status} as
 *       {@code {"status":"on"}}. They are the reference device of docs/command-protocol.md: a signed command on
 *       {@code smartplug/{id}/control} is checked by a {@link CommandVerifier} against the trusted operator keys,
 *       switches the relay only when accepted, and is answered with a {@link CommandAck} on the status topic (with
 *       the reason when refused). Unsigned payloads ({@code on}, {@code {"command":"off"}}) are refused as
 *       {@code malformed}; with no trusted keys (the default) every command is refused.</li>
 *   <li>Sensors {@code sim-climate-01}… sample temperature/humidity into a ring buffer and publish it as a JSON array
 *       of {@code {"ts":<epoch s>,"temperature":..,"humidity":..}} on {@code sensors/{id}/telemetry}.</li>
 *   <li>Every device has its own MQTT connection with a retained Last Will ({@code {"status":"offline"}} on the plug's
 *       status topic, {@code offline} on {@code sensors/{id}/availability}) and announces itself online (retained)
 *       on connect. Now and then one device drops out with its will and returns 20–60 s later.</li>
 * </ul>
 * Everything runs on one small shared scheduler; all publishes are QoS 1. Values are deterministic for the seed and
 * the sampling times. Each device connects with its device id as MQTT client id ({@code broker.clientId()} is not
 * used), so two simulators with the same ids on one broker take each other's connections over. Plug telemetry carries
 * no {@code ts} (like the real plug): its time is the arrival time.
 */
public final class FleetSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FleetSimulator.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final int RING_BUFFER = 120;

    /**
     * Timing of the parts that are not per-plug telemetry.
     *
     * @param sensorSampleEvery    how often a sensor measures (at least 1 s: {@code ts} is in whole seconds)
     * @param sensorBatchSize      readings per sensor message
     * @param meanTimeBetweenDrops mean time between two devices dropping out (zero: never)
     * @param minOffline           shortest time a dropped device stays away
     * @param maxOffline           longest time a dropped device stays away
     */
    public record Timing(Duration sensorSampleEvery, int sensorBatchSize, Duration meanTimeBetweenDrops,
                         Duration minOffline, Duration maxOffline) {
        public Timing {
            Objects.requireNonNull(sensorSampleEvery);
            Objects.requireNonNull(meanTimeBetweenDrops);
            Objects.requireNonNull(minOffline);
            Objects.requireNonNull(maxOffline);
            if (sensorSampleEvery.toMillis() < 1000) throw new IllegalArgumentException("sensors sample at most once a second");
            if (sensorBatchSize < 1 || sensorBatchSize > RING_BUFFER) throw new IllegalArgumentException("batch size 1.." + RING_BUFFER);
            if (maxOffline.compareTo(minOffline) < 0) throw new IllegalArgumentException("maxOffline < minOffline");
        }

        /** Sensors measure every 2 s and send 5 at a time; a device drops out about every 3 minutes for 20–60 s. */
        public static Timing realistic() {
            return new Timing(Duration.ofSeconds(2), 5, Duration.ofMinutes(3), Duration.ofSeconds(20), Duration.ofSeconds(60));
        }

        public Timing withoutDrops() {
            return new Timing(sensorSampleEvery, sensorBatchSize, Duration.ZERO, minOffline, maxOffline);
        }
    }

    private final BrokerSettings broker;
    private final SimulationConfig config;
    private final Timing timing;
    private final ZoneId zone;
    private final TrustedOperatorKeys trustedKeys;
    private final Clock clock;
    private final MqttClientSslConfig ssl;
    private final List<Device> devices = new ArrayList<>();
    private final Map<String, Device> byId = new ConcurrentHashMap<>();
    private final List<SimDevice> infos;
    private final SplittableRandom dropRandom;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failedPublishes = new AtomicLong();
    private final ScheduledExecutorService scheduler;
    private volatile boolean running;
    private volatile boolean closed;
    private boolean withForeign;
    private ForeignDevices foreign;

    public FleetSimulator(BrokerSettings broker, SimulationConfig config) {
        this(broker, config, Timing.realistic());
    }

    public FleetSimulator(BrokerSettings broker, SimulationConfig config, Timing timing) {
        this(broker, config, timing, ZoneId.systemDefault());
    }

    /** Plugs that trust no operator key: they refuse every command. */
    public FleetSimulator(BrokerSettings broker, SimulationConfig config, Timing timing, ZoneId zone) {
        this(broker, config, timing, zone, TrustedOperatorKeys.none(), Clock.systemUTC());
    }

    /**
     * @param trustedKeys the operator public keys the plugs accept commands from; asked on every command, so a live
     *                    lookup trusts keys added later
     * @param clock       the plugs' clock for checking a command's time window
     */
    public FleetSimulator(BrokerSettings broker, SimulationConfig config, Timing timing, ZoneId zone,
                          TrustedOperatorKeys trustedKeys, Clock clock) {
        this.broker = Objects.requireNonNull(broker, "broker");
        this.config = Objects.requireNonNull(config, "config");
        this.timing = Objects.requireNonNull(timing, "timing");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.trustedKeys = Objects.requireNonNull(trustedKeys, "trustedKeys");
        this.clock = Objects.requireNonNull(clock, "clock");
        // read once for the whole fleet (may decrypt a key): every device connection shares it
        this.ssl = broker.tls().map(MqttTlsConfigs::create).orElse(null);
        SplittableRandom master = new SplittableRandom(config.seed());
        this.dropRandom = master.split();
        int plugWidth = Math.max(2, String.valueOf(config.plugs()).length());
        int sensorWidth = Math.max(2, String.valueOf(config.sensors()).length());
        for (int i = 1; i <= config.plugs(); i++) {
            Appliance a = applianceFor(i, master);
            String id = String.format(Locale.ROOT, "sim-plug-%0" + plugWidth + "d", i);
            add(new Plug(id, new PlugModel(a, master.nextLong(), zone)));
        }
        for (int i = 1; i <= config.sensors(); i++) {
            String id = String.format(Locale.ROOT, "sim-climate-%0" + sensorWidth + "d", i);
            add(new Sensor(id, new ClimateModel(master.nextLong(), zone)));
        }
        this.infos = devices.stream().map(d -> d.info).toList();
        int threads = Math.clamp(Runtime.getRuntime().availableProcessors() / 2, 1, 4);
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, "edgedeck-sim-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.scheduler = Executors.newScheduledThreadPool(threads, tf);
    }

    private static final Appliance[] FIRST = {Appliance.FRIDGE, Appliance.KETTLE, Appliance.TV, Appliance.PC,
            Appliance.WASHING_MACHINE, Appliance.STANDBY};
    private static final Appliance[] WEIGHTED = {Appliance.FRIDGE, Appliance.FRIDGE, Appliance.KETTLE, Appliance.TV,
            Appliance.TV, Appliance.PC, Appliance.PC, Appliance.WASHING_MACHINE, Appliance.STANDBY, Appliance.STANDBY,
            Appliance.STANDBY};

    static Appliance applianceFor(int index, SplittableRandom rnd) {
        return index <= FIRST.length ? FIRST[index - 1] : WEIGHTED[rnd.nextInt(WEIGHTED.length)];
    }

    private void add(Device d) {
        devices.add(d);
        byId.put(d.info.id(), d);
    }

    /**
     * Also publishes a few devices of other makes (a Tasmota plug, and three publishers no built-in rule knows) for the
     * topic explorer; call before {@link #start()}.
     */
    public FleetSimulator withForeignDevices() {
        withForeign = true;
        return this;
    }

    /** Connects every device and starts publishing; throws LinkException when the broker cannot be reached. */
    public void start() {
        if (closed) throw new IllegalStateException("simulator closed");
        if (running) return;
        long t0 = System.nanoTime();
        List<CompletableFuture<Void>> connects = new ArrayList<>();
        for (Device d : devices) {
            connects.add(d.conn.connect());
        }
        try {
            CompletableFuture.allOf(connects.toArray(CompletableFuture[]::new))
                    .get(CONNECT_TIMEOUT.toSeconds() + 20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shutdownConnections(false);
            throw new LinkException("interrupted while connecting the simulated fleet", e);
        } catch (Exception e) {
            shutdownConnections(false);
            scheduler.shutdownNow();
            closed = true;
            throw LinkErrors.connectFailure(broker, e, CONNECT_TIMEOUT);
        }
        running = true;
        long periodNanos = Math.max(1_000L, (long) (1e9 / config.rateHz()));
        long sensorPeriod = timing.sensorSampleEvery().toNanos();
        int i = 0;
        for (Device d : devices) {
            long period = d instanceof Plug ? periodNanos : sensorPeriod;
            long initial = period * i / Math.max(1, devices.size()); // spread devices over the period
            d.task = scheduler.scheduleAtFixedRate(() -> safeTick(d), initial, period, TimeUnit.NANOSECONDS);
            i++;
        }
        scheduleNextDrop();
        if (withForeign) {
            foreign = new ForeignDevices(broker, config.seed());
            foreign.start(scheduler);
        }
        LOG.info("simulated fleet of {} plugs and {} sensors connected to {}:{} in {} ms", config.plugs(),
                config.sensors(), broker.host(), broker.port(), (System.nanoTime() - t0) / 1_000_000);
    }

    /** Ids of the simulated devices. */
    public List<String> deviceIds() {
        return infos.stream().map(SimDevice::id).toList();
    }

    /** The simulated devices with their kind, profile (appliance or "climate") and topics. */
    public List<SimDevice> devices() {
        return infos;
    }

    /** Messages published so far (acknowledged by the broker). */
    public long published() {
        return published.get();
    }

    /** Publishes that failed (e.g. the connection dropped while in flight). */
    public long failedPublishes() {
        return failedPublishes.get();
    }

    /** Whether the device is connected now (false while it is dropped out). */
    public boolean isOnline(String deviceId) {
        Device d = byId.get(deviceId);
        return d != null && !d.dropped && d.conn.isConnected();
    }

    /**
     * Makes one device drop out now (disconnect with its Last Will) and come back after {@code offlineFor}. Returns
     * when the disconnect went out. For demos and tests; the simulator also does this on its own.
     */
    public void dropNow(String deviceId, Duration offlineFor) {
        Device d = byId.get(deviceId);
        if (d == null) throw new IllegalArgumentException("no simulated device " + deviceId);
        drop(d, offlineFor.toMillis(), null).join();
    }

    private void scheduleNextDrop() {
        long mean = timing.meanTimeBetweenDrops().toMillis();
        if (mean <= 0 || !running || devices.isEmpty()) return;
        long delay;
        Device victim;
        long offline;
        synchronized (dropRandom) {
            delay = (long) (-mean * Math.log(1 - dropRandom.nextDouble()));
            victim = devices.get(dropRandom.nextInt(devices.size()));
            long min = timing.minOffline().toMillis();
            long max = timing.maxOffline().toMillis();
            offline = min + (max > min ? dropRandom.nextLong(max - min + 1) : 0);
        }
        try {
            scheduler.schedule(() -> {
                if (victim.dropped || !victim.conn.isConnected()) {
                    scheduleNextDrop(); // someone else is out already: one at a time
                } else {
                    drop(victim, offline, this::scheduleNextDrop);
                }
            }, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    private CompletableFuture<Void> drop(Device d, long offlineMillis, Runnable whenBack) {
        d.dropped = true;
        LOG.info("simulated device {} drops out for {} s", d.info.id(), offlineMillis / 1000);
        return d.conn.dropWithWill().handle((v, e) -> {
            if (e != null) LOG.debug("drop of {} failed: {}", d.info.id(), e.toString());
            if (!running) return null;
            try {
                scheduler.schedule(() -> {
                    if (!running) return;
                    d.dropped = false;
                    d.conn.connectPersistently().whenComplete((ok, err) -> {
                        if (err != null) LOG.warn("simulated device {} could not reconnect: {}", d.info.id(), err.toString());
                        else LOG.info("simulated device {} is back", d.info.id());
                        if (whenBack != null) whenBack.run();
                    });
                }, offlineMillis, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                // closing
            }
            return null;
        });
    }

    private void safeTick(Device d) {
        try {
            if (running && !d.dropped && d.conn.isConnected()) d.tick(System.currentTimeMillis());
            else if (running && d instanceof Sensor s) s.sampleOnly(System.currentTimeMillis());
        } catch (RuntimeException e) {
            LOG.warn("simulated device {} failed: {}", d.info.id(), e.toString(), e);
        }
    }

    private void publish(Device d, String topic, String payload, boolean retain) {
        d.conn.publish(topic, payload, retain).whenComplete((v, e) -> {
            if (e == null) published.incrementAndGet();
            else failedPublishes.incrementAndGet();
        });
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        running = false;
        for (Device d : devices) {
            if (d.task != null) d.task.cancel(false);
        }
        scheduler.shutdownNow();
        if (foreign != null) foreign.close();
        shutdownConnections(true);
        LOG.info("simulated fleet stopped after {} messages", published.get());
    }

    /** Disconnects every device; with {@code withWill}, connected devices leave their Last Will (they "go offline"). */
    private void shutdownConnections(boolean withWill) {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (Device d : devices) {
            CompletableFuture<Void> f = withWill && d.conn.isConnected() ? d.conn.dropWithWill() : d.conn.disconnect();
            all.add(f.handle((v, e) -> null));
        }
        try {
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debug("not every simulated device disconnected in time: {}", e.toString());
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    private abstract class Device {
        final SimDevice info;
        final DeviceConnection conn;
        volatile boolean dropped;
        volatile ScheduledFuture<?> task;

        Device(SimDevice info, String willPayload) {
            this.info = info;
            this.conn = new DeviceConnection(broker, ssl, info.id(), info.availabilityTopic(), willPayload, ctx -> onConnected());
        }

        abstract void tick(long now);

        abstract void onConnected();
    }

    private final class Plug extends Device {
        private final PlugModel model;
        private final String controlTopic;
        private final CommandVerifier verifier;
        private final boolean[] changed = new boolean[1];

        Plug(String id, PlugModel model) {
            super(new SimDevice(id, DeviceKind.PLUG, model.appliance().label(), "smartplug/" + id + "/telemetry",
                    "smartplug/" + id + "/status"), "{\"status\":\"offline\"}");
            this.model = model;
            this.controlTopic = "smartplug/" + id + "/control";
            this.verifier = new CommandVerifier(trustedKeys, id, clock);
        }

        @Override
        void tick(long now) {
            PlugModel.Sample s;
            boolean relayChanged;
            synchronized (this) {
                changed[0] = false;
                s = model.sample(now, changed);
                relayChanged = changed[0];
            }
            publish(this, info.telemetryTopic(), s.toJson(), false);
            if (relayChanged) publishRelay(s.relayOn());
        }

        private void publishRelay(boolean on) {
            publish(this, info.availabilityTopic(), on ? "{\"status\":\"on\"}" : "{\"status\":\"off\"}", false);
        }

        @Override
        void onConnected() {
            publish(this, info.availabilityTopic(), "{\"status\":\"online\"}", true);
            boolean on;
            synchronized (this) {
                on = model.relayOn();
            }
            publishRelay(on);
            conn.subscribe(controlTopic, (topic, payload) -> command(payload));
        }

        /**
         * What a plug does with a payload on its control topic (docs/command-protocol.md): verify it, switch only
         * when accepted, and always answer on the status topic with the relay state, the nonce and the result.
         */
        private void command(byte[] payload) {
            Verification verdict = verifier.verify(payload);
            boolean on;
            synchronized (this) {
                if (verdict.isAccepted()) {
                    boolean target = switch (verdict.command()) {
                        case RELAY_ON -> true;
                        case RELAY_OFF -> false;
                        case RELAY_TOGGLE -> !model.relayOn();
                    };
                    model.setRelay(target, clock.millis());
                }
                on = model.relayOn();
            }
            CommandAck ack = verdict.isAccepted()
                    ? CommandAck.accepted(on, verdict.nonce())
                    : CommandAck.rejected(on, verdict.nonce(), verdict.reason());
            if (verdict.isAccepted()) {
                LOG.info("simulated plug {} accepted {} from key {}: relay {}", info.id(), verdict.command(),
                        verdict.keyId(), on ? "on" : "off");
            } else {
                LOG.info("simulated plug {} refused a command: {} ({})", info.id(), verdict.reason(), verdict.detail());
            }
            publish(this, info.availabilityTopic(), ack.toJson(), false);
        }
    }

    private final class Sensor extends Device {
        private final ClimateModel model;
        private final ArrayDeque<ClimateModel.Sample> ring = new ArrayDeque<>();

        Sensor(String id, ClimateModel model) {
            super(new SimDevice(id, DeviceKind.SENSOR, "climate", "sensors/" + id + "/telemetry",
                    "sensors/" + id + "/availability"), "offline");
            this.model = model;
        }

        synchronized void sampleOnly(long now) {
            ring.addLast(model.sample(now));
            while (ring.size() > RING_BUFFER) ring.removeFirst(); // ring buffer: the oldest reading goes
        }

        @Override
        void tick(long now) {
            String payload;
            synchronized (this) {
                sampleOnly(now);
                if (ring.size() < timing.sensorBatchSize()) return;
                StringBuilder sb = new StringBuilder(ring.size() * 56).append('[');
                boolean first = true;
                while (!ring.isEmpty()) {
                    if (!first) sb.append(',');
                    sb.append(ring.removeFirst().toJson());
                    first = false;
                }
                payload = sb.append(']').toString();
            }
            publish(this, info.telemetryTopic(), payload, false);
        }

        @Override
        void onConnected() {
            publish(this, info.availabilityTopic(), "online", true);
        }
    }
}
