package io.edgedeck.app.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Parses what people type as a broker address: {@code tcp://host:1883}, {@code mqtt://host}, {@code host:port}, {@code host}. */
public final class BrokerUris {
    private BrokerUris() {
    }

    /** Returns {@code tcp://host:port}; throws IllegalArgumentException with a readable message. */
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
        switch (scheme) {
            case "tcp", "mqtt" -> { }
            case "ssl", "mqtts", "tls" -> throw new IllegalArgumentException(
                    "TLS broker addresses (" + scheme + "://) are not supported by this version yet; use tcp://HOST:PORT");
            default -> throw new IllegalArgumentException("unknown scheme '" + scheme + "' in '" + text
                    + "' (use tcp://HOST:PORT)");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("'" + text + "' has no host name (expected e.g. tcp://localhost:1883)");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : 1883;
        return URI.create("tcp://" + hostForUri(uri.getHost()) + ":" + port);
    }

    private static String hostForUri(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
