package io.edgedeck.link.mqtt;

import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The broker's {@code $SYS/#} statistics for the topic explorer, on a client of its own ({@code <id>-explorer-sys}):
 * brokers that forbid {@code $SYS} may refuse the subscription (SUBACK failure) or drop the client that asked (AWS IoT
 * Core does), and neither may touch the {@code #} tap. A refusal is reported once and ends the watch — no reconnect
 * that would ask again; a broker that drops the client {@value #MAX_DROPS_WITHOUT_MESSAGE} times in a row before any
 * {@code $SYS} message arrives counts as refusing too. A broker that is merely restarting is waited for, as the tap
 * does.
 */
final class SysTopicsWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SysTopicsWatch.class);
    static final int MAX_DROPS_WITHOUT_MESSAGE = 3;

    private final ExplorerClient client;
    private final ExplorerClient.Sink sink;
    private final Consumer<TopicTap.SysStatus> status;
    private final AtomicInteger dropsWithoutMessage = new AtomicInteger();
    private volatile boolean subscribing;
    private volatile boolean over;

    SysTopicsWatch(BrokerSettings settings, long timeoutMillis, ExplorerClient.Sink sink,
                   Consumer<TopicTap.SysStatus> status) {
        this.sink = sink;
        this.status = status;
        this.client = new ExplorerClient(settings, timeoutMillis, this::offer, null, this::onDisconnected);
    }

    /** Connects and subscribes without waiting; the outcome goes to the status listener. */
    void start() {
        status.accept(new TopicTap.SysStatus(TopicTap.SysState.STARTING, ""));
        client.connect().thenCompose(ack -> {
            subscribing = true;
            return client.subscribe(List.of(TopicTap.SYS_FILTER));
        }).whenComplete((refusal, error) -> {
            subscribing = false;
            if (over) return;
            if (error != null) {
                end(TopicTap.SysState.UNAVAILABLE, "The broker's statistics are not shown: the explorer could not "
                        + "connect for " + TopicTap.SYS_FILTER + " (" + LinkErrors.unwrap(error).getMessage() + ")");
            } else if (refusal.isPresent()) {
                end(TopicTap.SysState.REFUSED, "The broker refused " + TopicTap.SYS_FILTER + " ("
                        + refusal.get().code() + "): it does not share its statistics with client '"
                        + client.clientId() + "'. Topics and ingest are not affected.");
            } else {
                status.accept(new TopicTap.SysStatus(TopicTap.SysState.WATCHING, ""));
                LOG.info("Topic explorer watching {} on {} as '{}'", TopicTap.SYS_FILTER, client.where(), client.clientId());
            }
        });
    }

    private void offer(String topic, java.nio.ByteBuffer payload, boolean retained, int qos) {
        if (over) return;
        dropsWithoutMessage.set(0);
        sink.offer(topic, payload, retained, qos);
    }

    private void onDisconnected(MqttClientDisconnectedContext c) {
        if (over || c.getSource() == MqttDisconnectSource.USER) return;
        if (subscribing || dropsWithoutMessage.incrementAndGet() >= MAX_DROPS_WITHOUT_MESSAGE) {
            c.getReconnector().reconnect(false);
            end(TopicTap.SysState.REFUSED, "The broker closed the connection when the explorer asked for "
                    + TopicTap.SYS_FILTER + ": it does not allow it (AWS IoT Core, for one, refuses $SYS). The broker's "
                    + "statistics are not shown; topics and ingest are not affected.");
        }
    }

    private void end(TopicTap.SysState state, String message) {
        if (over) return;
        over = true;
        LOG.warn("{}", message);
        status.accept(new TopicTap.SysStatus(state, message));
        Thread.ofVirtual().name("edgedeck-sys-watch-stop").start(client::disconnect);
    }

    @Override
    public void close() {
        over = true;
        client.disconnect();
    }
}
