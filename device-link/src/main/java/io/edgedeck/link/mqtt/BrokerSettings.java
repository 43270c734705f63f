package io.edgedeck.link.mqtt;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to connect. {@code uri} is {@code tcp://host:port} (or {@code mqtt://}); TLS schemes come later.
 * A stable {@code clientId} with {@code cleanStart == false} resumes the broker's persistent session.
 */
public record BrokerSettings(URI uri, MqttVersion version, String clientId, Optional<String> username,
                             Optional<char[]> password, boolean cleanStart, long sessionExpirySeconds,
                             int keepAliveSeconds) {
    public BrokerSettings {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(clientId, "clientId");
    }

    /** Plain defaults: MQTT 5, persistent session of one day, 30 s keep-alive. */
    public static BrokerSettings of(URI uri, String clientId) {
        return new BrokerSettings(uri, MqttVersion.V5, clientId, Optional.empty(), Optional.empty(), false,
                86_400, 30);
    }

    public BrokerSettings withVersion(MqttVersion v) {
        return new BrokerSettings(uri, v, clientId, username, password, cleanStart, sessionExpirySeconds, keepAliveSeconds);
    }

    public BrokerSettings withClientId(String id) {
        return new BrokerSettings(uri, version, id, username, password, cleanStart, sessionExpirySeconds, keepAliveSeconds);
    }

    public BrokerSettings withCleanStart(boolean clean) {
        return new BrokerSettings(uri, version, clientId, username, password, clean, sessionExpirySeconds, keepAliveSeconds);
    }

    public String host() {
        return uri.getHost();
    }

    public int port() {
        return uri.getPort() > 0 ? uri.getPort() : 1883;
    }
}
