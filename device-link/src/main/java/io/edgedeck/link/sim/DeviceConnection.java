package io.edgedeck.link.sim;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttClientConnectedListener;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import io.edgedeck.link.mqtt.BrokerSettings;
import io.edgedeck.link.mqtt.MqttVersion;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * One simulated device's own MQTT connection, with a retained Last Will, for MQTT 5 or 3.1.1. Once connected, it
 * reconnects on its own after unexpected losses (1 s → 30 s, jittered); not after a refused first connect, nor after
 * {@link #dropWithWill()} or {@link #disconnect()}.
 */
final class DeviceConnection {
    private final String willTopic;
    private final byte[] willPayload;
    private final Mqtt5AsyncClient v5;
    private final Mqtt3AsyncClient v3;
    private final BrokerSettings settings;
    private volatile boolean wantConnected;

    /** {@code ssl}: the TLS set-up shared by the fleet ({@link io.edgedeck.link.tls.MqttTlsConfigs}), null for plain MQTT. */
    DeviceConnection(BrokerSettings settings, MqttClientSslConfig ssl, String clientId, String willTopic,
                     String willPayload, MqttClientConnectedListener onConnected) {
        this.settings = settings;
        this.willTopic = willTopic;
        this.willPayload = willPayload.getBytes(StandardCharsets.UTF_8);
        var transport = MqttClient.builder().identifier(clientId)
                .transportConfig().serverHost(settings.host()).serverPort(settings.port())
                .socketConnectTimeout(10, TimeUnit.SECONDS).mqttConnectTimeout(10, TimeUnit.SECONDS);
        if (ssl != null) transport = transport.sslConfig(ssl);
        var builder = transport.applyTransportConfig()
                .addConnectedListener(ctx -> {
                    wantConnected = true;
                    onConnected.onConnected(ctx);
                })
                .addDisconnectedListener(ctx -> {
                    // reconnect after losses, not after a refused first connect or our own disconnects
                    if (wantConnected && ctx.getSource() != MqttDisconnectSource.USER) {
                        int attempt = ctx.getReconnector().getAttempts();
                        long delay = (long) Math.min(30_000, 1000 * Math.pow(2, Math.min(attempt, 5)));
                        delay = delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
                        ctx.getReconnector().reconnect(true).delay(delay, TimeUnit.MILLISECONDS);
                    }
                });
        if (settings.version() == MqttVersion.V5) {
            v5 = builder.useMqttVersion5().buildAsync();
            v3 = null;
        } else {
            v3 = builder.useMqttVersion3().buildAsync();
            v5 = null;
        }
    }

    CompletableFuture<Void> connect() {
        if (v5 != null) {
            var c = v5.connectWith().cleanStart(true).noSessionExpiry().keepAlive(settings.keepAliveSeconds())
                    .willPublish().topic(willTopic).payload(willPayload).qos(MqttQos.AT_LEAST_ONCE).retain(true)
                    .applyWillPublish();
            if (settings.username().isPresent()) {
                var auth = c.simpleAuth().username(settings.username().get());
                settings.password().ifPresent(p -> auth.password(new String(p).getBytes(StandardCharsets.UTF_8)));
                auth.applySimpleAuth();
            }
            return c.send().thenApply(a -> null);
        }
        var c = v3.connectWith().cleanSession(true).keepAlive(settings.keepAliveSeconds())
                .willPublish().topic(willTopic).payload(willPayload).qos(MqttQos.AT_LEAST_ONCE).retain(true)
                .applyWillPublish();
        if (settings.username().isPresent()) {
            var auth = c.simpleAuth().username(settings.username().get());
            settings.password().ifPresent(p -> auth.password(new String(p).getBytes(StandardCharsets.UTF_8)));
            auth.applySimpleAuth();
        }
        return c.send().thenApply(a -> null);
    }

    /** Connects and keeps trying (backoff) until it succeeds or {@link #disconnect()} is called. */
    CompletableFuture<Void> connectPersistently() {
        wantConnected = true;
        return connect();
    }

    /** QoS 1 publish; completes when the broker acknowledged it. */
    CompletableFuture<Void> publish(String topic, String payload, boolean retain) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        if (v5 != null) {
            return v5.publishWith().topic(topic).payload(bytes).qos(MqttQos.AT_LEAST_ONCE).retain(retain).send()
                    .thenApply(r -> {
                        r.getError().ifPresent(e -> {
                            throw new java.util.concurrent.CompletionException(e);
                        });
                        return null;
                    });
        }
        return v3.publishWith().topic(topic).payload(bytes).qos(MqttQos.AT_LEAST_ONCE).retain(retain).send()
                .thenApply(p -> null);
    }

    /** Subscribes to one topic (QoS 1) and hands every message's payload to the callback. */
    CompletableFuture<Void> subscribe(String topic, BiConsumer<String, byte[]> callback) {
        if (v5 != null) {
            return v5.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE)
                    .callback(p -> callback.accept(p.getTopic().toString(), p.getPayloadAsBytes())).send()
                    .thenApply(a -> null);
        }
        return v3.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE)
                .callback(p -> callback.accept(p.getTopic().toString(), p.getPayloadAsBytes())).send()
                .thenApply(a -> null);
    }

    /**
     * Goes offline so that the broker publishes the Last Will: MQTT 5 DISCONNECT with reason "disconnect with will
     * message"; MQTT 3.1.1 has no such thing, so the device publishes its will payload itself, then disconnects.
     */
    CompletableFuture<Void> dropWithWill() {
        wantConnected = false;
        if (v5 != null) {
            return v5.disconnectWith().reasonCode(Mqtt5DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE).send();
        }
        return v3.publishWith().topic(willTopic).payload(willPayload).qos(MqttQos.AT_LEAST_ONCE).retain(true).send()
                .handle((p, e) -> null).thenCompose(x -> v3.disconnect());
    }

    CompletableFuture<Void> disconnect() {
        wantConnected = false;
        return v5 != null ? v5.disconnect() : v3.disconnect();
    }

    boolean isConnected() {
        return v5 != null ? v5.getState().isConnected() : v3.getState().isConnected();
    }
}
