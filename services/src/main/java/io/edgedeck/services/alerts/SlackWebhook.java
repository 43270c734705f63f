package io.edgedeck.services.alerts;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * A Slack incoming-webhook address. The address is a secret (anyone holding it can post to the channel): it is never
 * logged or shown in full, {@link #toString()} and {@link #redacted()} give only the scheme, host and first path part.
 * HTTPS is required except for a server on this computer (loopback; for tests and local relays).
 */
public final class SlackWebhook {
    private final URI uri;

    private SlackWebhook(URI uri) {
        this.uri = uri;
    }

    /** Parses and checks the address; the message of a bad one does not repeat it in full. */
    public static SlackWebhook parse(String text) {
        String t = text == null ? "" : text.strip();
        URI u;
        try {
            u = new URI(t);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the Slack webhook address is not a URL");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (u.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("the Slack webhook address must be an https:// URL");
        }
        SlackWebhook hook = new SlackWebhook(u);
        if (scheme.equals("http") && !isLoopback(u.getHost())) {
            throw new IllegalArgumentException("the Slack webhook address " + hook.redacted()
                    + " must use https:// (plain http only to this computer)");
        }
        return hook;
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("::1");
    }

    /** The full address, for sending only. */
    URI uri() {
        return uri;
    }

    /** "https://hooks.slack.com/services/…": enough to tell which target, not enough to post to it. */
    public String redacted() {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        int second = path.indexOf('/', 1);
        String first = second > 0 ? path.substring(0, second) : "";
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + first + "/…";
    }

    /** {"text": "..."} with the text escaped for JSON. */
    static String message(String text) {
        StringBuilder b = new StringBuilder("{\"text\":\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append("\"}").toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SlackWebhook other && other.uri.equals(uri);
    }

    @Override
    public int hashCode() {
        return Objects.hash(uri);
    }

    @Override
    public String toString() {
        return redacted();
    }
}
