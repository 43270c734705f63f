package io.edgedeck.link.mqtt;

import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Turns connection failures into sentences for people ("Cannot reach the MQTT broker at localhost:1883: connection refused"). */
public final class LinkErrors {
    private LinkErrors() {
    }

    /** A {@link LinkException} describing why connecting to the broker failed. */
    public static LinkException connectFailure(BrokerSettings settings, Throwable error, Duration timeout) {
        return new LinkException(describe(settings, error, timeout), unwrap(error));
    }

    public static String describe(BrokerSettings settings, Throwable error, Duration timeout) {
        String where = settings.host() + ":" + settings.port();
        Throwable e = unwrap(error);
        var tls = TlsFailures.describe(settings, e);
        if (tls.isPresent()) return tls.get();
        if (e instanceof TimeoutException) {
            return "Cannot reach the MQTT broker at " + where + ": timed out after " + seconds(timeout);
        }
        if (e instanceof Mqtt5ConnAckException ack) {
            Mqtt5ConnAckReasonCode code = ack.getMqttMessage().getReasonCode();
            return switch (code) {
                case BAD_USER_NAME_OR_PASSWORD -> "The MQTT broker at " + where + " refused the login: bad user name or password";
                case NOT_AUTHORIZED -> "The MQTT broker at " + where + " refused the login: not authorized";
                case CLIENT_IDENTIFIER_NOT_VALID -> "The MQTT broker at " + where + " rejected the client id '" + settings.clientId() + "'";
                case UNSUPPORTED_PROTOCOL_VERSION -> "The MQTT broker at " + where + " does not speak MQTT 5: try MQTT 3.1.1";
                default -> "The MQTT broker at " + where + " refused the connection: " + human(code.name());
            };
        }
        if (e instanceof Mqtt3ConnAckException ack) {
            Mqtt3ConnAckReturnCode code = ack.getMqttMessage().getReturnCode();
            return switch (code) {
                case BAD_USER_NAME_OR_PASSWORD -> "The MQTT broker at " + where + " refused the login: bad user name or password";
                case NOT_AUTHORIZED -> "The MQTT broker at " + where + " refused the login: not authorized";
                case IDENTIFIER_REJECTED -> "The MQTT broker at " + where + " rejected the client id '" + settings.clientId() + "'";
                default -> "The MQTT broker at " + where + " refused the connection: " + human(code.name());
            };
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return "Cannot reach the MQTT broker at " + where + ": unknown host '" + settings.host() + "'";
            }
            if (t instanceof NoRouteToHostException) {
                return "Cannot reach the MQTT broker at " + where + ": no route to host";
            }
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (t instanceof ConnectException || m.contains("connection refused")) {
                if (m.contains("timed out")) {
                    return "Cannot reach the MQTT broker at " + where + ": timed out after " + seconds(timeout);
                }
                return "Cannot reach the MQTT broker at " + where + ": connection refused";
            }
            if (m.contains("connection reset") && settings.tls().isEmpty()) {
                return "Cannot reach the MQTT broker at " + where + ": it closed the connection at once (a TLS port? "
                        + "then use ssl://" + settings.host() + ":" + settings.port() + ")";
            }
            if (m.contains("timed out") || m.contains("timeout")) {
                return "Cannot reach the MQTT broker at " + where + ": timed out after " + seconds(timeout);
            }
        }
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return "Cannot reach the MQTT broker at " + where + ": " + msg;
    }

    static Throwable unwrap(Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    private static String seconds(Duration d) {
        if (d == null) return "the timeout";
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    private static String human(String enumName) {
        return enumName.toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
