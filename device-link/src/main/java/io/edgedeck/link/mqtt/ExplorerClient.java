package io.edgedeck.link.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientBuilder;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttClientConnectedListener;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedListener;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3SubAckException;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.edgedeck.link.tls.MqttTlsConfigs;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * One watch-only MQTT client of the topic explorer (the {@code #} tap, the {@code $SYS/#} watch): the connection's
 * address, TLS and login, a clean session, QoS 0, automatic reconnect (0.5 s → 30 s; the client subscribes again by
 * itself after a reconnect), every publish handed to a {@link Sink} on the client's thread.
 */
final class ExplorerClient {
    /** Where the client's thread puts each message; must not block. */
    interface Sink {
        void offer(String topic, ByteBuffer payload, boolean retained, int qos);
    }

    private final BrokerSettings settings;
    private final Mqtt5AsyncClient v5;
    private final Mqtt3AsyncClient v3;

    ExplorerClient(BrokerSettings settings, long timeoutMillis, Sink sink, MqttClientConnectedListener connected,
                   MqttClientDisconnectedListener disconnected) {
        this.settings = settings;
        var transport = MqttClient.builder().identifier(settings.clientId())
                .transportConfig().serverHost(settings.host()).serverPort(settings.port())
                .socketConnectTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .mqttConnectTimeout(timeoutMillis, TimeUnit.MILLISECONDS);
        if (settings.tls().isPresent()) transport = transport.sslConfig(MqttTlsConfigs.create(settings.tls().get()));
        MqttClientBuilder b = transport.applyTransportConfig()
                .automaticReconnect().initialDelay(500, TimeUnit.MILLISECONDS).maxDelay(30, TimeUnit.SECONDS)
                .applyAutomaticReconnect();
        if (connected != null) b = b.addConnectedListener(connected);
        if (disconnected != null) b = b.addDisconnectedListener(disconnected);
        if (settings.version() == MqttVersion.V5) {
            v5 = b.useMqttVersion5().buildAsync();
            v3 = null;
            v5.publishes(MqttGlobalPublishFilter.ALL, p -> sink.offer(p.getTopic().toString(),
                    p.getPayload().orElse(null), p.isRetain(), p.getQos().getCode()));
        } else {
            v3 = b.useMqttVersion3().buildAsync();
            v5 = null;
            v3.publishes(MqttGlobalPublishFilter.ALL, p -> sink.offer(p.getTopic().toString(),
                    p.getPayload().orElse(null), p.isRetain(), p.getQos().getCode()));
        }
    }

    String clientId() {
        return settings.clientId();
    }

    String where() {
        return settings.host() + ":" + settings.port();
    }

    CompletableFuture<?> connect() {
        if (v5 != null) {
            var connect = v5.connectWith().cleanStart(true).sessionExpiryInterval(0).keepAlive(settings.keepAliveSeconds());
            if (settings.username().isPresent()) {
                var a = connect.simpleAuth().username(settings.username().get());
                settings.password().ifPresent(p -> a.password(new String(p).getBytes(StandardCharsets.UTF_8)));
                a.applySimpleAuth();
            }
            return connect.send();
        }
        var connect = v3.connectWith().cleanSession(true).keepAlive(settings.keepAliveSeconds());
        if (settings.username().isPresent()) {
            var a = connect.simpleAuth().username(settings.username().get());
            settings.password().ifPresent(p -> a.password(new String(p).getBytes(StandardCharsets.UTF_8)));
            a.applySimpleAuth();
        }
        return connect.send();
    }

    /**
     * Subscribes at QoS 0 in one SUBSCRIBE; completes with the first refusal in words ("not authorized"), or empty when
     * the broker granted every filter.
     */
    CompletableFuture<Optional<Refusal>> subscribe(List<String> filters) {
        if (v5 != null) {
            var s = v5.subscribeWith().addSubscription().topicFilter(filters.getFirst()).qos(MqttQos.AT_MOST_ONCE).applySubscription();
            for (String f : filters.subList(1, filters.size())) {
                s = s.addSubscription().topicFilter(f).qos(MqttQos.AT_MOST_ONCE).applySubscription();
            }
            // when every filter is refused the client fails the future with the SUBACK inside
            return s.send().handle((ack, error) -> {
                if (error != null && LinkErrors.unwrap(error) instanceof Mqtt5SubAckException e) ack = e.getMqttMessage();
                if (ack == null) throw new CompletionException(error);
                var codes = ack.getReasonCodes();
                for (int i = 0; i < codes.size(); i++) {
                    if (codes.get(i).isError()) return Optional.of(new Refusal(filters.get(i), words(codes.get(i).name())));
                }
                return Optional.empty();
            });
        }
        var s = v3.subscribeWith().addSubscription().topicFilter(filters.getFirst()).qos(MqttQos.AT_MOST_ONCE).applySubscription();
        for (String f : filters.subList(1, filters.size())) {
            s = s.addSubscription().topicFilter(f).qos(MqttQos.AT_MOST_ONCE).applySubscription();
        }
        return s.send().handle((ack, error) -> {
            if (error != null && LinkErrors.unwrap(error) instanceof Mqtt3SubAckException e) ack = e.getMqttMessage();
            if (ack == null) throw new CompletionException(error);
            List<Mqtt3SubAckReturnCode> codes = new ArrayList<>(ack.getReturnCodes());
            for (int i = 0; i < codes.size(); i++) {
                if (codes.get(i) == Mqtt3SubAckReturnCode.FAILURE) return Optional.of(new Refusal(filters.get(i), "failure"));
            }
            return Optional.empty();
        });
    }

    /** A filter the broker did not grant, and its reason code in words. */
    record Refusal(String filter, String code) {
    }

    private static String words(String code) {
        return code.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** Disconnects (waits at most 2 s); nothing when not connected. */
    void disconnect() {
        try {
            if (v5 != null) v5.disconnect().orTimeout(2, TimeUnit.SECONDS).handle((v, e) -> null).join();
            if (v3 != null) v3.disconnect().orTimeout(2, TimeUnit.SECONDS).handle((v, e) -> null).join();
        } catch (RuntimeException ignored) {
            // not connected
        }
    }
}
