package io.edgedeck.link.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientBuilder;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.reactivex.schedulers.Schedulers;
import io.edgedeck.db.CommitResult;
import io.edgedeck.db.DecodeNote;
import io.edgedeck.db.IngestBatch;
import io.edgedeck.db.QuarantinedMessage;
import io.edgedeck.db.TelemetryWriter;
import io.edgedeck.link.codec.MessageDecoder;
import io.edgedeck.link.codec.TopicMapping;
import io.edgedeck.link.tls.MqttTlsConfigs;
import io.edgedeck.link.tls.TlsSetupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Broker -> decoder -> batched commits -> acknowledgement. Subscribes to the mapping's filters at QoS 1 with manual
 * acknowledgement; a message is acknowledged only after the transaction holding its rows committed.
 *
 * <h2>Threads</h2>
 * <ul>
 *   <li>The client's event-loop thread hands every message, undecoded, to an unbounded queue and returns at once
 *       (the client's application scheduler is RxJava's trampoline, so its callback runs on the event loop: through
 *       the default computation scheduler the callback takes messages 128 at a time, and whenever that buffer is full
 *       the client walks its queue of delivered but unacknowledged messages for every new message, ≈ 40 % of the
 *       CPU with thousands in flight). The queue is bounded by {@link ReadPause}: the event loop waits only while {@value #PAUSE_READING_AT}
 *       messages wait for their commit, and PUBACKs queued meanwhile go out when it resumes.</li>
 *   <li>{@code edgedeck-ingest-decode}: decodes each message and queues it for the writer.</li>
 *   <li>{@code edgedeck-ingest-writer}: waits for a queued message, then takes with it what is queued behind it — up
 *       to {@value #MAX_BATCH_MESSAGES} messages, gathering for at most {@value #LINGER_MILLIS} ms while more keep
 *       arriving — but does not wait for more: it stops as soon as the queue is empty (the pause it would wait for is
 *       0 unless set in microseconds with the system property {@code edgedeck.ingest.idleGapMicros}). It merges them,
 *       commits them in one transaction, then acknowledges each message and tells the {@link IngestListener}s — on
 *       this thread, so listeners must be quick.</li>
 *   <li>State listeners are told on the thread that changed the state (a client thread, or the caller of
 *       {@link #start}/{@link #close}).</li>
 * </ul>
 *
 * <h2>Back-pressure</h2>
 * Unacknowledged messages are bounded by the receive maximum the pipeline announces ({@value #RECEIVE_MAXIMUM}, MQTT 5):
 * the broker sends no more until earlier ones are acknowledged, i.e. committed. Below it, when
 * {@value #PAUSE_READING_AT} messages wait for their commit, the client's event loop stops reading until the next commit
 * ({@link ReadPause}): a broker that ignores the window (Mosquitto 2.0.11) is then held back by TCP instead of
 * overrunning the client, which would disconnect. The hand-off queue is bounded too
 * ({@value #QUEUE_CAPACITY}); when it is full (possible with MQTT 3.1.1, which has no receive maximum) the decode thread
 * waits, which is safe because acknowledgements do not need that thread.
 *
 * <h2>Failures</h2>
 * A failed commit is not acknowledged; it is logged once and retried with backoff (0.1 s → 5 s) until it succeeds or
 * the pipeline is closed — unacknowledged messages stay with the broker's persistent session and come again. A lost
 * connection is re-established with jittered exponential backoff (0.5 s → 30 s); subscriptions are renewed when the
 * broker lost the session.
 *
 * <h2>Watching</h2>
 * Every state change goes into a {@link ConnectionLog} with its cause; signs that the broker dropped readings (a hole
 * in a device's series, a session the broker lost) go into {@link LinkWarnings}.
 */
public final class IngestPipeline implements LiveFeed, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IngestPipeline.class);

    /** Most messages committed in one transaction. */
    public static final int MAX_BATCH_MESSAGES = 5_000;
    /**
     * Longest time the writer keeps gathering messages that are still arriving into one batch (counted from the
     * first); it does not wait for more once the queue is empty.
     */
    public static final long LINGER_MILLIS = 25;
    /**
     * Unacknowledged messages the broker may send us (MQTT 5 receive maximum): the protocol's largest, so that a
     * broker that overfills the window (Mosquitto 2.0.11/2.0.12, see {@link ReadPause}) has room before the client
     * calls it a protocol error; {@link #PAUSE_READING_AT} keeps the real number far below it.
     */
    public static final int RECEIVE_MAXIMUM = 65_535;
    /** Unacknowledged messages at which the client's event loop stops reading until a commit ({@link ReadPause}). */
    public static final int PAUSE_READING_AT = 20_000;
    private static final Duration LONGEST_READ_PAUSE = Duration.ofSeconds(5);
    static final int QUEUE_CAPACITY = 65_536;
    private static final long IDLE_GAP_NANOS = TimeUnit.MICROSECONDS.toNanos(Long.getLong("edgedeck.ingest.idleGapMicros", 0));
    private static final long RECONNECT_MIN_MILLIS = 500;
    private static final long RECONNECT_MAX_MILLIS = 30_000;
    private static final long RETRY_MIN_MILLIS = 100;
    private static final long RETRY_MAX_MILLIS = 5_000;
    private static final Duration CLOSE_FLUSH_TIMEOUT = Duration.ofSeconds(30);

    /** A decoded message waiting for its commit; {@code ack} acknowledges it to the broker. */
    private record Inbound(IngestBatch batch, Runnable ack, String topic, byte[] payload, long receivedMillis) {
    }

    /** A message as the client handed it over, not yet decoded. */
    private record Raw(String topic, byte[] payload, boolean retained, Runnable ack, long receivedMillis) {
    }

    private final BrokerSettings settings;
    private final TopicMapping mapping;
    private final MessageDecoder decoder;
    private final TelemetryWriter writer;
    private volatile Mqtt5AsyncClient v5;
    private volatile Mqtt3AsyncClient v3;
    private final Optional<String> sharedGroup;
    private final ConnectionLog connectionLog;
    private final LinkWarnings warnings;
    private final GapDetector gaps;
    private final AtomicLong reconnects = new AtomicLong();
    /** Changes whenever the link is lost (for the gap detector). */
    private volatile long linkEpoch;
    private final BlockingQueue<Inbound> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final BlockingQueue<Raw> received = new LinkedBlockingQueue<>();
    /** Messages handed over by the client and not yet in {@link #queue}. */
    private final AtomicLong undecoded = new AtomicLong();
    private final Thread decodeThread;
    private final int receiveMaximum;
    private final ReadPause readPause;
    private volatile long firstMessageMillis;
    private volatile long firstCommitMillis;
    private final Thread writerThread;
    private final List<IngestListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<LinkState>> stateListeners = new CopyOnWriteArrayList<>();
    private final AtomicReference<LinkState> state = new AtomicReference<>(LinkState.DISCONNECTED);

    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong decodeWarnings = new AtomicLong();
    /** Topics a warning was logged for (each is logged once); bounded. */
    private final java.util.Set<String> warnedTopics = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final int MAX_WARNED_TOPICS = 10_000;
    /** The filters subscribed to (the mapping's plus those of discovered devices). */
    private final java.util.Set<String> subscribed = new java.util.concurrent.CopyOnWriteArraySet<>();
    private volatile long readings;
    private volatile long duplicates;
    private volatile long quarantined;
    private volatile long lastCommitMillis;
    private volatile long commitFailures;
    private volatile String lastStoreError;

    private final Object lifecycle = new Object();
    private volatile boolean started;
    private volatile boolean accepting = true;
    private volatile boolean stopping;
    private volatile boolean abandon;
    private volatile boolean closed;

    public IngestPipeline(BrokerSettings settings, TopicMapping mapping, TelemetryWriter writer) {
        this(settings, mapping, writer, Optional.empty(), Clock.systemUTC());
    }

    /**
     * @param sharedGroup subscribe with {@code $share/GROUP/…} so the collectors of one group split the messages
     *                    ({@link SharedGroup})
     */
    public IngestPipeline(BrokerSettings settings, TopicMapping mapping, TelemetryWriter writer,
                          Optional<String> sharedGroup, Clock clock) {
        this(settings, mapping, writer, sharedGroup, clock, RECEIVE_MAXIMUM, PAUSE_READING_AT);
    }

    /** With another receive maximum and read pause (tests: what happens without the pause). */
    IngestPipeline(BrokerSettings settings, TopicMapping mapping, TelemetryWriter writer,
                   Optional<String> sharedGroup, Clock clock, int receiveMaximum, int pauseReadingAt) {
        this.receiveMaximum = receiveMaximum;
        this.readPause = new ReadPause(pauseReadingAt, LONGEST_READ_PAUSE);
        this.sharedGroup = Objects.requireNonNull(sharedGroup, "sharedGroup").map(SharedGroup::check);
        this.connectionLog = new ConnectionLog(clock);
        this.warnings = new LinkWarnings(clock);
        this.gaps = new GapDetector(warnings);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.mapping = Objects.requireNonNull(mapping, "mapping");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.decoder = new MessageDecoder(mapping);
        this.decodeThread = daemon(this::decodeLoop, "edgedeck-ingest-decode");
        this.writerThread = daemon(this::writerLoop, "edgedeck-ingest-writer");

    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Connects and subscribes; throws {@link LinkException} with a readable message if the broker cannot be reached
     * within the timeout or the TLS handshake fails, {@link TlsSetupException} if EdgeDeck's own TLS credentials are
     * unusable (nothing was sent then).
     */
    public void start(Duration connectTimeout) {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        synchronized (lifecycle) {
            if (closed) throw new IllegalStateException("the ingest pipeline is closed");
            if (started) return;
            setState(LinkState.CONNECTING, "connecting to " + where());
            long t0 = System.nanoTime();
            if (v5 == null && v3 == null) {
                try {
                    buildClient(connectTimeout);
                } catch (TlsSetupException e) {
                    setState(LinkState.DISCONNECTED, e.getMessage());
                    throw e;
                }
            }
            boolean sessionPresent;
            try {
                sessionPresent = connect(connectTimeout).get(connectTimeout.toMillis() + 2_000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abortConnect();
                setState(LinkState.DISCONNECTED, "interrupted");
                throw new LinkException("Interrupted while connecting to the MQTT broker at " + where(), e);
            } catch (Exception e) {
                abortConnect();
                LinkException le = LinkErrors.connectFailure(settings, e, connectTimeout);
                setState(LinkState.DISCONNECTED, le.getMessage());
                throw le;
            }
            try {
                subscribe().get(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abortConnect();
                setState(LinkState.DISCONNECTED, "interrupted");
                throw new LinkException("Interrupted while subscribing at the MQTT broker at " + where(), e);
            } catch (Exception e) {
                abortConnect();
                Throwable cause = LinkErrors.unwrap(e);
                String msg = cause instanceof LinkException ? cause.getMessage()
                        : "The MQTT broker at " + where() + " did not accept the subscriptions " + subscriptionFilters()
                        + ": " + (cause.getMessage() == null ? cause.toString() : cause.getMessage());
                setState(LinkState.DISCONNECTED, msg);
                throw new LinkException(msg, cause);
            }
            started = true;
            if (!writerThread.isAlive()) writerThread.start();
            LOG.info("Ingesting from {} as '{}' (MQTT {}, {} session) in {} ms: {}", where(), settings.clientId(),
                    settings.version() == MqttVersion.V5 ? "5" : "3.1.1",
                    sessionPresent ? "resumed" : "new", (System.nanoTime() - t0) / 1_000_000,
                    subscriptionFilters());
        }
    }

    private void buildClient(Duration timeout) {
        long ms = Math.max(1, timeout.toMillis());
        var transport = MqttClient.builder().identifier(settings.clientId())
                .transportConfig().serverHost(settings.host()).serverPort(settings.port())
                .socketConnectTimeout(ms, TimeUnit.MILLISECONDS).mqttConnectTimeout(ms, TimeUnit.MILLISECONDS);
        // TLS credentials are read (and checked) here, before anything is sent: a TlsSetupException if unusable
        if (settings.tls().isPresent()) transport = transport.sslConfig(MqttTlsConfigs.create(settings.tls().get()));
        MqttClientBuilder b = transport.applyTransportConfig()
                // application callbacks on the calling thread (the event loop): the callback API otherwise hands each
                // message to an RxJava computation thread 128 at a time, and while that buffer is full the client
                // walks its whole list of delivered but unacknowledged messages for every message and request
                .executorConfig().applicationScheduler(Schedulers.trampoline()).applyExecutorConfig()
                .addConnectedListener(this::onConnected)
                .addDisconnectedListener(this::onDisconnected);
        if (settings.version() == MqttVersion.V5) {
            startWorkers();
            Mqtt5AsyncClient c = b.useMqttVersion5().buildAsync();
            // registered before connecting: a resumed session delivers its backlog right after CONNACK
            c.publishes(MqttGlobalPublishFilter.ALL,
                    p -> handOver(p.getTopic().toString(), p.getPayloadAsBytes(), p.isRetain(), p::acknowledge), true);
            v5 = c;
        } else {
            startWorkers();
            Mqtt3AsyncClient c = b.useMqttVersion3().buildAsync();
            c.publishes(MqttGlobalPublishFilter.ALL,
                    p -> handOver(p.getTopic().toString(), p.getPayloadAsBytes(), p.isRetain(), p::acknowledge), true);
            v3 = c;
        }
    }

    /**
     * Before connecting: a resumed session's backlog comes right after CONNACK, and the event loop pauses reading (the
     * SUBACK too) once {@value #PAUSE_READING_AT} wait for their commit, so the writer must be committing by then.
     */
    private void startWorkers() {
        if (!decodeThread.isAlive()) decodeThread.start();
        if (!writerThread.isAlive()) writerThread.start();
    }

    private CompletableFuture<Boolean> connect(Duration timeout) {
        long ms = Math.max(1, timeout.toMillis()) + 1_000;
        if (v5 != null) {
            var c = v5.connectWith().cleanStart(settings.cleanStart()).sessionExpiryInterval(settings.sessionExpirySeconds())
                    .keepAlive(settings.keepAliveSeconds())
                    .restrictions().receiveMaximum(receiveMaximum).applyRestrictions();
            if (settings.username().isPresent()) {
                var a = c.simpleAuth().username(settings.username().get());
                settings.password().ifPresent(p -> a.password(new String(p).getBytes(StandardCharsets.UTF_8)));
                a.applySimpleAuth();
            }
            return c.send().orTimeout(ms, TimeUnit.MILLISECONDS).thenApply(ack -> ack.isSessionPresent());
        }
        var c = v3.connectWith().cleanSession(settings.cleanStart()).keepAlive(settings.keepAliveSeconds());
        if (settings.username().isPresent()) {
            var a = c.simpleAuth().username(settings.username().get());
            settings.password().ifPresent(p -> a.password(new String(p).getBytes(StandardCharsets.UTF_8)));
            a.applySimpleAuth();
        }
        return c.send().orTimeout(ms, TimeUnit.MILLISECONDS).thenApply(ack -> ack.isSessionPresent());
    }

    /** The filters subscribed to: the mapping's, as shared subscriptions when a group is given. */
    public List<String> subscriptionFilters() {
        List<String> plain = decoder.subscriptionFilters();
        return sharedGroup.map(g -> SharedGroup.filters(g, plain)).orElse(plain);
    }

    private CompletableFuture<Void> subscribe() {
        List<String> plain = decoder.subscriptionFilters();
        subscribed.addAll(plain);
        return subscribe(sharedGroup.map(g -> SharedGroup.filters(g, plain)).orElse(plain));
    }

    private CompletableFuture<Void> subscribe(List<String> filters) {
        if (filters.isEmpty()) {
            return CompletableFuture.failedFuture(new LinkException("The topic mapping has no topics to subscribe to"));
        }
        if (v5 != null) {
            var s = v5.subscribeWith().addSubscription().topicFilter(filters.getFirst()).qos(MqttQos.AT_LEAST_ONCE).applySubscription();
            for (String f : filters.subList(1, filters.size())) {
                s = s.addSubscription().topicFilter(f).qos(MqttQos.AT_LEAST_ONCE).applySubscription();
            }
            return s.send().thenAccept(ack -> {
                List<Mqtt5SubAckReasonCode> codes = ack.getReasonCodes();
                for (int i = 0; i < codes.size(); i++) {
                    if (codes.get(i).getCode() >= 0x80) {
                        throw new LinkException("The MQTT broker at " + where() + " refused the subscription to '"
                                + filters.get(i) + "': " + codes.get(i).name().toLowerCase(Locale.ROOT).replace('_', ' '));
                    }
                }
            });
        }
        var s = v3.subscribeWith().addSubscription().topicFilter(filters.getFirst()).qos(MqttQos.AT_LEAST_ONCE).applySubscription();
        for (String f : filters.subList(1, filters.size())) {
            s = s.addSubscription().topicFilter(f).qos(MqttQos.AT_LEAST_ONCE).applySubscription();
        }
        return s.send().thenAccept(ack -> {
            List<Mqtt3SubAckReturnCode> codes = ack.getReturnCodes();
            for (int i = 0; i < codes.size(); i++) {
                if (codes.get(i) == Mqtt3SubAckReturnCode.FAILURE) {
                    throw new LinkException("The MQTT broker at " + where() + " refused the subscription to '"
                            + filters.get(i) + "'");
                }
            }
        });
    }

    private void abortConnect() {
        if (v5 == null && v3 == null) return;
        try {
            (v5 != null ? v5.disconnect() : v3.disconnect()).orTimeout(2, TimeUnit.SECONDS).handle((v, e) -> null).join();
        } catch (RuntimeException ignored) {
            // not connected
        }
    }

    private void onConnected(com.hivemq.client.mqtt.lifecycle.MqttClientConnectedContext ctx) {
        boolean sessionPresent = switch (ctx) {
            case com.hivemq.client.mqtt.mqtt5.lifecycle.Mqtt5ClientConnectedContext c5 -> c5.getConnAck().isSessionPresent();
            case com.hivemq.client.mqtt.mqtt3.lifecycle.Mqtt3ClientConnectedContext c3 -> c3.getConnAck().isSessionPresent();
            default -> true;
        };
        boolean again = state.get() == LinkState.RECONNECTING;
        if (again) {
            reconnects.incrementAndGet();
            if (!sessionPresent && !settings.cleanStart()) {
                warnings.warn("", "The MQTT broker at " + where() + " no longer had EdgeDeck's session '"
                        + settings.clientId() + "' (restarted without persistence, or the session expired): readings "
                        + "published while the link was down are lost; subscribing again");
            }
        }
        setState(LinkState.CONNECTED, (again ? "reconnected to " : "connected to ") + where()
                + (sessionPresent ? " (session resumed)" : " (new session)"));
    }

    private void onDisconnected(MqttClientDisconnectedContext ctx) {
        if (!started || closed || ctx.getSource() == MqttDisconnectSource.USER) {
            return; // a failed start reports itself; our own disconnect is not a loss
        }
        int attempt = ctx.getReconnector().getAttempts();
        linkEpoch++;
        long ceiling = Math.min(RECONNECT_MAX_MILLIS, RECONNECT_MIN_MILLIS << Math.min(attempt, 10));
        long delay = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1); // "equal jitter"
        ctx.getReconnector().reconnect(true).resubscribeIfSessionExpired(true).delay(delay, TimeUnit.MILLISECONDS);
        Throwable cause = ctx.getCause();
        String why = cause == null ? "connection lost" : LinkErrors.describe(settings, cause, null);
        if (attempt == 0) {
            LOG.warn("Lost the MQTT broker at {} ({}); reconnecting", where(), describeCause(cause));
        } else {
            LOG.debug("Reconnect attempt {} to {} failed: {}; next in {} ms", attempt, where(), describeCause(cause), delay);
        }
        setState(LinkState.RECONNECTING, why);
    }

    private static String describeCause(Throwable cause) {
        if (cause == null) return "no reason given";
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private void setState(LinkState next, String cause) {
        LinkState prev = state.getAndSet(next);
        if (prev == next) return;
        connectionLog.record(prev, next, cause);
        LOG.info("MQTT link {} -> {}: {}", prev, next, cause);
        for (Consumer<LinkState> l : stateListeners) {
            try {
                l.accept(next);
            } catch (RuntimeException e) {
                LOG.warn("A link state listener failed", e);
            }
        }
    }

    /** On the client's event loop: queue and return (never waits). */
    private void handOver(String topic, byte[] payload, boolean retained, Runnable ack) {
        if (!accepting) {
            return; // closing: left unacknowledged, the broker keeps it for the next session
        }
        try {
            readPause.admit(); // too many wait for their commit: read no more from the socket until one is done
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long now = System.currentTimeMillis();
        if (firstMessageMillis == 0) firstMessageMillis = now;
        messages.incrementAndGet();
        undecoded.incrementAndGet();
        received.add(new Raw(topic, payload, retained, ack, now));
    }

    private void decodeLoop() {
        try {
            while (true) {
                Raw m = received.take();
                try {
                    receive(m.topic(), m.payload(), m.retained(), m.ack(), m.receivedMillis());
                } catch (RuntimeException e) {
                    LOG.error("Could not decode a message on {}; it stays unacknowledged", m.topic(), e);
                    readPause.acknowledged(1); // never will be: do not let it hold the reading back
                } finally {
                    undecoded.decrementAndGet();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** On the decode thread, in arrival order. */
    private void receive(String topic, byte[] payload, boolean retained, Runnable ack, long now)
            throws InterruptedException {
        IngestBatch batch;
        try {
            long discoveries = decoder.discoveryVersion();
            batch = decoder.decode(topic, payload, retained, now);
            if (decoder.discoveryVersion() != discoveries) {
                subscribeDiscovered();
            }
        } catch (RuntimeException e) {
            LOG.warn("Decoder failed on a message on {}; quarantining it", topic, e);
            batch = IngestBatch.quarantine(new QuarantinedMessage(topic, payload, "decoder failed: " + e, now));
        }
        report(batch.notes());
        queue.put(new Inbound(batch, ack, topic, payload, now));
    }

    /** Logs warnings once per topic (and counts every one), other notes at debug level. On the decode thread. */
    private void report(List<DecodeNote> notes) {
        for (DecodeNote n : notes) {
            if (n.isWarning()) {
                decodeWarnings.incrementAndGet();
                if (warnedTopics.contains(n.topic())) {
                    LOG.debug("{}", n.message());
                } else {
                    if (warnedTopics.size() < MAX_WARNED_TOPICS) {
                        warnedTopics.add(n.topic());
                    }
                    LOG.warn("{}", n.message());
                }
            } else {
                LOG.debug("{}: {}", n.topic(), n.message());
            }
        }
    }

    /** A discovery message added devices: subscribe to their topics that the current subscriptions do not cover. */
    private void subscribeDiscovered() {
        if (!started || (v5 == null && v3 == null)) {
            return;
        }
        List<String> missing = new ArrayList<>();
        for (String f : decoder.subscriptionFilters()) {
            boolean covered = false;
            for (String s : subscribed) {
                if (s.equals(f) || TopicMapping.covers(s, f)) {
                    covered = true;
                    break;
                }
            }
            if (!covered) {
                missing.add(f);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        subscribed.addAll(missing);
        subscribe(missing).whenComplete((v, e) -> {
            if (e != null) {
                LOG.warn("Could not subscribe to the topics of discovered devices {}: {}", missing, e.toString());
                subscribed.removeAll(missing);
            } else {
                LOG.info("Subscribed to the topics of discovered devices: {}", missing);
            }
        });
    }

    private void writerLoop() {
        List<Inbound> chunk = new ArrayList<>(MAX_BATCH_MESSAGES);
        try {
            while (true) {
                Inbound first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (stopping) break;
                    continue;
                }
                chunk.add(first);
                // gather until the batch is full, the flow pauses for IDLE_GAP or LINGER is over: a broker that
                // sends more only after acknowledgements (HiveMQ does) must not wait out the whole linger time
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS);
                while (chunk.size() < MAX_BATCH_MESSAGES && !stopping) {
                    queue.drainTo(chunk, MAX_BATCH_MESSAGES - chunk.size());
                    long left = deadline - System.nanoTime();
                    if (chunk.size() >= MAX_BATCH_MESSAGES || left <= 0) break;
                    Inbound next = queue.poll(Math.min(left, IDLE_GAP_NANOS), TimeUnit.NANOSECONDS);
                    if (next == null) break;
                    chunk.add(next);
                }
                if (!commitAndAcknowledge(chunk)) break;
                chunk.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            LOG.error("The ingest writer stopped unexpectedly; {} messages remain unacknowledged", chunk.size(), t);
        }
    }

    /** Commits (retrying while it fails), then acknowledges; false when given up because the pipeline is closing. */
    private record Salvage(IngestBatch batch, CommitResult result) {
    }

    /**
     * The store refused the batch's data: commit message by message, and turn each message it refuses into a
     * quarantined one with the reason, so one bad reading neither blocks ingest nor is lost.
     */
    private Salvage commitOneByOne(List<Inbound> chunk) {
        List<IngestBatch> parts = new ArrayList<>(chunk.size());
        int stored = 0;
        int dups = 0;
        int quarantinedNow = 0;
        for (Inbound m : chunk) {
            IngestBatch part = m.batch();
            CommitResult r;
            try {
                r = writer.commit(part);
            } catch (IllegalArgumentException refused) {
                LOG.warn("The store refused a message on {}: {}; quarantining it", m.topic(), refused.getMessage());
                part = IngestBatch.quarantine(new QuarantinedMessage(m.topic(), m.payload(),
                        "cannot be stored: " + refused.getMessage(), m.receivedMillis()));
                r = writer.commit(part);
            }
            parts.add(part);
            stored += r.readingsStored();
            dups += r.duplicates();
            quarantinedNow += r.quarantined();
        }
        return new Salvage(IngestBatch.merge(parts), new CommitResult(stored, dups, quarantinedNow));
    }

    private boolean commitAndAcknowledge(List<Inbound> chunk) throws InterruptedException {
        List<IngestBatch> parts = new ArrayList<>(chunk.size());
        for (Inbound m : chunk) parts.add(m.batch());
        IngestBatch merged = IngestBatch.merge(parts);
        CommitResult result;
        long backoff = RETRY_MIN_MILLIS;
        boolean failed = false;
        while (true) {
            try {
                try {
                    result = writer.commit(merged);
                } catch (IllegalArgumentException refused) {
                    // data the store refuses (not a store failure): retrying cannot help, so find the culprits
                    Salvage salvage = commitOneByOne(chunk);
                    merged = salvage.batch();
                    result = salvage.result();
                }
                break;
            } catch (RuntimeException e) {
                commitFailures++;
                lastStoreError = e.getMessage() == null ? e.toString() : e.getMessage();
                if (!failed) {
                    LOG.error("Cannot store {} messages ({}); they stay unacknowledged, retrying", chunk.size(),
                            lastStoreError, e);
                    failed = true;
                }
                if (abandon) {
                    LOG.warn("Closing with {} uncommitted messages left unacknowledged (the broker keeps them)", chunk.size());
                    return false;
                }
                Thread.sleep(backoff);
                backoff = Math.min(RETRY_MAX_MILLIS, backoff * 2);
            }
        }
        if (failed) {
            LOG.info("Storing works again ({} messages committed after {} failed attempts)", chunk.size(), commitFailures);
            lastStoreError = null;
        }
        for (Inbound m : chunk) {
            try {
                m.ack().run();
            } catch (RuntimeException e) {
                LOG.debug("Acknowledgement failed (connection lost?); the broker will send the message again", e);
            }
        }
        readPause.acknowledged(chunk.size());
        if (firstCommitMillis == 0) firstCommitMillis = System.currentTimeMillis();
        readings += result.readingsStored();
        duplicates += result.duplicates();
        quarantined += result.quarantined();
        lastCommitMillis = System.currentTimeMillis();
        watchForGaps(chunk);
        for (IngestListener l : listeners) {
            try {
                l.committed(merged, result);
            } catch (RuntimeException e) {
                LOG.warn("An ingest listener failed", e);
            }
        }
        return true;
    }

    private void watchForGaps(List<Inbound> chunk) {
        long epoch = linkEpoch;
        try {
            for (Inbound m : chunk) {
                for (var r : m.batch().readings()) {
                    gaps.reading(r.deviceId(), r.epochMillis(), r.epochMillis() == m.receivedMillis(), m.receivedMillis(),
                            epoch);
                }
                for (var a : m.batch().availability()) gaps.availability(a.deviceId());
            }
        } catch (RuntimeException e) {
            LOG.warn("Gap detection failed", e); // never stops ingest
        }
    }

    @Override
    public void addListener(IngestListener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    /** Told of every state change (on a client thread). */
    @Override
    public void addStateListener(Consumer<LinkState> listener) {
        stateListeners.add(Objects.requireNonNull(listener));
    }

    @Override
    public IngestStats stats() {
        return new IngestStats(messages.get(), readings, duplicates, quarantined, lastCommitMillis, state.get(),
                reconnects.get(), warnings.count());
    }

    @Override
    public List<ConnectionEvent> connectionLog() {
        return connectionLog.events();
    }

    @Override
    public List<LinkWarning> dropWarnings() {
        return warnings.recent();
    }

    /**
     * Warnings the decoder gave since the start, e.g. retained Tasmota commands that switch plugs by themselves (each
     * topic's first is logged; the batches handed to {@link IngestListener}s carry all of them as {@link DecodeNote}s).
     */
    public long decodeWarnings() {
        return decodeWarnings.get();
    }

    /** The decoder of this pipeline (its discovered devices, for saving them as a mapping). */
    public MessageDecoder decoder() {
        return decoder;
    }

    /** When the first message arrived (epoch milliseconds), 0 before. */
    public long firstMessageMillis() {
        return firstMessageMillis;
    }

    /** When the first commit was acknowledged (epoch milliseconds), 0 before. */
    public long firstCommitMillis() {
        return firstCommitMillis;
    }

    /** Times the client stopped reading because {@value #PAUSE_READING_AT} messages waited for their commit. */
    public long readPauses() {
        return readPause.pauses();
    }

    /** The current link state. */
    public LinkState state() {
        return state.get();
    }

    /** Messages received and waiting for their commit (decoded or not yet). */
    public int queued() {
        return (int) Math.min(Integer.MAX_VALUE, queue.size() + undecoded.get());
    }

    /** The last commit error while commits are failing, null when the store works. */
    public String storeProblem() {
        return lastStoreError;
    }

    public BrokerSettings settings() {
        return settings;
    }

    /** Stops receiving, commits and acknowledges what is in flight, disconnects. */
    @Override
    public void close() {
        close(CLOSE_FLUSH_TIMEOUT);
    }

    /**
     * Like {@link #close()}, giving the last commits at most {@code flushTimeout} (e.g. while the store is failing);
     * what is not committed by then stays unacknowledged, and the broker sends it again to the next session.
     */
    public void close(Duration flushTimeout) {
        synchronized (lifecycle) {
            if (closed) return;
            closed = true;
        }
        accepting = false;
        readPause.stop();
        // let the decode thread finish what was handed over; later arrivals are ignored (not acknowledged)
        long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (undecoded.get() > 0 && System.nanoTime() < drainDeadline && decodeThread.isAlive()) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        try {
            stopping = true;
            if (writerThread.isAlive()) {
                writerThread.join(Math.max(1, flushTimeout.toMillis()));
                if (writerThread.isAlive()) {
                    abandon = true;
                    writerThread.interrupt();
                    writerThread.join(5_000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (started && (v5 != null || v3 != null)) {
            try {
                // DISCONNECT keeps the session (session expiry as connected): what is unacknowledged comes again
                (v5 != null ? v5.disconnect() : v3.disconnect()).get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.debug("disconnect: {}", e.toString());
            }
        }
        decodeThread.interrupt(); // after the disconnect: the client hands messages to it until then
        setState(LinkState.DISCONNECTED, "closed");
        LOG.info("Ingest pipeline closed: {}", stats());
    }

    private String where() {
        return settings.host() + ":" + settings.port() + (settings.tls().isPresent() ? " (TLS)" : "");
    }
}
