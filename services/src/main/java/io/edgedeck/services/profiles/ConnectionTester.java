package io.edgedeck.services.profiles;

import io.edgedeck.link.mqtt.BrokerSettings;
import io.edgedeck.link.mqtt.CommandChannel;
import io.edgedeck.link.mqtt.MqttVersion;

import java.time.Duration;

/**
 * "Test connection": connects once with the profile's settings (a clean session under the client id + "-test", so the
 * real session is left alone), disconnects, and says what worked. Blocking: call it off the FX thread. Failures are
 * the link's own exceptions, whose messages say why in words (LinkException, TlsSetupException).
 */
public final class ConnectionTester {
    private final String defaultClientId;
    private final Duration timeout;

    public ConnectionTester(String defaultClientId, Duration timeout) {
        this.defaultClientId = defaultClientId;
        this.timeout = timeout;
    }

    public String test(ConnectionProfile profile) {
        if (profile.demo()) {
            return "The demo fleet needs no test: its broker runs inside EdgeDeck.";
        }
        BrokerSettings settings = profile.toBrokerSettings(defaultClientId);
        BrokerSettings probe = settings.withClientId(settings.clientId() + "-test").withCleanStart(true);
        long start = System.nanoTime();
        try (CommandChannel c = CommandChannel.connect(probe, timeout)) {
            long ms = (System.nanoTime() - start) / 1_000_000;
            return "Connected to " + profile.host() + ":" + profile.port() + " with MQTT "
                    + (settings.version() == MqttVersion.V5 ? "5" : "3.1.1")
                    + (settings.tls().isPresent() ? " over TLS" : "") + " in " + ms + " ms.";
        }
    }

    public String defaultClientId() {
        return defaultClientId;
    }
}
