package io.edgedeck.link.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.edgedeck.link.command.CommandAck;
import io.edgedeck.link.command.CommandOutcome;
import io.edgedeck.link.command.CommandProtocol;
import io.edgedeck.link.command.SignedCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Publishes signed commands on {@code smartplug/{id}/control} (QoS 1) and matches the device's acknowledgement on
 * {@code smartplug/{id}/status} by nonce. One MQTT connection of its own (clean session), so waiting for answers does
 * not depend on the ingest pipeline. Thread-safe.
 */
public final class CommandChannel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CommandChannel.class);

    private record Pending(SignedCommand command, CompletableFuture<CommandOutcome> future, long startNanos) {
    }

    private final BrokerSettings settings;
    private final Mqtt5AsyncClient v5;
    private final Mqtt3AsyncClient v3;
    private final Map<String, Pending> pendingByNonce = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> subscribed = new ConcurrentHashMap<>();
    private volatile boolean connectedOnce;
    private volatile boolean closed;

    private CommandChannel(BrokerSettings settings) {
        this.settings = settings;
        var b = MqttClient.builder().identifier(settings.clientId())
                .serverHost(settings.host()).serverPort(settings.port())
                .addConnectedListener(ctx -> connectedOnce = true)
                .addDisconnectedListener(ctx -> {
                    // after a loss, not after a refused first connect or close(): resubscribe as acks come on it
                    if (connectedOnce && !closed && ctx.getSource() != MqttDisconnectSource.USER) {
                        subscribed.clear();
                        ctx.getReconnector().reconnect(true).delay(2, TimeUnit.SECONDS);
                    }
                });
        if (settings.version() == MqttVersion.V5) {
            v5 = b.useMqttVersion5().buildAsync();
            v3 = null;
        } else {
            v3 = b.useMqttVersion3().buildAsync();
            v5 = null;
        }
    }

    /**
     * Connects to the broker.
     *
     * @throws LinkException with a readable message when the broker cannot be reached or refuses the login
     */
    public static CommandChannel connect(BrokerSettings settings, Duration timeout) {
        CommandChannel c = new CommandChannel(Objects.requireNonNull(settings, "settings"));
        try {
            c.connectAsync().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return c;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            c.close();
            throw new LinkException("interrupted while connecting to the broker", e);
        } catch (Exception e) {
            c.close();
            throw LinkErrors.connectFailure(settings, e, timeout);
        }
    }

    private CompletableFuture<?> connectAsync() {
        byte[] password = settings.password().map(p -> new String(p).getBytes(StandardCharsets.UTF_8)).orElse(null);
        if (v5 != null) {
            var c = v5.connectWith().cleanStart(true).noSessionExpiry().keepAlive(settings.keepAliveSeconds());
            if (settings.username().isPresent()) {
                var a = c.simpleAuth().username(settings.username().get());
                if (password != null) a.password(password);
                a.applySimpleAuth();
            }
            return c.send();
        }
        var c = v3.connectWith().cleanSession(true).keepAlive(settings.keepAliveSeconds());
        if (settings.username().isPresent()) {
            var a = c.simpleAuth().username(settings.username().get());
            if (password != null) a.password(password);
            a.applySimpleAuth();
        }
        return c.send();
    }

    /**
     * Publishes the command and completes with the device's answer carrying its nonce, or with TIMEOUT after
     * {@code timeout}. Completes exceptionally with a {@link LinkException} when the publish itself fails.
     */
    public CompletableFuture<CommandOutcome> send(SignedCommand command, Duration timeout) {
        CompletableFuture<CommandOutcome> result = new CompletableFuture<>();
        long start = System.nanoTime();
        Pending pending = new Pending(command, result, start);
        if (pendingByNonce.putIfAbsent(command.nonce(), pending) != null) {
            result.completeExceptionally(new IllegalStateException("a command with this nonce is already waiting"));
            return result;
        }
        result.completeOnTimeout(CommandOutcome.timeout(command, timeout), timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((o, e) -> pendingByNonce.remove(command.nonce(), pending));
        subscribeToStatus(command.deviceId())
                .thenCompose(v -> publish(CommandProtocol.controlTopic(command.deviceId()), command.jws()))
                .whenComplete((v, e) -> {
                    if (e != null) {
                        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                        result.completeExceptionally(new LinkException("could not publish the command to "
                                + command.deviceId() + ": " + cause.getMessage(), cause));
                    }
                });
        return result;
    }

    private CompletableFuture<Void> subscribeToStatus(String deviceId) {
        return subscribed.computeIfAbsent(deviceId, id -> {
            String topic = CommandProtocol.statusTopic(id);
            CompletableFuture<?> ack = v5 != null
                    ? v5.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE)
                            .callback(p -> onStatus(id, p.getPayloadAsBytes())).send()
                    : v3.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE)
                            .callback(p -> onStatus(id, p.getPayloadAsBytes())).send();
            return ack.thenApply(x -> (Void) null).whenComplete((v, e) -> {
                if (e != null) subscribed.remove(id);
            });
        });
    }

    private CompletableFuture<Void> publish(String topic, String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.US_ASCII);
        if (v5 != null) {
            return v5.publishWith().topic(topic).payload(bytes).qos(MqttQos.AT_LEAST_ONCE).send().thenApply(r -> {
                r.getError().ifPresent(e -> {
                    throw new CompletionException(e);
                });
                return null;
            });
        }
        return v3.publishWith().topic(topic).payload(bytes).qos(MqttQos.AT_LEAST_ONCE).send().thenApply(p -> null);
    }

    private void onStatus(String deviceId, byte[] payload) {
        CommandAck ack = CommandAck.parse(payload).orElse(null);
        if (ack == null || ack.nonce() == null) {
            return; // a plain relay state, online/offline, or an answer to an unreadable command
        }
        Pending p = pendingByNonce.get(ack.nonce());
        if (p == null || !p.command().deviceId().equals(deviceId)) {
            return; // someone else's command, or an answer from another device
        }
        Duration waited = Duration.ofNanos(System.nanoTime() - p.startNanos());
        if (p.future().complete(CommandOutcome.of(p.command(), ack, waited))) {
            LOG.info("{} answered command {}: {}", deviceId, ack.nonce(), ack.isAccepted() ? "accepted" : ack.reason());
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            (v5 != null ? v5.disconnect() : v3.disconnect()).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debug("command channel disconnect: {}", e.toString());
        }
    }
}
