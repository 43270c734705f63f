package io.edgedeck.link.mqtt;

import io.edgedeck.link.tls.TlsSettings;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to connect. {@code uri} is {@code tcp://host:port} (or {@code mqtt://}) for plain MQTT, or
 * {@code ssl://host:port} (or {@code mqtts://}) for MQTT over TLS; {@code tls} says how TLS is set up and is given
 * for TLS addresses (the system's trusted CAs when the address is TLS and nothing more was said). A stable
 * {@code clientId} with {@code cleanStart == false} resumes the broker's persistent session.
 */
public record BrokerSettings(URI uri, MqttVersion version, String clientId, Optional<String> username,
                             Optional<char[]> password, boolean cleanStart, long sessionExpirySeconds,
                             int keepAliveSeconds, Optional<TlsSettings> tls) {
    /** The MQTT-over-TLS port (IANA). */
    public static final int TLS_PORT = 8883;
    /** The plain MQTT port (IANA). */
    public static final int PLAIN_PORT = 1883;

    public BrokerSettings {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(tls, "tls");
        if (tls.isEmpty() && isTlsScheme(uri)) tls = Optional.of(TlsSettings.systemTrust());
    }

    /** Plain or TLS by the address's scheme (no TLS settings: the system's CAs for ssl:// addresses). */
    public BrokerSettings(URI uri, MqttVersion version, String clientId, Optional<String> username,
                          Optional<char[]> password, boolean cleanStart, long sessionExpirySeconds, int keepAliveSeconds) {
        this(uri, version, clientId, username, password, cleanStart, sessionExpirySeconds, keepAliveSeconds,
                Optional.empty());
    }

    /** Plain defaults: MQTT 5, persistent session of one day, 30 s keep-alive. */
    public static BrokerSettings of(URI uri, String clientId) {
        return new BrokerSettings(uri, MqttVersion.V5, clientId, Optional.empty(), Optional.empty(), false,
                86_400, 30);
    }

    public BrokerSettings withVersion(MqttVersion v) {
        return new BrokerSettings(uri, v, clientId, username, password, cleanStart, sessionExpirySeconds, keepAliveSeconds, tls);
    }

    public BrokerSettings withClientId(String id) {
        return new BrokerSettings(uri, version, id, username, password, cleanStart, sessionExpirySeconds, keepAliveSeconds, tls);
    }

    public BrokerSettings withCleanStart(boolean clean) {
        return new BrokerSettings(uri, version, clientId, username, password, clean, sessionExpirySeconds, keepAliveSeconds, tls);
    }

    /** The same broker over TLS with these settings. */
    public BrokerSettings withTls(TlsSettings settings) {
        return new BrokerSettings(uri, version, clientId, username, password, cleanStart, sessionExpirySeconds,
                keepAliveSeconds, Optional.of(settings));
    }

    public String host() {
        return uri.getHost();
    }

    public int port() {
        return uri.getPort() > 0 ? uri.getPort() : tls.isPresent() ? TLS_PORT : PLAIN_PORT;
    }

    /** ssl://, mqtts:// or tls:// */
    public static boolean isTlsScheme(URI uri) {
        String s = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return s.equals("ssl") || s.equals("mqtts") || s.equals("tls");
    }
}
