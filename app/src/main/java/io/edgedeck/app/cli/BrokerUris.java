package io.edgedeck.app.cli;

import io.edgedeck.link.mqtt.BrokerSettings;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Parses what people type as a broker address: {@code tcp://host:1883}, {@code mqtt://host}, {@code host:port},
 * {@code host} for plain MQTT; {@code ssl://host:8883}, {@code mqtts://host} (or {@code tls://}) for MQTT over TLS.
 */
public final class BrokerUris {
    private BrokerUris() {
    }

    /**
     * Returns {@code tcp://host:port} (port 1883 by default) or {@code ssl://host:port} (8883 by default); throws
     * IllegalArgumentException with a readable message.
     */
    public static URI parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the broker address is empty (expected e.g. tcp://localhost:1883)");
        }
        String t = text.trim();
        if (!t.contains("://")) {
            t = "tcp://" + t;
        }
        URI uri;
        try {
            uri = new URI(t);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a broker address (expected e.g. tcp://localhost:1883)");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        boolean tls = switch (scheme) {
            case "tcp", "mqtt" -> false;
            case "ssl", "mqtts", "tls" -> true;
            default -> throw new IllegalArgumentException("unknown scheme '" + scheme + "' in '" + text
                    + "' (use tcp://HOST:PORT, or ssl://HOST:PORT for TLS)");
        };
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("'" + text + "' has no host name (expected e.g. "
                    + (tls ? "ssl://broker.example.com:8883" : "tcp://localhost:1883") + ")");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? BrokerSettings.TLS_PORT : BrokerSettings.PLAIN_PORT;
        return URI.create((tls ? "ssl://" : "tcp://") + hostForUri(uri.getHost()) + ":" + port);
    }

    private static String hostForUri(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
