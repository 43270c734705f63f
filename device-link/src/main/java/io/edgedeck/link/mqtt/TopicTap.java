package io.edgedeck.link.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientBuilder;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.edgedeck.link.tls.MqttTlsConfigs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Sees every message the connection sees, for the topic explorer: its own MQTT client with the connection's broker
 * settings (TLS and login included), the client id {@code <id>-explorer}, a clean session and a QoS 0 subscription to
 * {@code #} — so topics the ingest mapping does not subscribe to show up too. {@code $SYS/#} is not covered by
 * {@code #} (MQTT says so); {@link #TopicTap(BrokerSettings, boolean)} subscribes to it on request.
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
    private final boolean includeSys;
    private final BlockingQueue<TappedMessage> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final List<Consumer<TappedMessage>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong seen = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread dispatcher;
    private volatile Mqtt5AsyncClient v5;
    private volatile Mqtt3AsyncClient v3;
    private volatile boolean closed;

    /** The connection's broker with {@code #} only. */
    public TopicTap(BrokerSettings connection) {
        this(connection, false);
    }

    /** @param includeSys subscribe to {@value #SYS_FILTER} as well */
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

    /** The filters the tap subscribes to. */
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
     * Connects and subscribes; throws {@link LinkException} in words when the broker cannot be reached or refuses the
     * subscription (some brokers, AWS IoT Core with a tight policy for one, do not allow {@code #}).
     */
    public void start(Duration timeout) {
        if (closed) throw new IllegalStateException("the topic tap is closed");
        long ms = Math.max(1, timeout.toMillis());
        var transport = MqttClient.builder().identifier(settings.clientId())
                .transportConfig().serverHost(settings.host()).serverPort(settings.port())
                .socketConnectTimeout(ms, TimeUnit.MILLISECONDS).mqttConnectTimeout(ms, TimeUnit.MILLISECONDS);
        if (settings.tls().isPresent()) transport = transport.sslConfig(MqttTlsConfigs.create(settings.tls().get()));
        MqttClientBuilder b = transport.applyTransportConfig()
                .automaticReconnect().initialDelay(500, TimeUnit.MILLISECONDS).maxDelay(30, TimeUnit.SECONDS)
                .applyAutomaticReconnect();
        CompletableFuture<?> connected;
        if (settings.version() == MqttVersion.V5) {
            Mqtt5AsyncClient c = b.useMqttVersion5().buildAsync();
            c.publishes(MqttGlobalPublishFilter.ALL, this::offer5);
            v5 = c;
            var connect = c.connectWith().cleanStart(true).sessionExpiryInterval(0).keepAlive(settings.keepAliveSeconds());
            if (settings.username().isPresent()) {
                var a = connect.simpleAuth().username(settings.username().get());
                settings.password().ifPresent(p -> a.password(new String(p).getBytes(StandardCharsets.UTF_8)));
                a.applySimpleAuth();
            }
            connected = connect.send();
        } else {
            Mqtt3AsyncClient c = b.useMqttVersion3().buildAsync();
            c.publishes(MqttGlobalPublishFilter.ALL, this::offer3);
            v3 = c;
            var connect = c.connectWith().cleanSession(true).keepAlive(settings.keepAliveSeconds());
            if (settings.username().isPresent()) {
                var a = connect.simpleAuth().username(settings.username().get());
                settings.password().ifPresent(p -> a.password(new String(p).getBytes(StandardCharsets.UTF_8)));
                a.applySimpleAuth();
            }
            connected = connect.send();
        }
        try {
            connected.get(ms + 2_000, TimeUnit.MILLISECONDS);
            subscribe().get(ms, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            disconnect();
            throw new LinkException("Interrupted while the topic explorer connected to " + where(), e);
        } catch (Exception e) {
            disconnect();
            Throwable cause = LinkErrors.unwrap(e);
            if (cause instanceof LinkException le) throw le;
            throw LinkErrors.connectFailure(settings, e, timeout);
        }
        if (!dispatcher.isAlive()) dispatcher.start();
        LOG.info("Topic explorer watching {} as '{}': {}", where(), settings.clientId(), filters());
    }

    private CompletableFuture<Void> subscribe() {
        List<String> filters = filters();
        if (v5 != null) {
            var s = v5.subscribeWith().addSubscription().topicFilter(filters.getFirst()).qos(MqttQos.AT_MOST_ONCE).applySubscription();
            for (String f : filters.subList(1, filters.size())) {
                s = s.addSubscription().topicFilter(f).qos(MqttQos.AT_MOST_ONCE).applySubscription();
            }
            return s.send().thenAccept(ack -> {
                var codes = ack.getReasonCodes();
                for (int i = 0; i < codes.size(); i++) {
                    if (codes.get(i).isError()) throw refused(filters.get(i), codes.get(i).name());
                }
            });
        }
        var s = v3.subscribeWith().addSubscription().topicFilter(filters.getFirst()).qos(MqttQos.AT_MOST_ONCE).applySubscription();
        for (String f : filters.subList(1, filters.size())) {
            s = s.addSubscription().topicFilter(f).qos(MqttQos.AT_MOST_ONCE).applySubscription();
        }
        return s.send().thenAccept(ack -> {
            var codes = ack.getReturnCodes();
            for (int i = 0; i < codes.size(); i++) {
                if (codes.get(i) == Mqtt3SubAckReturnCode.FAILURE) throw refused(filters.get(i), "failure");
            }
        });
    }

    private LinkException refused(String filter, String code) {
        return new LinkException("The MQTT broker at " + where() + " does not let the topic explorer subscribe to '"
                + filter + "' (" + code.toLowerCase(Locale.ROOT).replace('_', ' ') + "); the broker's access rules "
                + "(ACL or policy) must allow client '" + settings.clientId() + "' to subscribe to it");
    }

    private void offer5(Mqtt5Publish p) {
        offer(p.getTopic().toString(), p.getPayload().orElse(null), p.isRetain(), p.getQos().getCode());
    }

    private void offer3(Mqtt3Publish p) {
        offer(p.getTopic().toString(), p.getPayload().orElse(null), p.isRetain(), p.getQos().getCode());
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

    private void disconnect() {
        try {
            if (v5 != null) v5.disconnect().orTimeout(2, TimeUnit.SECONDS).handle((v, e) -> null).join();
            if (v3 != null) v3.disconnect().orTimeout(2, TimeUnit.SECONDS).handle((v, e) -> null).join();
        } catch (RuntimeException ignored) {
            // not connected
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        disconnect();
        dispatcher.interrupt();
        queue.clear();
    }
}
