package io.edgedeck.app.cli;

import io.edgedeck.link.mqtt.BrokerSettings;
import io.edgedeck.link.mqtt.MqttVersion;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Broker options shared by the commands that connect. */
public final class BrokerOptions {
    @Option(names = "--broker", required = true, paramLabel = "URL",
            description = "MQTT broker, e.g. tcp://localhost:1883 (host:port also works), or ssl://HOST:8883 "
                    + "(mqtts://) for TLS.")
    String broker;

    @Mixin
    TlsOptions tls;

    @Option(names = "--mqtt", paramLabel = "3|5", defaultValue = "5",
            description = "MQTT protocol version: 5 (default) or 3 (3.1.1).")
    String mqttVersion;

    @Option(names = "--client-id", paramLabel = "ID",
            description = "MQTT client id. Stable by default, so a restarted collector resumes its persistent session.")
    String clientId;

    @Option(names = "--username", paramLabel = "NAME", description = "User name, if the broker wants one.")
    String username;

    @Option(names = "--password-env", paramLabel = "VAR",
            description = "Name of an environment variable holding the broker password (never pass it on the command line).")
    String passwordEnv;

    /** The settings, with {@code --key} taken as the TLS client key (collect, simulate). */
    BrokerSettings toSettings(String defaultClientId, TlsKeyOption tlsKey) {
        tls.useKeyOption(tlsKey);
        return toSettings(defaultClientId);
    }

    BrokerSettings toSettings(String defaultClientId) {
        var base = BrokerSettings.of(BrokerUris.parse(broker), clientId != null ? clientId : defaultClientId)
                .withVersion(MqttVersion.parse(mqttVersion));
        base = tls.applyTo(base);
        if (username == null && passwordEnv == null) {
            return base;
        }
        char[] password = null;
        if (passwordEnv != null) {
            String value = System.getenv(passwordEnv);
            if (value == null) {
                throw new IllegalArgumentException("environment variable " + passwordEnv + " is not set");
            }
            password = value.toCharArray();
        }
        return new BrokerSettings(base.uri(), base.version(), base.clientId(), java.util.Optional.ofNullable(username),
                java.util.Optional.ofNullable(password), base.cleanStart(), base.sessionExpirySeconds(),
                base.keepAliveSeconds(), base.tls());
    }

    /** Prints the warning of --tls-insecure-no-hostname-check when it was given. */
    void warnIfInsecure(java.io.PrintWriter err) {
        tls.warnIfInsecure(err);
    }

    static String hostPart() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = "localhost";
            }
        }
        return host.replaceAll("[^A-Za-z0-9._-]", "-");
    }
}
