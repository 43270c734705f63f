package io.edgedeck.app.cli;

import io.edgedeck.link.mqtt.BrokerSettings;
import io.edgedeck.link.mqtt.MqttVersion;
import io.edgedeck.link.tls.Passphrase;
import io.edgedeck.services.profiles.ConnectionProfile;
import io.edgedeck.services.profiles.ProfileStore;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Broker options shared by the commands that connect: a saved connection profile ({@code --profile}), the same
 * settings as options, or both (an option given explicitly overrides the profile's setting).
 */
public final class BrokerOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--broker", paramLabel = "URL",
            description = "MQTT broker, e.g. tcp://localhost:1883 (host:port also works), or ssl://HOST:8883 "
                    + "(mqtts://) for TLS. Needed unless --profile gives it.")
    String broker;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "A connection profile saved in the console (profiles.json in the config folder): broker, "
                    + "TLS files, version, client id, user name and password. Options given as well override it.")
    String profile;

    @Mixin
    TlsOptions tls;

    @Option(names = "--mqtt", paramLabel = "3|5",
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

    private ConnectionProfile usedProfile;
    private boolean insecure;

    /** The settings, with {@code --key} taken as the TLS client key (collect, simulate). */
    BrokerSettings toSettings(String defaultClientId, TlsKeyOption tlsKey) {
        tls.useKeyOption(tlsKey);
        return toSettings(defaultClientId);
    }

    BrokerSettings toSettings(String defaultClientId) {
        if (profile != null) {
            return fromProfile(defaultClientId);
        }
        if (broker == null) {
            throw new IllegalArgumentException("say which broker: --broker URL (e.g. tcp://localhost:1883) or "
                    + "--profile NAME (a connection profile saved in the console)");
        }
        var base = BrokerSettings.of(BrokerUris.parse(broker), clientId != null ? clientId : defaultClientId)
                .withVersion(MqttVersion.parse(mqttVersion == null ? "5" : mqttVersion));
        base = tls.applyTo(base);
        insecure = tls.noHostnameCheck;
        if (username == null && passwordEnv == null) {
            return base;
        }
        char[] password = passwordEnv == null ? null : passwordFromEnv();
        return new BrokerSettings(base.uri(), base.version(), base.clientId(), Optional.ofNullable(username),
                Optional.ofNullable(password), base.cleanStart(), base.sessionExpirySeconds(),
                base.keepAliveSeconds(), base.tls());
    }

    /** The profile's settings with every option given on the command line laid over them. */
    private BrokerSettings fromProfile(String defaultClientId) {
        ProfileStore store = ProfileStore.inConfigFolder(CliServices.paths(mixee).configDir());
        ConnectionProfile p = store.find(profile).orElseThrow(() -> new IllegalArgumentException("no connection "
                + "profile named '" + profile + "' in " + store.file() + " (saved profiles: " + store.load().stream()
                .filter(x -> !x.demo()).map(ConnectionProfile::name).collect(Collectors.joining(", ")) + ")"));
        if (p.demo()) {
            throw new IllegalArgumentException("'" + p.name() + "' is the console's built-in broker, which runs only "
                    + "inside the console; give another --profile or --broker");
        }
        var b = p.toBuilder();
        if (broker != null) {
            URI uri = BrokerUris.parse(broker);
            b.host(uri.getHost()).port(uri.getPort()).tls(BrokerSettings.isTlsScheme(uri));
        }
        if (mqttVersion != null) b.mqttVersion(MqttVersion.parse(mqttVersion));
        if (clientId != null) b.clientId(clientId);
        if (username != null) b.username(username);
        if (passwordEnv != null) b.password(Optional.of(Passphrase.of(passwordFromEnv())));
        tls.overrideProfile(b);
        ConnectionProfile merged = b.build();
        if (!merged.tls() && (merged.caFile() != null || merged.certFile() != null)) {
            throw new IllegalArgumentException("TLS files (CA, client certificate) need a TLS broker address: ssl://"
                    + merged.host() + ":" + BrokerSettings.TLS_PORT + " instead of " + merged.uri());
        }
        usedProfile = merged;
        insecure = merged.tls() && !merged.verifyHostname();
        return merged.toBrokerSettings(defaultClientId);
    }

    /** True when {@code --client-id} was given, or the profile has a client id of its own. */
    boolean clientIdGiven() {
        return clientId != null;
    }

    /** The topic mapping file of the profile used, if any. */
    Optional<Path> profileMapping() {
        return usedProfile == null ? Optional.empty() : Optional.ofNullable(usedProfile.mappingFile());
    }

    private char[] passwordFromEnv() {
        String value = System.getenv(passwordEnv);
        if (value == null) {
            throw new IllegalArgumentException("environment variable " + passwordEnv + " is not set");
        }
        return value.toCharArray();
    }

    /** Prints a warning when the broker's name is not checked (the option, or a profile saved that way). */
    void warnIfInsecure(java.io.PrintWriter err) {
        if (insecure) {
            err.println("edgedeck: WARNING: the broker's name is not checked against its certificate "
                    + (usedProfile != null && !tls.noHostnameCheck ? "(profile '" + usedProfile.name() + "')"
                    : "(--tls-insecure-no-hostname-check)")
                    + "; anyone with a certificate from a trusted CA can pose as the broker.");
            err.flush();
        }
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
