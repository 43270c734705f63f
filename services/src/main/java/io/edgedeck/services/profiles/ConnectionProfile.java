package io.edgedeck.services.profiles;

import io.edgedeck.link.mqtt.BrokerSettings;
import io.edgedeck.link.mqtt.MqttVersion;
import io.edgedeck.link.tls.Passphrase;
import io.edgedeck.link.tls.TlsSettings;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A saved way to reach a fleet: a broker and how to talk to it, or the built-in demo fleet. Secrets ({@code password},
 * {@code keyPassphrase}) are kept apart from the rest when stored (see {@link ProfileStore}) and never printed.
 *
 * @param clientId       null for the stable default the caller supplies (so a restart resumes the persistent session)
 * @param caFile         a pinned CA (PEM); null: the operating system's trusted CAs
 * @param trustSystemCas with {@code caFile}: trust the system's CAs as well
 * @param certFile       client certificate for mutual TLS (PEM, or PKCS#12 with {@code keyFile} null); null for none
 * @param mappingFile    topic mapping rules tried before the built-in ones; null for none
 * @param demo           the built-in broker with the simulated fleet (host and port are not used)
 */
public record ConnectionProfile(String name, String host, int port, boolean tls, MqttVersion mqttVersion,
                                String clientId, int keepAliveSeconds, String username, Optional<Passphrase> password,
                                Path caFile, boolean trustSystemCas, Path certFile, Path keyFile,
                                Optional<Passphrase> keyPassphrase, boolean verifyHostname, Path mappingFile,
                                boolean demo) {
    /** The name of the profile that always exists. */
    public static final String DEMO_NAME = "Demo fleet (built-in broker)";
    public static final int DEFAULT_KEEP_ALIVE = 30;

    public ConnectionProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mqttVersion, "mqttVersion");
        password = password == null ? Optional.empty() : password;
        keyPassphrase = keyPassphrase == null ? Optional.empty() : keyPassphrase;
    }

    /** The built-in demo fleet: EdgeDeck's own broker on a free local port with the simulated plugs and sensors. */
    public static ConnectionProfile demoFleet() {
        return new ConnectionProfile(DEMO_NAME, "127.0.0.1", 0, false, MqttVersion.V5, null, DEFAULT_KEEP_ALIVE, null,
                Optional.empty(), null, false, null, null, Optional.empty(), true, null, true);
    }

    /** A plain MQTT 5 profile for {@code host:port} with the defaults; change it with {@link #toBuilder()}. */
    public static ConnectionProfile plain(String name, String host, int port) {
        return new ConnectionProfile(name, host, port, false, MqttVersion.V5, null, DEFAULT_KEEP_ALIVE, null,
                Optional.empty(), null, false, null, null, Optional.empty(), true, null, false);
    }

    /** {@code tcp://host:port} or {@code ssl://host:port}. */
    public URI uri() {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return URI.create((tls ? "ssl://" : "tcp://") + h + ":" + port);
    }

    /** "broker.local:8883 (TLS)", or "built-in broker" for the demo fleet. */
    public String describe() {
        return demo ? "built-in broker" : host + ":" + port + (tls ? " (TLS)" : "");
    }

    /**
     * The settings to connect with. Files are not read here: a missing or unusable certificate or key is reported
     * when connecting (a TlsSetupException in words).
     *
     * @param defaultClientId used when the profile has no client id of its own
     */
    public BrokerSettings toBrokerSettings(String defaultClientId) {
        if (demo) {
            throw new IllegalStateException("the demo fleet's broker runs inside the console; it has no address to "
                    + "connect to from elsewhere");
        }
        var settings = new BrokerSettings(uri(), mqttVersion, isBlank(clientId) ? defaultClientId : clientId,
                Optional.ofNullable(isBlank(username) ? null : username), password.map(Passphrase::chars), false,
                86_400, keepAliveSeconds);
        return tls ? settings.withTls(tlsSettings()) : settings;
    }

    private TlsSettings tlsSettings() {
        TlsSettings t = caFile != null ? TlsSettings.pinnedCa(caFile).withSystemStore(trustSystemCas)
                : TlsSettings.systemTrust();
        if (certFile != null) {
            t = t.withIdentity(certFile, keyFile, keyPassphrase);
        }
        return t.withHostnameVerification(verifyHostname);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public String toString() {
        return "ConnectionProfile[" + name + ", " + describe() + "]"; // never the secrets
    }

    /** Changes a profile field by field. */
    public static final class Builder {
        private String name;
        private String host;
        private int port;
        private boolean tls;
        private MqttVersion mqttVersion;
        private String clientId;
        private int keepAliveSeconds;
        private String username;
        private Optional<Passphrase> password;
        private Path caFile;
        private boolean trustSystemCas;
        private Path certFile;
        private Path keyFile;
        private Optional<Passphrase> keyPassphrase;
        private boolean verifyHostname;
        private Path mappingFile;
        private final boolean demo;

        private Builder(ConnectionProfile p) {
            name = p.name; host = p.host; port = p.port; tls = p.tls; mqttVersion = p.mqttVersion;
            clientId = p.clientId; keepAliveSeconds = p.keepAliveSeconds; username = p.username;
            password = p.password; caFile = p.caFile; trustSystemCas = p.trustSystemCas; certFile = p.certFile;
            keyFile = p.keyFile; keyPassphrase = p.keyPassphrase; verifyHostname = p.verifyHostname;
            mappingFile = p.mappingFile; demo = p.demo;
        }

        public Builder name(String v) { name = v; return this; }
        public Builder host(String v) { host = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder tls(boolean v) { tls = v; return this; }
        public Builder mqttVersion(MqttVersion v) { mqttVersion = v; return this; }
        public Builder clientId(String v) { clientId = v; return this; }
        public Builder keepAliveSeconds(int v) { keepAliveSeconds = v; return this; }
        public Builder username(String v) { username = v; return this; }
        public Builder password(Optional<Passphrase> v) { password = v; return this; }
        public Builder caFile(Path v) { caFile = v; return this; }
        public Builder trustSystemCas(boolean v) { trustSystemCas = v; return this; }
        public Builder certFile(Path v) { certFile = v; return this; }
        public Builder keyFile(Path v) { keyFile = v; return this; }
        public Builder keyPassphrase(Optional<Passphrase> v) { keyPassphrase = v; return this; }
        public Builder verifyHostname(boolean v) { verifyHostname = v; return this; }
        public Builder mappingFile(Path v) { mappingFile = v; return this; }

        public ConnectionProfile build() {
            return new ConnectionProfile(name, host, port, tls, mqttVersion, clientId, keepAliveSeconds, username,
                    password, caFile, trustSystemCas, certFile, keyFile, keyPassphrase, verifyHostname, mappingFile,
                    demo);
        }
    }
}
